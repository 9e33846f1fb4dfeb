import {describe, expect, it} from 'vitest';
import {deliberateGaps} from '../../source/testbed/simulator/index.js';
import {call, chatBody, FormData, start} from './helpers.js';

const candidate = (gaps?: boolean) => start({personality: 'candidate', ...(gaps === undefined ? {} : {gaps})});

async function uploadBatchFile(sim: {url: string}): Promise<string> {
	const form = new FormData();
	form.append('purpose', 'batch');
	form.append('file', new Blob(['{"custom_id":"a","body":{"model":"gpt-4o-mini","messages":[]}}']), 'in.jsonl');
	return (await call(sim, '/v1/files', {body: form})).json.id;
}

describe('deliberate gaps', () => {
	it('exports the documented list', () => {
		expect(deliberateGaps.map(gap => [gap.id, gap.row, gap.verdict])).toEqual([
			['batches-missing', 'api.batches', 'gap'],
			['speech-500', 'api.audio-speech', 'gap'],
			['chat-slower', 'api.chat-completions', 'drift'],
			['chat-one-at-a-time', 'performance.throughput', 'drift'],
			['readiness-extra-fields', 'health.readiness', 'drift'],
			['mlp-missing', 'llmrouter.mlp-router', 'gap'],
			['models-extra-group', 'api.models', 'expected'],
		]);
		expect(deliberateGaps.every(gap => gap.description.length > 10)).toBe(true);
	});

	it('batches-missing: every batches path is 404 on the candidate, present with gaps: false', async () => {
		const gapped = await candidate();
		const fileId = await uploadBatchFile(gapped);
		for (const [method, path] of [
			['POST', '/v1/batches'],
			['GET', '/v1/batches'],
			['GET', '/batches'],
			['GET', '/v1/batches/batch_1'],
			['POST', '/batches/batch_1/cancel'],
		]) {
			const answer = await call(gapped, path!, {method, ...(method === 'POST' ? {json: {input_file_id: fileId, endpoint: '/v1/chat/completions', completion_window: '24h'}} : {})});
			expect(answer.status, path).toBe(404);
			expect(answer.json).toEqual({detail: 'Not Found'});
		}

		const faithful = await candidate(false);
		const created = await call(faithful, '/v1/batches', {json: {input_file_id: await uploadBatchFile(faithful), endpoint: '/v1/chat/completions', completion_window: '24h'}});
		expect(created.status).toBe(200);
	});

	it('speech-500: speech fails with a litellm.InternalServerError envelope, works with gaps: false', async () => {
		const body = {model: 'tts-1', input: 'hello', voice: 'alloy'};
		const gapped = await call(await candidate(), '/v1/audio/speech', {json: body});
		expect(gapped.status).toBe(500);
		expect(gapped.json.error.code).toBe('500');
		expect(gapped.json.error.message).toMatch(/^litellm\.InternalServerError: /);
		expect(gapped.headers['x-litellm-response-cost']).toBe('0');
		const faithful = await call(await candidate(false), '/v1/audio/speech', {json: body});
		expect(faithful.status).toBe(200);
		expect(faithful.headers['content-type']).toBe('audio/mpeg');
	});

	it('chat-slower: chat takes 80 ms longer before the headers, stream and not', async () => {
		const gapped = await candidate();
		const faithful = await candidate(false);
		const plain = await call(gapped, '/v1/chat/completions', {json: chatBody()});
		expect(plain.ms).toBeGreaterThanOrEqual(78);
		expect(Number(plain.headers['x-litellm-response-duration-ms'])).toBeGreaterThanOrEqual(78);
		const streamed = await call(gapped, '/v1/chat/completions', {json: chatBody({stream: true})});
		// Streams carry no duration header (LiteLLM sends their headers before the end): the whole answer took longer.
		expect(streamed.ms).toBeGreaterThanOrEqual(78);
		// Without the gap, and on other routes, nothing waits: the simulator's own 80 ms wait shows as overhead only
		// where the gap applies. (Lower bounds only: an upper bound on wall time fails on a loaded machine.)
		const fast = await call(faithful, '/v1/chat/completions', {json: chatBody()});
		expect(fast.status).toBe(200);
		expect(Number(plain.headers['x-litellm-overhead-duration-ms'])).toBeGreaterThanOrEqual(78);
	});

	it('chat-one-at-a-time: concurrent chat calls take their 80 ms in turn', async () => {
		const gapped = await candidate();
		const answers = await Promise.all(Array.from({length: 5}, async () => call(gapped, '/v1/chat/completions', {json: chatBody()})));
		expect(answers.map(answer => answer.status)).toEqual([200, 200, 200, 200, 200]);
		// Five waits in one lane: the last waited for the four before it, at least 5 × 80 ms (side by side all five would end
		// after about 80 ms). A lower bound only: a loaded machine only makes it longer.
		expect(Math.max(...answers.map(answer => answer.ms))).toBeGreaterThanOrEqual(5 * 78);
	});

	it('readiness-extra-fields: readiness carries log_level and is_detailed_debug, which stock 1.81.13 does not', async () => {
		const gapped = (await call(await candidate(), '/health/readiness', {key: null})).json;
		expect(gapped).toMatchObject({status: 'healthy', use_aiohttp_transport: true, log_level: 'WARNING', is_detailed_debug: false});
		const faithful = (await call(await candidate(false), '/health/readiness', {key: null})).json;
		expect(faithful).not.toHaveProperty('log_level');
		expect(faithful).not.toHaveProperty('is_detailed_debug');
	});

	it('mlp-missing: /router/info lacks llmrouter-mlp', async () => {
		const gapped = (await call(await candidate(), '/router/info')).json;
		expect(gapped.registered_strategies).not.toContain('llmrouter-mlp');
		expect(gapped.registered_strategies).toContain('llmrouter-knn');
		expect(gapped.strategy_count).toBe(gapped.registered_strategies.length);
		const faithful = (await call(await candidate(false), '/router/info')).json;
		expect(faithful.registered_strategies).toContain('llmrouter-mlp');
	});

	it('models-extra-group: llmrouter-auto is listed and routed to the gpt-4o-mini deployments', async () => {
		const gapped = await candidate();
		for (const path of ['/v1/models', '/models']) {
			expect((await call(gapped, path)).json.data.map((model: {id: string}) => model.id), path).toContain('llmrouter-auto');
		}

		const chat = await call(gapped, '/v1/chat/completions', {json: chatBody({model: 'llmrouter-auto'})});
		expect(chat.status).toBe(200);
		expect(chat.json.model).toBe('llmrouter-auto');
		expect(['gpt-4o-mini-a', 'gpt-4o-mini-b']).toContain(chat.headers['x-litellm-model-id']);
		const faithful = await candidate(false);
		expect((await call(faithful, '/v1/models')).json.data.map((model: {id: string}) => model.id)).not.toContain('llmrouter-auto');
		expect((await call(faithful, '/v1/chat/completions', {json: chatBody({model: 'llmrouter-auto'})})).status).toBe(400);
	});

	it('never applies to the baseline, even when asked', async () => {
		const baseline = await start({gaps: true});
		expect((await call(baseline, '/v1/batches')).status).toBe(200);
		expect((await call(baseline, '/health/readiness', {key: null})).json).not.toHaveProperty('log_level');
		expect((await call(baseline, '/v1/models')).json.data.map((model: {id: string}) => model.id)).not.toContain('llmrouter-auto');
	});
});
