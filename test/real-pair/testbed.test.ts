// The real pair's own parts that run without Python: the generated LiteLLM config, the mock upstream's endpoints, and
// the process helpers' messages (a taken port, a process that dies before it is ready).
import {writeFileSync, mkdtempSync, rmSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {litellmConfig} from '../../source/testbed/real-pair/litellm-config.js';
import {assertPortFree, spawnDetached, waitUntil} from '../../source/testbed/real-pair/processes.js';
import {startMockUpstream, type MockUpstream} from '../../source/testbed/upstream/mock-openai.js';

const input = {upstreamUrl: 'http://127.0.0.1:9', masterKey: 'sk-test', redisPort: 6390, namespace: 'parity-baseline-x'};

describe('the generated LiteLLM config', () => {
	it('forwards every capability to the mock upstream, with Redis caching, the three callbacks and a master key', () => {
		const config = parse(litellmConfig(input));
		expect(config.model_list.map((entry: {model_name: string}) => entry.model_name)).toEqual(['gpt-4o-mini', 'gpt-3.5-turbo-instruct', 'text-embedding-3-small', 'dall-e-3', 'whisper-1', 'tts-1']);
		for (const entry of config.model_list) expect(entry.litellm_params.api_base).toBe('http://127.0.0.1:9/v1');
		expect(config.litellm_settings.callbacks).toEqual(['prometheus', 'otel', 'custom_callbacks.proxy_handler_instance']);
		expect(config.litellm_settings.cache_params).toEqual({type: 'redis', host: '127.0.0.1', port: 6390, namespace: 'parity-baseline-x'});
		expect(config.general_settings.master_key).toBe('sk-test');
	});

	it('changes exactly one feature per variant', () => {
		const stock = parse(litellmConfig(input));
		const without = (variant: Parameters<typeof litellmConfig>[0]['variant']) => parse(litellmConfig({...input, variant}));
		expect(without({removeModels: ['speech']}).model_list).toEqual(stock.model_list.filter((entry: {model_name: string}) => entry.model_name !== 'tts-1'));
		const noCache = without({cache: false});
		expect(noCache.litellm_settings.cache).toBeUndefined();
		expect({...noCache, litellm_settings: {...noCache.litellm_settings, cache: true, cache_params: stock.litellm_settings.cache_params}}).toEqual(stock);
		expect(without({auth: false}).general_settings).toEqual({});
		expect(without({removeCallbacks: ['prometheus']}).litellm_settings.callbacks).toEqual(['otel', 'custom_callbacks.proxy_handler_instance']);
	});
});

describe('the mock OpenAI upstream', () => {
	let upstream: MockUpstream;
	beforeAll(async () => {
		upstream = await startMockUpstream();
	});
	afterAll(async () => upstream.close());
	const post = async (route: string, body: unknown) => fetch(`${upstream.url}/v1${route}`, {method: 'POST', headers: {'content-type': 'application/json'}, body: JSON.stringify(body)});

	it('answers legacy completions, streamed too, ending with [DONE]', async () => {
		const plain = await (await post('/completions', {model: 'm', prompt: 'hi'})).json();
		expect(plain).toMatchObject({object: 'text_completion', choices: [{text: 'mock upstream reply', finish_reason: 'stop'}]});
		const stream = await (await post('/completions', {model: 'm', prompt: 'hi', stream: true})).text();
		expect(stream.trim().endsWith('data: [DONE]')).toBe(true);
		expect(stream).toContain('"finish_reason":"stop"');
	});

	it('sends the usage frame before [DONE] only when stream_options.include_usage asks for it, chat and legacy', async () => {
		const frames = async (route: string, body: Record<string, unknown>) => (await (await post(route, {model: 'm', stream: true, ...body})).text()).split('\n\n').filter(line => line.startsWith('data: {')).map(line => JSON.parse(line.slice(6)) as {choices: unknown[]; usage?: unknown});
		for (const [route, body] of [['/chat/completions', {messages: [{role: 'user', content: 'hi'}]}], ['/completions', {prompt: 'hi'}]] as const) {
			const asked = await frames(route, {...body, stream_options: {include_usage: true}});
			expect(asked.at(-1), route).toMatchObject({choices: [], usage: {prompt_tokens: 5, completion_tokens: 3, total_tokens: 8}});
			expect(asked.slice(0, -1).every(frame => frame.usage === undefined && frame.choices.length === 1), route).toBe(true);
			expect((await frames(route, body)).some(frame => frame.usage !== undefined), route).toBe(false);
		}
	});

	it('gives one embedding per input', async () => {
		const one = await (await post('/embeddings', {model: 'e', input: 'x'})).json();
		const three = await (await post('/embeddings', {model: 'e', input: ['a', 'b', 'c']})).json();
		expect([one.data.length, three.data.length]).toEqual([1, 3]);
	});

	it('answers images as a URL or b64_json, transcription text and speech bytes', async () => {
		expect((await (await post('/images/generations', {prompt: 'p'})).json()).data[0].url).toMatch(/^https:/);
		expect((await (await post('/images/generations', {prompt: 'p', response_format: 'b64_json'})).json()).data[0].b64_json).toMatch(/^iVBOR/);
		const form = new FormData();
		form.set('model', 'whisper-1');
		form.set('file', new Blob([Buffer.from('RIFF')], {type: 'audio/wav'}), 'a.wav');
		expect(await (await fetch(`${upstream.url}/v1/audio/transcriptions`, {method: 'POST', body: form})).json()).toEqual({text: 'mock upstream reply'});
		const speech = await post('/audio/speech', {model: 'tts-1', input: 'x', voice: 'alloy'});
		expect(speech.headers.get('content-type')).toBe('audio/mpeg');
		expect((await speech.arrayBuffer()).byteLength).toBeGreaterThan(0);
	});

	it('keeps uploaded files: upload (multipart), list, retrieve, content, delete; refuses an invalid purpose', async () => {
		const form = new FormData();
		form.set('purpose', 'batch');
		form.set('file', new Blob(['{"custom_id":"1"}\n'], {type: 'application/jsonl'}), 'b.jsonl');
		const file = await (await fetch(`${upstream.url}/v1/files`, {method: 'POST', body: form})).json();
		expect(file).toMatchObject({object: 'file', purpose: 'batch', filename: 'b.jsonl', bytes: 18});
		expect((await (await fetch(`${upstream.url}/v1/files`)).json()).data.map((entry: {id: string}) => entry.id)).toEqual([file.id]);
		expect((await (await fetch(`${upstream.url}/v1/files/${file.id}`)).json()).id).toBe(file.id);
		expect(await (await fetch(`${upstream.url}/v1/files/${file.id}/content`)).text()).toBe('{"custom_id":"1"}\n');
		expect(await (await fetch(`${upstream.url}/v1/files/${file.id}`, {method: 'DELETE'})).json()).toEqual({id: file.id, object: 'file', deleted: true});
		expect((await fetch(`${upstream.url}/v1/files/${file.id}`)).status).toBe(404);
		const bad = new FormData();
		bad.set('purpose', 'nope');
		bad.set('file', new Blob(['x']), 'x.txt');
		expect((await fetch(`${upstream.url}/v1/files`, {method: 'POST', body: bad})).status).toBe(400);
	});

	it('creates, retrieves and cancels batches', async () => {
		expect(await (await post('/batches', {input_file_id: 'file-1', endpoint: '/v1/chat/completions', completion_window: '24h'})).json()).toMatchObject({object: 'batch', input_file_id: 'file-1'});
		expect((await (await post('/batches/batch-9/cancel', {})).json()).status).toBe('cancelling');
	});
});

describe('process helpers', () => {
	it('names a taken port and what it was for', async () => {
		const holder = createServer();
		await new Promise<void>(resolve => holder.listen(0, '127.0.0.1', resolve));
		const {port} = holder.address() as import('node:net').AddressInfo;
		try {
			await expect(assertPortFree(port, 'the baseline proxy')).rejects.toThrow(`port ${port} for the baseline proxy is taken by another process`);
		} finally {
			holder.close();
		}
	});

	it('a process that exits before it is ready is reported with its last log lines, not waited on until the deadline', async () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'real-pair-test-'));
		try {
			const logPath = path.join(dir, 'proxy.log');
			writeFileSync(logPath, '');
			const {pid} = spawnDetached(process.execPath, ['-e', 'console.log("starting"); console.error("ERROR: [Errno 98] address already in use"); process.exit(3)'], {logPath});
			// The deadline (60 s) is beyond the test's own timeout: only noticing the exit can end this wait in time.
			const error = await waitUntil(async () => false, {pid, name: 'the test proxy', logPath, timeoutMs: 60_000, intervalMs: 50}).catch((caught: Error) => caught);
			expect(String(error)).toMatch(/the test proxy \(pid \d+\) exited before it was ready \(its port is taken by another process\)/);
			expect(String(error)).toContain('| ERROR: [Errno 98] address already in use');
		} finally {
			rmSync(dir, {recursive: true, force: true});
		}
	});
});
