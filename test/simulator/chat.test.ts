import {describe, expect, it} from 'vitest';
import {call, chatBody, sseFrames, start} from './helpers.js';

const llmHeaders = [
	'x-litellm-call-id',
	'x-litellm-model-id',
	'x-litellm-model-api-base',
	'x-litellm-model-group',
	'x-litellm-version',
	'x-litellm-response-cost',
	'x-litellm-key-spend',
	'x-litellm-response-duration-ms',
	'x-litellm-overhead-duration-ms',
	'x-litellm-attempted-retries',
	'x-litellm-attempted-fallbacks',
	'x-litellm-response-cost-original',
	'x-litellm-response-cost-discount-amount',
	'x-litellm-response-cost-margin-amount',
	'x-litellm-response-cost-margin-percent',
];

/** What LiteLLM 1.81.13 sends with a stream, before the cost is known (measured). */
const streamHeaders = {
	present: ['x-litellm-call-id', 'x-litellm-model-id', 'x-litellm-model-api-base', 'x-litellm-version', 'x-litellm-key-spend', 'x-litellm-response-cost-original'],
	absent: ['x-litellm-response-cost', 'x-litellm-model-group', 'x-litellm-response-duration-ms', 'x-litellm-attempted-retries', 'x-litellm-max-retries'],
};

