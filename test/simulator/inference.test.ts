import {describe, expect, it} from 'vitest';
import {call, FormData, sseFrames, start} from './helpers.js';

describe('other inference routes (§4.2–4.8)', () => {
	it('answers text completions, streamed and not', async () => {
		const sim = await start();
		const plain = await call(sim, '/v1/completions', {json: {model: 'gpt-3.5-turbo-instruct', prompt: 'Say hi', max_tokens: 3}});
		expect(plain.status).toBe(200);
		expect(plain.json).toMatchObject({object: 'text_completion', model: 'gpt-3.5-turbo-instruct'});
		expect(plain.json.id).toMatch(/^cmpl-/);
		expect(plain.json.choices[0]).toMatchObject({index: 0, logprobs: null, finish_reason: 'stop'});
		expect(plain.json.usage.completion_tokens).toBe(3);
		const streamed = await call(sim, '/completions', {json: {model: 'gpt-3.5-turbo-instruct', prompt: 'Say hi', mock_response: 'hi there', stream: true}});
		const {frames, done} = sseFrames(streamed.text);
		expect(done).toBe(true);
		expect(frames.map(frame => frame.choices[0]?.text ?? '').join('')).toBe('hi there');
		expect(frames.at(-1).choices[0].finish_reason).toBe('stop');
	});

	it('returns 1536 floats per embedding input, the same vector for the same text', async () => {
		const sim = await start({cache: false});
		const answer = await call(sim, '/v1/embeddings', {json: {model: 'text-embedding-3-small', input: ['alpha', 'beta']}});
		expect(answer.status).toBe(200);
		expect(answer.json).toMatchObject({object: 'list', model: 'text-embedding-3-small'});
		expect(answer.json.data).toHaveLength(2);
		expect(answer.json.data[1]).toMatchObject({object: 'embedding', index: 1});
		expect(answer.json.data[0].embedding).toHaveLength(1536);
		expect(answer.json.data[0].embedding.every((value: unknown) => typeof value === 'number')).toBe(true);
		expect(answer.json.usage.prompt_tokens).toBe(answer.json.usage.total_tokens);
		const again = await call(sim, '/embeddings', {json: {model: 'text-embedding-3-small', input: 'alpha'}});
		expect(again.json.data[0].embedding).toEqual(answer.json.data[0].embedding);
		expect(again.json.data[0].embedding).not.toEqual(answer.json.data[1].embedding);
		expect(answer.headers['x-litellm-model-group']).toBe('text-embedding-3-small');
	});

	it('generates images as URLs or b64_json', async () => {
		const sim = await start();
		const urls = await call(sim, '/v1/images/generations', {json: {model: 'dall-e-3', prompt: 'a lighthouse', n: 2}});
		expect(urls.status).toBe(200);
		expect(urls.json.data).toHaveLength(2);
		expect(urls.json.data[0].url).toMatch(/^https:\/\//);
		expect(typeof urls.json.created).toBe('number');
		// LiteLLM 1.81.13's ImageResponse: every OpenAI field, null when absent.
		expect(urls.json).toMatchObject({background: null, output_format: null, quality: null, size: null, usage: {total_tokens: 0, input_tokens: 0}});
		expect(urls.json.data[0].b64_json).toBeNull();
		expect(urls.headers['x-litellm-response-cost']).toBe('0.0799998476288');
		const b64 = await call(sim, '/images/generations', {json: {model: 'dall-e-3', prompt: 'a lighthouse', response_format: 'b64_json'}});
		const png = Buffer.from(b64.json.data[0].b64_json, 'base64');
		expect(png.subarray(1, 4).toString()).toBe('PNG');
		expect(b64.json.data[0].url).toBeNull();
	});

	it('transcribes a multipart upload and refuses a missing file with 400 param "file"', async () => {
		const sim = await start();
		const form = new FormData();
		form.append('model', 'whisper-1');
		form.append('file', new Blob([Buffer.alloc(32_000, 7)], {type: 'audio/mpeg'}), 'speech.mp3');
		const answer = await call(sim, '/v1/audio/transcriptions', {body: form});
		expect(answer.status).toBe(200);
		expect(typeof answer.json.text).toBe('string');
		expect(answer.json.text.length).toBeGreaterThan(0);
		expect(answer.headers['x-litellm-model-group']).toBe('whisper-1');
		expect(answer.json).toMatchObject({usage: null, language: null, words: null, segments: null, duration: 2});
		// A WAV's duration is read from its header: 0.1 s of 8 kHz 16-bit mono costs 0.1 × $0.0001.
		const wav = Buffer.alloc(44 + 1600);
		wav.write('RIFF', 0);
		wav.writeUInt32LE(36 + 1600, 4);
		wav.write('WAVEfmt ', 8);
		wav.writeUInt32LE(16, 16);
		wav.writeUInt16LE(1, 20);
		wav.writeUInt16LE(1, 22);
		wav.writeUInt32LE(8000, 24);
		wav.writeUInt32LE(16_000, 28);
		wav.writeUInt16LE(2, 32);
		wav.writeUInt16LE(16, 34);
		wav.write('data', 36);
		wav.writeUInt32LE(1600, 40);
		const short = new FormData();
		short.append('model', 'whisper-1');
		short.append('file', new Blob([wav], {type: 'audio/wav'}), 'short.wav');
		const measured = await call(sim, '/v1/audio/transcriptions', {body: short});
		expect(measured.json.duration).toBe(0.1);
		expect(measured.headers['x-litellm-response-cost']).toBe('1e-05');
		const noFile = new FormData();
		noFile.append('model', 'whisper-1');
		const missing = await call(sim, '/audio/transcriptions', {body: noFile});
		expect(missing.status).toBe(400);
		expect(missing.json.error).toMatchObject({type: 'bad_request', param: 'file', code: '400'});
		const text = new FormData();
		text.append('model', 'whisper-1');
		text.append('response_format', 'text');
		text.append('file', new Blob([Buffer.alloc(100, 1)]), 'a.wav');
		const plain = await call(sim, '/v1/audio/transcriptions', {body: text});
		expect(plain.headers['content-type']).toMatch(/^text\/plain/);
	});

	it('speaks binary audio/mpeg', async () => {
		const sim = await start();
		const answer = await call(sim, '/v1/audio/speech', {json: {model: 'tts-1', input: 'Hello from the simulator', voice: 'alloy'}});
		expect(answer.status).toBe(200);
		expect(answer.headers['content-type']).toBe('audio/mpeg');
		expect(answer.bytes.length).toBeGreaterThanOrEqual(4096);
		expect(answer.bytes.subarray(0, 3).toString()).toBe('ID3');
		// LiteLLM 1.81.13 names no deployment or group on speech answers.
		expect(answer.headers['x-litellm-model-group']).toBeUndefined();
		expect(answer.headers['x-litellm-model-id']).toBeUndefined();
		expect(answer.headers['x-litellm-model-api-base']).toBe('https://upstream-a.simulated.invalid/v1');
	});

	it('answers the Responses API and keeps the response for retrieval', async () => {
		const sim = await start();
		const created = await call(sim, '/v1/responses', {json: {model: 'gpt-4o-mini', input: 'hello', mock_response: 'Hi!'}});
		expect(created.status).toBe(200);
		expect(created.json).toMatchObject({object: 'response', status: 'completed', model: 'gpt-4o-mini'});
		expect(created.json.output[0].content[0].text).toBe('Hi!');
		const fetched = await call(sim, `/v1/responses/${created.json.id}`);
		expect(fetched.json.id).toBe(created.json.id);
		const streamed = sseFrames((await call(sim, '/v1/responses', {json: {model: 'gpt-4o-mini', input: 'hello', stream: true, mock_response: 'a b'}})).text);
		expect(streamed.done).toBe(true);
		expect(streamed.frames[0].type).toBe('response.created');
		expect(streamed.frames.at(-1).type).toBe('response.completed');
		expect(streamed.frames.filter(frame => frame.type === 'response.output_text.delta').map(frame => frame.delta).join('')).toBe('a b');
	});
});
