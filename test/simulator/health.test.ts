import {describe, expect, it} from 'vitest';
import {call, start} from './helpers.js';

describe('health endpoints (§2)', () => {
	it('answers liveliness and liveness with the JSON string "I\'m alive!"', async () => {
		const sim = await start();
		for (const path of ['/health/liveliness', '/health/liveness']) {
			const answer = await call(sim, path, {key: null});
			expect(answer.status).toBe(200);
			expect(answer.headers['content-type']).toBe('application/json');
			expect(answer.text).toBe('"I\'m alive!"');
		}

		const options = await call(sim, '/health/liveliness', {key: null, method: 'OPTIONS'});
		expect(options.status).toBe(200);
		expect(options.headers.allow).toBe('GET, OPTIONS');
	});

	it('gives the v1.81 readiness body, reflecting DB and cache', async () => {
		const sim = await start();
		const answer = await call(sim, '/health/readiness', {key: null});
		expect(answer.status).toBe(200);
		expect(answer.json).toMatchObject({status: 'healthy', db: 'connected', cache: 'redis', litellm_version: '1.81.3', use_aiohttp_transport: true, log_level: 'WARNING', is_detailed_debug: false});
		expect(answer.json.success_callbacks).toContain('prometheus');
		const bare = await start({db: false, cache: false, prometheus: false, version: '1.80.0'});
		const bareAnswer = await call(bare, '/health/readiness', {key: null});
		expect(bareAnswer.json).toMatchObject({db: 'Not connected', cache: null, litellm_version: '1.80.0'});
		expect(bareAnswer.json.success_callbacks).not.toContain('prometheus');
	});

	it('requires a key for /health and lists every deployment without its api_key', async () => {
		const sim = await start();
		expect((await call(sim, '/health', {key: null})).status).toBe(401);
		const answer = await call(sim, '/health');
		expect(answer.status).toBe(200);
		expect(answer.json.healthy_count).toBe(7);
		expect(answer.json.unhealthy_count).toBe(0);
		expect(answer.json.unhealthy_endpoints).toEqual([]);
		expect(answer.json.healthy_endpoints[0]).toMatchObject({model: 'openai/gpt-4o-mini', api_base: 'https://upstream-a.simulated.invalid/v1'});
		expect(answer.text).not.toContain('api_key');
		expect(answer.headers['x-litellm-version']).toBeUndefined();
		const one = await call(sim, '/health?model=gpt-4o-mini');
		expect(one.json.healthy_count).toBe(2);
		const unknown = await call(sim, '/health?model_id=nope');
		expect(unknown.status).toBe(404);
		expect(unknown.json).toEqual({detail: {error: 'Model with ID nope not found'}});
	});

	it('answers /test and /health/services', async () => {
		const sim = await start();
		expect((await call(sim, '/test', {key: null})).json).toEqual({route: '/test'});
		const service = await call(sim, '/health/services?service=prometheus');
		expect(service.json).toEqual({status: 'success', message: 'Mock LLM request made - check prometheus.'});
		const missing = await call(sim, '/health/services');
		expect(missing.status).toBe(422);
		expect(missing.json.detail[0]).toMatchObject({type: 'missing', loc: ['query', 'service']});
	});
});
