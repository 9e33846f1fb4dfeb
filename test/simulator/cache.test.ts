import {describe, expect, it} from 'vitest';
import {call, chatBody, start} from './helpers.js';

describe('response cache (§9)', () => {
	it('serves an identical second request from the cache: same object, cache key, zero cost, faster', async () => {
		const sim = await start({latencyMs: 150});
		const body = chatBody({messages: [{role: 'user', content: 'cache me'}]});
		const first = await call(sim, '/v1/chat/completions', {json: body});
		const second = await call(sim, '/v1/chat/completions', {json: body});
		expect(second.status).toBe(200);
		expect(second.json.id).toBe(first.json.id);
		expect(second.json.created).toBe(first.json.created);
		expect(second.json.choices[0].message.content).toBe(first.json.choices[0].message.content);
		expect(first.headers['x-litellm-cache-key']).toBeUndefined();
		expect(second.headers['x-litellm-cache-key']).toMatch(/^[0-9a-f]{64}$/);
		expect(second.headers['x-litellm-response-cost']).toBe('0');
		expect(Number(first.headers['x-litellm-response-cost'])).toBeGreaterThan(0);
		// The hit skips the 150 ms of simulated upstream latency.
		expect(first.ms).toBeGreaterThanOrEqual(145);
		expect(Number(second.headers['x-litellm-response-duration-ms'])).toBeLessThan(Number(first.headers['x-litellm-response-duration-ms']) - 100);
		expect(second.ms).toBeLessThan(first.ms - 75);
		const rows = (await call(sim, '/spend/logs')).json;
		expect(rows.map((row: {cache_hit: string}) => row.cache_hit)).toEqual(['False', 'True']);
	});

	it('skips the read with cache: {"no-cache": true} and differs on other parameters', async () => {
		const sim = await start();
		const body = chatBody({messages: [{role: 'user', content: 'again'}]});
		const first = await call(sim, '/v1/chat/completions', {json: body});
		const skipped = await call(sim, '/v1/chat/completions', {json: {...body, cache: {'no-cache': true}}});
		expect(skipped.json.id).not.toBe(first.json.id);
		expect(skipped.headers['x-litellm-cache-key']).toBeUndefined();
		const other = await call(sim, '/v1/chat/completions', {json: {...body, temperature: 0.2}});
		expect(other.json.id).not.toBe(first.json.id);
		const embedding = {model: 'text-embedding-3-small', input: 'cache'};
		await call(sim, '/v1/embeddings', {json: embedding});
		expect((await call(sim, '/v1/embeddings', {json: embedding})).headers['x-litellm-cache-key']).toBeDefined();
	});

	it('never caches without a cache, and /cache/ping says so with 503', async () => {
		const sim = await start({cache: false});
		const body = chatBody();
		const first = await call(sim, '/v1/chat/completions', {json: body});
		const second = await call(sim, '/v1/chat/completions', {json: body});
		expect(second.json.id).not.toBe(first.json.id);
		const ping = await call(sim, '/cache/ping');
		expect(ping.status).toBe(503);
		expect(ping.json).toEqual({detail: 'Cache not initialized. litellm.cache is None'});
		const on = await start();
		expect((await call(on, '/cache/ping')).json).toMatchObject({status: 'healthy', cache_type: 'redis', ping_response: true});
	});
});
