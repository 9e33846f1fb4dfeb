import {request} from 'undici';
import {describe, expect, it} from 'vitest';
import {startSimulator} from '../../source/testbed/simulator/index.js';
import {call, chatBody, masterKey, start} from './helpers.js';

describe('lifecycle, logs and determinism', () => {
	it('closes without waiting for a keep-alive connection or a stream in flight', async () => {
		const sim = await startSimulator({personality: 'baseline', masterKey, chunkDelayMs: 50});
		// Leaves a keep-alive socket in undici's pool.
		expect((await call(sim, '/v1/models')).status).toBe(200);
		const streaming = await request(`${sim.url}/v1/chat/completions`, {
			method: 'POST',
			headers: {authorization: `Bearer ${masterKey}`, 'content-type': 'application/json'},
			body: JSON.stringify(chatBody({stream: true, max_tokens: 1000})),
		});
		expect(streaming.statusCode).toBe(200);
		const drained = streaming.body.text().catch(() => 'aborted');
		// 1000 chunks 50 ms apart: a close that waited for the stream would let it reach [DONE].
		await sim.close();
		const partial = await drained;
		expect(partial).not.toContain('[DONE]');
		await expect(call(sim, '/v1/models')).rejects.toThrow();
	});

	it('writes JSON log lines on the candidate and uvicorn lines on the baseline, never a key', async () => {
		const lines: string[] = [];
		const candidate = await start({personality: 'candidate', logger: line => lines.push(line)});
		const key = (await call(candidate, '/key/generate', {json: {}})).json.key as string;
		await call(candidate, `/key/info?key=${key}`, {headers: {'x-request-id': 'log-me'}});
		await call(candidate, '/v1/chat/completions', {key, json: chatBody()});
		await call(candidate, '/v1/models', {key: 'sk-not-a-real-key-9999'});
		const access = lines.map(line => JSON.parse(line) as Record<string, unknown>);
		expect(access.every(entry => typeof entry.level === 'string' && typeof entry.message === 'string')).toBe(true);
		const keyInfo = access.find(entry => entry.request_id === 'log-me');
		expect(keyInfo?.message).toContain('GET /key/info?key=****');
		expect(keyInfo?.level).toBe('INFO');

		const plain: string[] = [];
		const baseline = await start({logger: line => plain.push(line)});
		await call(baseline, `/key/info?key=${key}`);
		await call(baseline, '/v1/chat/completions', {json: chatBody({model: 'nope'})});
		expect(plain.some(line => /^INFO: {5}Uvicorn running on http:\/\/127\.0\.0\.1:\d+/.test(line))).toBe(true);
		expect(plain.some(line => /^INFO: {5}127\.0\.0\.1:\d+ - "POST \/v1\/chat\/completions HTTP\/1\.1" 400 Bad Request$/.test(line))).toBe(true);
		for (const line of [...lines, ...plain]) {
			expect(line).not.toContain(masterKey);
			expect(line).not.toContain(key);
			expect(line).not.toContain('sk-not-a-real-key-9999');
		}
	});

	it('answers identically for the same seed, and differently without one', async () => {
		const one = await start({seed: 7, cache: false});
		const two = await start({seed: 7, cache: false});
		const a = await call(one, '/v1/chat/completions', {json: chatBody()});
		const b = await call(two, '/v1/chat/completions', {json: chatBody()});
		expect(a.json.id).toBe(b.json.id);
		expect(a.json.choices[0].message.content).toBe(b.json.choices[0].message.content);
		const random = await start({cache: false});
		const contents = new Set<string>();
		for (let index = 0; index < 3; index++) contents.add((await call(random, '/v1/chat/completions', {json: chatBody()})).json.choices[0].message.content);
		expect(contents.size).toBeGreaterThan(1);
	});

	it('adds latencyMs to every answer', async () => {
		const sim = await start({latencyMs: 40});
		expect((await call(sim, '/health/readiness', {key: null})).ms).toBeGreaterThanOrEqual(38);
		expect((await call(sim, '/v1/models')).ms).toBeGreaterThanOrEqual(38);
		expect((await call(sim, '/no/such/path')).ms).toBeGreaterThanOrEqual(38);
		expect((await call(sim, '/v1/chat/completions', {json: chatBody({model: 'nope'})})).ms).toBeGreaterThanOrEqual(38);
		expect((await call(sim, '/v1/chat/completions', {key: null, json: chatBody()})).ms).toBeGreaterThanOrEqual(38);
		expect((await call(sim, '/v1/chat/completions', {json: chatBody({stream: true})})).ms).toBeGreaterThanOrEqual(38);
	});

	it('rejects an unknown personality', async () => {
		await expect(startSimulator({personality: 'other' as 'baseline'})).rejects.toThrow(/personality/);
	});
});
