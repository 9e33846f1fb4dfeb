import {describe, expect, it} from 'vitest';
import {call, chatBody, start} from './helpers.js';

const groups = ['gpt-4o-mini', 'gpt-3.5-turbo-instruct', 'text-embedding-3-small', 'dall-e-3', 'whisper-1', 'tts-1'];

describe('model endpoints (§3)', () => {
	it('lists model groups with the constant created and owned_by, on /v1/models and /models', async () => {
		const sim = await start();
		for (const path of ['/v1/models', '/models']) {
			const answer = await call(sim, path);
			expect(answer.status).toBe(200);
			expect(answer.json.object).toBe('list');
			expect(answer.json.data.map((model: {id: string}) => model.id)).toEqual(groups);
			expect(answer.json.data[0]).toEqual({id: 'gpt-4o-mini', object: 'model', created: 1_677_610_602, owned_by: 'openai'});
			expect(answer.headers['x-litellm-version']).toBeUndefined();
		}

		expect((await call(sim, '/v1/models/tts-1')).json).toEqual({id: 'tts-1', object: 'model', created: 1_677_610_602, owned_by: 'openai'});
		expect((await call(sim, '/v1/models/nope')).status).toBe(404);
	});

	it('shows deployments on /model/info without secrets, with pinned and generated ids', async () => {
		const sim = await start();
		for (const path of ['/model/info', '/v1/model/info']) {
			const answer = await call(sim, path);
			expect(answer.status).toBe(200);
			expect(answer.json.data).toHaveLength(7);
			expect(answer.text).not.toContain('api_key');
			const ids = answer.json.data.map((entry: {model_info: {id: string}}) => entry.model_info.id);
			expect(ids.slice(0, 2)).toEqual(['gpt-4o-mini-a', 'gpt-4o-mini-b']);
			expect(ids[2]).toMatch(/^[0-9a-f]{64}$/);
			expect(answer.json.data[0].model_info).toMatchObject({db_model: false, mode: 'chat', litellm_provider: 'openai', input_cost_per_token: 1.5e-7});
		}

		const filtered = await call(sim, '/model/info?litellm_model_id=gpt-4o-mini-b');
		expect(filtered.json.data).toHaveLength(1);
		expect(filtered.json.data[0].litellm_params.api_base).toBe('https://upstream-b.simulated.invalid/v1');
	});

	it('summarises groups on /model_group/info', async () => {
		const sim = await start();
		const answer = await call(sim, '/model_group/info');
		expect(answer.json.data.map((group: {model_group: string}) => group.model_group)).toEqual(groups);
		expect(answer.json.data[0]).toMatchObject({model_group: 'gpt-4o-mini', providers: ['openai'], mode: 'chat', max_input_tokens: 128_000});
	});

	it('adds a DB model with /model/new that serves calls, and removes it with /model/delete', async () => {
		const sim = await start();
		const created = await call(sim, '/model/new', {json: {model_name: 'my-model', litellm_params: {model: 'openai/gpt-4o-mini', api_key: 'sk-upstream-secret'}, model_info: {id: 'mine-1'}}});
		expect(created.status).toBe(200);
		expect(created.json).toMatchObject({model_id: 'mine-1', model_name: 'my-model', model_info: {id: 'mine-1', db_model: true}});
		expect(created.text).not.toContain('sk-upstream-secret');
		expect((await call(sim, '/v1/models')).json.data.map((model: {id: string}) => model.id)).toContain('my-model');
		const chat = await call(sim, '/v1/chat/completions', {json: chatBody({model: 'my-model'})});
		expect(chat.status).toBe(200);
		expect(chat.headers['x-litellm-model-id']).toBe('mine-1');
		expect((await call(sim, '/model/delete', {json: {id: 'mine-1'}})).json).toEqual({message: 'Model: mine-1 deleted successfully'});
		expect((await call(sim, '/v1/chat/completions', {json: chatBody({model: 'my-model'})})).status).toBe(400);
		const again = await call(sim, '/model/delete', {json: {id: 'mine-1'}});
		expect(again.status).toBe(400);
		expect(again.json.error.message).toBe('Model with id=mine-1 not found in db');
		// Config models are not DB models.
		expect((await call(sim, '/model/delete', {json: {id: 'gpt-4o-mini-a'}})).status).toBe(400);
	});

	it('validates /model/new bodies (422) and needs the DB', async () => {
		const sim = await start();
		const invalid = await call(sim, '/model/new', {json: {model_name: 'x'}});
		expect(invalid.status).toBe(422);
		expect(invalid.json.detail[0]).toMatchObject({type: 'missing', loc: ['body', 'litellm_params'], msg: 'Field required'});
		const noDb = await start({db: false});
		const answer = await call(noDb, '/model/new', {json: {model_name: 'x', litellm_params: {model: 'openai/gpt-4o-mini'}}});
		expect(answer.status).toBe(500);
		expect(answer.json.error).toEqual({message: "{'error': \"No DB Connected. Here's how to do it - https://docs.litellm.ai/docs/proxy/virtual_keys\"}", type: 'auth_error', param: 'None', code: '500'});
		expect(answer.json.error.code).toBe('500');
		// Read-only model info still works without a DB.
		expect((await call(noDb, '/model/info')).status).toBe(200);
	});
});