describe('chat completions (§4.1)', () => {
	it('answers the ModelResponse shape with the requested model name', async () => {
		const sim = await start();
		const answer = await call(sim, '/v1/chat/completions', {json: chatBody({max_tokens: 5})});
		expect(answer.status).toBe(200);
		expect(answer.headers['content-type']).toBe('application/json');
		const body = answer.json;
		expect(body.id).toMatch(/^chatcmpl-/);
		expect(body).toMatchObject({model: 'gpt-4o-mini', object: 'chat.completion'});
		// As LiteLLM 1.81.13 relays a provider that sends none of them: no system_fingerprint, tool_calls or function_call.
		expect(body).not.toHaveProperty('system_fingerprint');
		expect(body.choices[0]).toEqual({finish_reason: 'stop', index: 0, message: {role: 'assistant', content: expect.any(String)}});
		expect(body.choices[0].message.content.split(' ')).toHaveLength(5);
		expect(body.usage).toEqual({completion_tokens: 5, prompt_tokens: expect.any(Number), total_tokens: body.usage.prompt_tokens + 5});
	});

	it('serves /chat/completions and the deployment-path aliases too', async () => {
		const sim = await start();
		expect((await call(sim, '/chat/completions', {json: chatBody()})).status).toBe(200);
		const viaPath = await call(sim, '/openai/deployments/gpt-4o-mini/chat/completions', {json: {messages: [{role: 'user', content: 'hi'}]}});
		expect(viaPath.status).toBe(200);
		expect(viaPath.json.model).toBe('gpt-4o-mini');
	});

	it('returns mock_response exactly, streamed or not', async () => {
		const sim = await start();
		const text = 'Hello there, parity checker!';
		const plain = await call(sim, '/v1/chat/completions', {json: chatBody({mock_response: text})});
		expect(plain.json.choices[0].message.content).toBe(text);
		// LiteLLM's fixed mock usage.
		expect(plain.json.usage).toEqual({completion_tokens: 20, prompt_tokens: 10, total_tokens: 30});
		const streamed = await call(sim, '/v1/chat/completions', {json: chatBody({mock_response: text, stream: true})});
		const {frames} = sseFrames(streamed.text);
		expect(frames.map(frame => frame.choices[0]?.delta?.content ?? '').join('')).toBe(text);
		// Streamed three characters a chunk, as litellm's mock streaming does.
		expect(frames[0].choices[0].delta).toEqual({content: 'Hel', role: 'assistant'});
		expect(frames.filter(frame => frame.choices[0]?.delta?.content)).toHaveLength(Math.ceil(text.length / 3));
	});

	it('streams SSE frames: role first, content deltas, finish, usage only when asked, then [DONE]', async () => {
		const sim = await start({chunkDelayMs: 1});
		const answer = await call(sim, '/v1/chat/completions', {json: chatBody({stream: true, max_tokens: 4, stream_options: {include_usage: true}})});
		expect(answer.status).toBe(200);
		expect(answer.headers['content-type']).toBe('text/event-stream; charset=utf-8');
		for (const name of streamHeaders.present) expect(answer.headers[name], name).toBeDefined();
		for (const name of streamHeaders.absent) expect(answer.headers[name], name).toBeUndefined();
		expect(answer.text.endsWith('data: [DONE]\n\n')).toBe(true);
		expect(answer.text.split('\n\n').filter(Boolean).every(block => block.startsWith('data: '))).toBe(true);
		const {frames, done} = sseFrames(answer.text);
		expect(done).toBe(true);
		expect(frames).toHaveLength(4 + 2);
		expect(frames[0].object).toBe('chat.completion.chunk');
		expect(frames[0].choices[0].delta.role).toBe('assistant');
		expect(frames[1].choices[0].delta.role).toBeUndefined();
		// exclude_none: no null fields in chunks.
		expect(frames[0].choices[0]).not.toHaveProperty('finish_reason');
		expect(frames[0]).not.toHaveProperty('system_fingerprint');
		expect(frames[4].choices[0]).toEqual({finish_reason: 'stop', index: 0, delta: {}});
		expect(frames[5].usage).toMatchObject({completion_tokens: 4, completion_tokens_details: {reasoning_tokens: 0}});
		expect(frames[5].usage).not.toHaveProperty('prompt_tokens_details');
		expect(new Set(frames.map(frame => frame.id)).size).toBe(1);

		const withoutUsage = sseFrames((await call(sim, '/v1/chat/completions', {json: chatBody({stream: true, max_tokens: 4})})).text);
		expect(withoutUsage.frames).toHaveLength(5);
		expect(withoutUsage.frames.some(frame => frame.usage)).toBe(false);
	});

	it('sends as many content chunks as max_tokens asks, even 2,000', async () => {
		const sim = await start();
		const {frames, done} = sseFrames((await call(sim, '/v1/chat/completions', {json: chatBody({stream: true, max_tokens: 2000})})).text);
		expect(done).toBe(true);
		expect(frames.filter(frame => frame.choices[0]?.delta?.content)).toHaveLength(2000);
	});

	it('answers an unknown model with 400 and the route prefix, keeping the x-litellm headers', async () => {
		const sim = await start();
		const answer = await call(sim, '/v1/chat/completions', {json: chatBody({model: 'gpt-9'})});
		expect(answer.status).toBe(400);
		expect(answer.json).toEqual({
			// 1.81.13 wraps the message in str(dict) (measured).
			error: {message: "{'error': '/chat/completions: Invalid model name passed in model=gpt-9. Call `/v1/models` to view available models for your key.'}", type: 'None', param: 'None', code: '400'},
		});
		expect(answer.headers['x-litellm-response-cost']).toBe('0');
		expect(answer.headers['x-litellm-version']).toBeUndefined();
		expect(answer.headers['x-litellm-call-id']).toBeDefined();
		expect(answer.headers['x-litellm-model-id']).toBeUndefined();
		const embeddings = await call(sim, '/v1/embeddings', {json: {model: 'gpt-9', input: 'x'}});
		expect(embeddings.json.error.message).toMatch(/^\{'error': '\/embeddings: Invalid model name passed in model=gpt-9\./);
		const completions = await call(sim, '/completions', {json: {model: 'gpt-9', prompt: 'x'}});
		expect(completions.json.error.message).toMatch(/^\{'error': '\/completions: Invalid model name/);
		// A body the Router cannot take fails in the Router, 500 (measured).
		expect((await call(sim, '/v1/chat/completions', {json: {model: 'gpt-4o-mini'}})).json.error).toEqual({message: "Router.acompletion() missing 1 required positional argument: 'messages'", type: 'None', param: 'None', code: '500'});
		expect((await call(sim, '/v1/embeddings', {json: {model: 'text-embedding-3-small'}})).json.error.message).toBe("Router.aembedding() missing 1 required positional argument: 'input'");
	});

	it('sets the §1.4 headers, echoes x-litellm-call-id, and names the serving deployment', async () => {
		const sim = await start();
		const answer = await call(sim, '/v1/chat/completions', {json: chatBody(), headers: {'x-litellm-call-id': 'my-call-123'}});
		for (const name of llmHeaders) expect(answer.headers[name], name).toBeDefined();
		expect(answer.headers['x-litellm-call-id']).toBe('my-call-123');
		expect(answer.headers['x-litellm-model-group']).toBe('gpt-4o-mini');
		expect(['gpt-4o-mini-a', 'gpt-4o-mini-b']).toContain(answer.headers['x-litellm-model-id']);
		const base = answer.headers['x-litellm-model-id'] === 'gpt-4o-mini-a' ? 'https://upstream-a.simulated.invalid/v1' : 'https://upstream-b.simulated.invalid/v1';
		expect(answer.headers['x-litellm-model-api-base']).toBe(base);
		expect(Number(answer.headers['x-litellm-response-cost'])).toBeGreaterThan(0);
		expect(answer.headers['x-litellm-cache-key']).toBeUndefined();
		expect(answer.headers['x-litellm-max-retries']).toBeUndefined();
	});

	it('shuffles between the two gpt-4o-mini deployments on the baseline', async () => {
		const sim = await start({cache: false});
		const seen = new Set<string>();
		for (let index = 0; index < 30; index++) seen.add((await call(sim, '/v1/chat/completions', {json: chatBody()})).headers['x-litellm-model-id']!);
		expect(seen).toEqual(new Set(['gpt-4o-mini-a', 'gpt-4o-mini-b']));
	});

	it('accumulates the key spend header across calls', async () => {
		const sim = await start({cache: false});
		const key = (await call(sim, '/key/generate', {json: {}})).json.key;
		const first = await call(sim, '/v1/chat/completions', {key, json: chatBody({max_tokens: 10})});
		const second = await call(sim, '/v1/chat/completions', {key, json: chatBody({max_tokens: 10})});
		const cost = Number(first.headers['x-litellm-response-cost']);
		expect(Number(first.headers['x-litellm-key-spend'])).toBeCloseTo(cost, 12);
		expect(Number(second.headers['x-litellm-key-spend'])).toBeCloseTo(cost + Number(second.headers['x-litellm-response-cost']), 12);
		expect((await call(sim, `/key/info?key=${key}`)).json.info.spend).toBeCloseTo(Number(second.headers['x-litellm-key-spend']), 12);
	});

	it('turns a mock_response naming a litellm exception into that error', async () => {
		const sim = await start();
		const answer = await call(sim, '/v1/chat/completions', {json: chatBody({mock_response: 'litellm.RateLimitError'})});
		expect(answer.status).toBe(429);
		expect(answer.json.error.code).toBe('429');
		expect(answer.json.error.message).toMatch(/^litellm\.RateLimitError: /);
	});

	it('answers a forced tool call', async () => {
		const sim = await start();
		const tools = [{type: 'function', function: {name: 'get_weather', parameters: {type: 'object', properties: {city: {type: 'string'}}, required: ['city']}}}];
		const answer = await call(sim, '/v1/chat/completions', {json: chatBody({tools, tool_choice: 'required'})});
		expect(answer.json.choices[0].finish_reason).toBe('tool_calls');
		expect(answer.json.choices[0].message.tool_calls[0].function).toEqual({name: 'get_weather', arguments: '{"city":"sample"}'});
	});

	it('never adds x-litellm headers to health, routes, models or management answers', async () => {
		const sim = await start();
		for (const path of ['/health', '/health/readiness', '/routes', '/v1/models', '/model/info', '/key/list', '/spend/logs']) {
			const answer = await call(sim, path);
			expect(answer.status, path).toBe(200);
			expect(Object.keys(answer.headers).filter(name => name.startsWith('x-litellm')), path).toEqual([]);
		}
	});
});
