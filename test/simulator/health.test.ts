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

	it('gives the 1.81.13 readiness body, reflecting DB and cache; loggers and custom callbacks appear after the first call', async () => {
		const sim = await start({callbacks: ['MyCustomHandler']});
		const answer = await call(sim, '/health/readiness', {key: null});
		expect(answer.status).toBe(200);
		expect(answer.json).toEqual({
			status: 'healthy',
			db: 'connected',
			cache: 'redis',
			litellm_version: '1.81.13',
			success_callbacks: ['cache', 'sync_deployment_callback_on_success'],
			use_aiohttp_transport: true,
		});
		await call(sim, '/v1/embeddings', {json: {model: 'text-embedding-3-small', input: 'wake the loggers'}});
		const after = (await call(sim, '/health/readiness', {key: null})).json.success_callbacks;
		expect(after).toEqual(expect.arrayContaining(['PrometheusLogger', 'MyCustomHandler', '_PROXY_MaxParallelRequestsHandler_v3', 'ServiceLogging']));
		expect(after.slice(0, 2)).toEqual(['cache', 'sync_deployment_callback_on_success']);
		const bare = await start({db: false, cache: false, prometheus: false, version: '1.80.0'});
		await call(bare, '/v1/embeddings', {json: {model: 'text-embedding-3-small', input: 'x'}});
		const bareAnswer = await call(bare, '/health/readiness', {key: null});
		expect(bareAnswer.json).toMatchObject({db: 'Not connected', cache: null, litellm_version: '1.80.0'});
		expect(bareAnswer.json.success_callbacks).not.toContain('PrometheusLogger');
		expect(bareAnswer.json.success_callbacks).not.toContain('cache');
		expect(bareAnswer.json.success_callbacks).not.toContain('MyCustomHandler');
	});

	it('requires a key for /health and lists every deployment without its api_key', async () => {
		const sim = await start();
		expect((await call(sim, '/health', {key: null})).status).toBe(401);
		const answer = await call(sim, '/health');
		expect(answer.status).toBe(200);
		expect(answer.json.healthy_count).toBe(7);
		expect(answer.json.unhealthy_count).toBe(0);
		expect(answer.json.unhealthy_endpoints).toEqual([]);
		expect(answer.json.healthy_endpoints[0]).toMatchObject({
			model: 'openai/gpt-4o-mini',
			api_base: 'https://upstream-a.simulated.invalid/v1',
			use_in_pass_through: false,
			cache: {'no-cache': true},
			litellm_metadata: {user_api_key_alias: 'litellm-internal-health-check'},
		});
		expect(answer.text).not.toContain('sk-simulated-upstream-key');
		expect(answer.json.healthy_endpoints[0]).not.toHaveProperty('api_key');
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
		// As LiteLLM 1.81.13 answers (measured): prometheus is not a service it can test, slack needs alerting config.
		const refused = await call(sim, '/health/services?service=prometheus');
		expect(refused.status).toBe(400);
		expect(refused.json.error).toMatchObject({type: 'auth_error', code: '400'});
		expect(refused.json.error.message).toMatch(/^\{'error': "Service must be in list\. Service=prometheus not in typing\.Union\[typing\.Literal\['slack_budget_alerts', /);
		const slack = await call(sim, '/health/services?service=slack');
		expect(slack.json.error).toEqual({message: `{'error': '"slack" not in proxy config: general_settings. Unable to test this.'}`, type: 'auth_error', param: 'None', code: '422'});
		expect((await call(sim, '/health/services?service=langfuse')).json).toEqual({status: 'success', message: 'Mock LLM request made - check langfuse.'});
		const missing = await call(sim, '/health/services');
		expect(missing.status).toBe(422);
		expect(missing.json.detail[0]).toMatchObject({type: 'missing', loc: ['query', 'service']});
	});
});
