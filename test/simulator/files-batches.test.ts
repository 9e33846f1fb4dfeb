import {describe, expect, it, vi} from 'vitest';
import {call, FormData, start} from './helpers.js';

const lines = [
	{custom_id: 'one', method: 'POST', url: '/v1/chat/completions', body: {model: 'gpt-4o-mini', messages: [{role: 'user', content: 'hi'}], mock_response: 'first'}},
	{custom_id: 'two', method: 'POST', url: '/v1/chat/completions', body: {model: 'gpt-4o-mini', messages: [{role: 'user', content: 'yo'}], mock_response: 'second'}},
];
const jsonl = lines.map(line => JSON.stringify(line)).join('\n');

function upload(purpose: string | undefined, content = jsonl): FormData {
	const form = new FormData();
	if (purpose !== undefined) form.append('purpose', purpose);
	form.append('file', new Blob([content], {type: 'application/jsonl'}), 'input.jsonl');
	return form;
}

describe('files (§4.6)', () => {
	it('uploads, lists, retrieves, returns raw content and deletes', async () => {
		const sim = await start();
		const created = await call(sim, '/v1/files', {body: upload('batch')});
		expect(created.status).toBe(200);
		expect(created.json).toMatchObject({object: 'file', bytes: Buffer.byteLength(jsonl), filename: 'input.jsonl', purpose: 'batch', status: 'processed'});
		expect(created.json.id).toMatch(/^file-/);
		const id: string = created.json.id;
		const list = await call(sim, '/v1/files');
		expect(list.json.object).toBe('list');
		expect(list.json.data.map((file: {id: string}) => file.id)).toEqual([id]);
		// As LiteLLM 1.81.13 relays the provider's list: no first_id or last_id.
		expect(Object.keys(list.json).sort()).toEqual(['data', 'has_more', 'object']);
		expect((await call(sim, '/v1/files?purpose=fine-tune')).json.data).toEqual([]);
		expect((await call(sim, `/files/${id}`)).json.id).toBe(id);
		const content = await call(sim, `/v1/files/${id}/content`);
		expect(content.status).toBe(200);
		expect(content.text).toBe(jsonl);
		expect(content.headers['content-type']).toBe('application/octet-stream');
		expect((await call(sim, `/v1/files/${id}`, {method: 'DELETE'})).json).toEqual({id, object: 'file', deleted: true});
		const gone = await call(sim, `/v1/files/${id}`);
		expect(gone.status).toBe(404);
		expect(gone.json.error.code).toBe('404');
	});

	it('refuses an invalid purpose with 400 (the provider error as a string in envelope A) and missing fields with 422', async () => {
		const sim = await start();
		const invalid = await call(sim, '/v1/files', {body: upload('homework')});
		expect(invalid.status).toBe(400);
		expect(invalid.json).toEqual({
			error: {
				message: `{'error': "Invalid purpose: homework. Must be one of: ('assistants', 'assistants_output', 'batch', 'batch_output', 'fine-tune', 'fine-tune-results', 'vision', 'user_data')"}`,
				type: 'None',
				param: 'None',
				code: '400',
			},
		});
		const missing = await call(sim, '/v1/files', {body: upload(undefined)});
		expect(missing.status).toBe(422);
		expect(missing.json.detail[0].loc).toEqual(['body', 'purpose']);
	});
});

describe('batches (§4.7)', () => {
	it('creates a batch from an uploaded file, lists, retrieves it until completed, and reads the output', async () => {
		const sim = await start();
		const fileId = (await call(sim, '/v1/files', {body: upload('batch')})).json.id;
		const created = await call(sim, '/v1/batches', {json: {input_file_id: fileId, endpoint: '/v1/chat/completions', completion_window: '24h'}});
		expect(created.status).toBe(200);
		expect(created.json).toMatchObject({object: 'batch', status: 'validating', input_file_id: fileId, endpoint: '/v1/chat/completions', request_counts: {total: 2, completed: 0, failed: 0}});
		expect(created.json.id).toMatch(/^batch_/);
		const listed = await call(sim, '/batches');
		expect(listed.json).toMatchObject({object: 'list', first_id: created.json.id, has_more: false});
		let batch = created.json;
		// validating 1 s, in_progress 2 s (batchPhaseMs), then completed.
		await vi.waitFor(async () => {
			batch = (await call(sim, `/v1/batches/${created.json.id}`)).json;
			expect(batch.status).toBe('completed');
		}, {timeout: 60_000, interval: 50});
		expect(batch.request_counts.completed).toBe(2);
		const output = await call(sim, `/v1/files/${batch.output_file_id}/content`);
		const results = output.text.trim().split('\n').map(line => JSON.parse(line));
		expect(results.map(result => result.custom_id)).toEqual(['one', 'two']);
		expect(results[1].response.body.choices[0].message.content).toBe('second');
	});

	it('cancels a batch in progress and refuses bad inputs', async () => {
		const sim = await start();
		const fileId = (await call(sim, '/v1/files', {body: upload('batch')})).json.id;
		const created = await call(sim, '/v1/batches', {json: {input_file_id: fileId, endpoint: '/v1/chat/completions', completion_window: '24h'}});
		const cancelled = await call(sim, `/v1/batches/${created.json.id}/cancel`, {method: 'POST'});
		expect(cancelled.json.status).toBe('cancelling');
		await vi.waitFor(async () => expect((await call(sim, `/v1/batches/${created.json.id}`)).json.status).toBe('cancelled'), {timeout: 30_000, interval: 20});
		const unknownFile = await call(sim, '/v1/batches', {json: {input_file_id: 'file-nope', endpoint: '/v1/chat/completions', completion_window: '24h'}});
		expect(unknownFile.status).toBe(404);
		const badEndpoint = await call(sim, '/v1/batches', {json: {input_file_id: fileId, endpoint: '/v1/images', completion_window: '24h'}});
		expect(badEndpoint.status).toBe(400);
		expect((await call(sim, '/v1/batches/batch_nope')).status).toBe(404);
	});
});
