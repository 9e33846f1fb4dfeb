import {afterEach, describe, expect, it} from 'vitest';
import {startMockUpstream, type MockUpstream} from '../../source/testbed/upstream/mock-openai.js';
import {call, chatBody, sseFrames, start} from './helpers.js';

let upstream: MockUpstream | undefined;
afterEach(async () => {
	await upstream?.close();
	upstream = undefined;
});

describe('a simulated config.yaml and a real upstream', () => {
	it('generates deployment ids as LiteLLM does (sha256 of the group and the params in order)', async () => {
		const sim = await start({modelList: [{model_name: 'gpt-4o-mini', litellm_params: {model: 'openai/gpt-4o-mini', api_base: 'http://127.0.0.1:36665/v1', api_key: 'fake-key'}}]});
		// The id a real LiteLLM 1.81.13 proxy gave this exact model_list entry (measured).
		const info = (await call(sim, '/v1/model/info')).json.data;
		expect(info.map((entry: {model_info: {id: string}}) => entry.model_info.id)).toEqual(['14792a9d35ec00b575514f8bb48504a0f7db4243d871d79375348ab0e6e57b0d']);
		expect(info[0].litellm_params).toEqual({api_base: 'http://127.0.0.1:36665/v1', use_in_pass_through: false, use_litellm_proxy: false, merge_reasoning_content_in_choices: false, model: 'openai/gpt-4o-mini'});
		expect((await call(sim, '/v1/models')).json.data.map((model: {id: string}) => model.id)).toEqual(['gpt-4o-mini']);
	});

	it('lists a voice in /health only for a deployment the config marks as audio_speech, as LiteLLM does', async () => {
		const tts = {model_name: 'tts-1', litellm_params: {model: 'openai/tts-1', api_key: 'fake-key'}};
		const marked = await start({modelList: [{...tts, model_info: {mode: 'audio_speech'}}]});
		expect((await call(marked, '/health')).json.healthy_endpoints[0]).toMatchObject({model: 'openai/tts-1', voice: 'alloy'});
		const plain = await start({modelList: [tts]});
		expect((await call(plain, '/health')).json.healthy_endpoints[0]).not.toHaveProperty('voice');
	});

	it('relays the upstream answer of chat and embeddings calls, as a proxy does', async () => {
		upstream = await startMockUpstream();
		const sim = await start({upstream: upstream.url, chunkDelayMs: 0});
		const plain = await call(sim, '/v1/chat/completions', {json: chatBody({messages: [{role: 'user', content: 'relay me'}]})});
		expect(plain.json).toMatchObject({id: 'chatcmpl-mock-upstream', created: 1_700_000_000, choices: [{message: {content: 'mock upstream reply'}}], usage: {prompt_tokens: 5, completion_tokens: 3, total_tokens: 8}});
		// A forwarded stream keeps the upstream's id; its chunks are generated, max_tokens of them.
		const streamed = sseFrames((await call(sim, '/v1/chat/completions', {json: chatBody({messages: [{role: 'user', content: 'relay my stream'}], stream: true, max_tokens: 7})})).text);
		expect(streamed.frames.filter(frame => frame.choices[0]?.delta?.content)).toHaveLength(7);
		expect(streamed.frames[0].id).toBe('chatcmpl-mock-upstream');
		const embedded = await call(sim, '/v1/embeddings', {json: {model: 'text-embedding-3-small', input: ['a', 'b']}});
		expect(embedded.json.data).toHaveLength(2);
		expect(embedded.json.data[0].embedding).toHaveLength(8);
		expect(embedded.json.usage).toEqual({completion_tokens: 0, prompt_tokens: 4, total_tokens: 4, completion_tokens_details: null, prompt_tokens_details: null});
		expect(upstream.requests()).toBe(3);
	});
});
