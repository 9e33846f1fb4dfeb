import {describe, expect, it} from 'vitest';
import {call, chatBody, sseFrames, start} from './helpers.js';

describe('response cache (§9)', () => {
	it('serves an identical second request from the cache: same object, cache key, the original cost and deployment, a hit in the spend log', async () => {
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
		// LiteLLM 1.81.13 keeps the original cost and deployment headers on a hit (the spend log still says it was free).
		expect(Number(first.headers['x-litellm-response-cost'])).toBeGreaterThan(0);
		expect(second.headers['x-litellm-response-cost']).toBe(first.headers['x-litellm-response-cost']);
		// The router picks a deployment before the cache is read, so a hit names the one picked for it.
		expect(['gpt-4o-mini-a', 'gpt-4o-mini-b']).toContain(second.headers['x-litellm-model-id']);
		expect(second.headers['x-litellm-model-api-base']).toMatch(/^https:\/\/upstream-[ab]\.simulated\.invalid\/v1$/);
		// Proved by what the proxy records, not by how long it took.
		const rows = (await call(sim, '/spend/logs')).json;
		expect(rows.map((row: {cache_hit: string}) => row.cache_hit)).toEqual(['False', 'True']);
		expect(rows[1].cache_key).toBe(second.headers['x-litellm-cache-key']);
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

	it('prefixes the cache key with the namespace and caches streams, replaying them as one content chunk', async () => {
		const sim = await start({cacheNamespace: 'side-a', chunkDelayMs: 0});
		const body = chatBody({messages: [{role: 'user', content: 'stream me twice'}], stream: true, max_tokens: 4, stream_options: {include_usage: true}});
		const first = sseFrames((await call(sim, '/v1/chat/completions', {json: body})).text);
		const second = await call(sim, '/v1/chat/completions', {json: body});
		const replay = sseFrames(second.text);
		expect(first.frames).toHaveLength(4 + 2);
		expect(replay.done).toBe(true);
		expect(replay.frames).toHaveLength(3);
		expect(replay.frames[0].id).toBe(first.frames[0].id);
		expect(replay.frames[0].choices[0].delta).toEqual({content: first.frames.map(frame => frame.choices[0]?.delta?.content ?? '').join(''), role: 'assistant'});
		expect(replay.frames[1].choices[0].finish_reason).toBe('stop');
		expect(replay.frames[2].usage).toEqual(first.frames[5].usage);
		// stream is part of the key: the same prompt without it is a miss, then a hit under the namespace.
		const {stream: _stream, stream_options: _options, ...plain} = body;
		expect((await call(sim, '/v1/chat/completions', {json: plain})).headers['x-litellm-cache-key']).toBeUndefined();
		expect((await call(sim, '/v1/chat/completions', {json: plain})).headers['x-litellm-cache-key']).toMatch(/^side-a:[0-9a-f]{64}$/);
		expect((await call(sim, '/cache/ping')).json.health_check_cache_params).toMatchObject({namespace: 'side-a'});
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
		const pong = (await call(on, '/cache/ping')).json;
		expect(pong).toMatchObject({status: 'healthy', cache_type: 'redis', ping_response: true, set_cache_response: 'success', health_check_cache_params: {namespace: null}});
		// LiteLLM 1.81.13 sends the cache params as a JSON string.
		expect(JSON.parse(pong.litellm_cache_params)).toMatchObject({type: 'redis', namespace: 'None'});
	});
});
