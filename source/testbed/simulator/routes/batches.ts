// §4.7 batches: created from an uploaded file, they move to "completed" on their own and then carry an output
// file whose lines are the simulated answers. In memory.
import type {Sim} from '../context.js';
import {proxyError} from '../http/errors.js';
import type {Exchange} from '../http/exchange.js';
import {sendJson} from '../http/respond.js';
import type {RouteSpec} from '../http/router.js';
import {basicHeaders} from '../llm/call.js';
import {completionTokens, promptTokens} from '../llm/content.js';
import {unixNow} from '../python-format.js';
import type {BatchObject} from '../state/batches.js';
import {vectorFor} from './embeddings.js';
import {requireFile} from './files.js';

const batchEndpoints = ['/v1/chat/completions', '/v1/embeddings', '/v1/completions', '/v1/responses'];

type BatchLine = {custom_id?: unknown; body?: Record<string, unknown>};

function parseLines(content: Buffer): BatchLine[] {
	return content
		.toString('utf8')
		.split('\n')
		.filter(line => line.trim() !== '')
		.map(line => {
			try {
				return JSON.parse(line) as BatchLine;
			} catch {
				return {};
			}
		});
}

function answerFor(sim: Sim, endpoint: string, body: Record<string, unknown>): Record<string, unknown> {
	const model = typeof body.model === 'string' ? body.model : 'gpt-4o-mini';
	if (endpoint === '/v1/embeddings') {
		return {object: 'list', data: [{object: 'embedding', index: 0, embedding: vectorFor(String(body.input ?? ''), model, 1536)}], model, usage: {prompt_tokens: 1, total_tokens: 1}};
	}

	const tokens = completionTokens(sim.rng, {mockResponse: body.mock_response, maxTokens: body.max_tokens});
	const usage = {prompt_tokens: promptTokens(body), completion_tokens: tokens.length, total_tokens: promptTokens(body) + tokens.length};
	if (endpoint === '/v1/completions') {
		return {id: `cmpl-${sim.rng.uuid()}`, object: 'text_completion', created: unixNow(), model, choices: [{text: tokens.join(''), index: 0, logprobs: null, finish_reason: 'stop'}], usage};
	}

	return {
		id: `chatcmpl-${sim.rng.uuid()}`,
		object: 'chat.completion',
		created: unixNow(),
		model,
		choices: [{index: 0, message: {role: 'assistant', content: tokens.join('')}, finish_reason: 'stop'}],
		usage,
	};
}

/** Runs the batch's requests and stores the output file; returns its id. */
function completeBatch(sim: Sim, batch: BatchObject): string {
	const input = sim.files.get(batch.input_file_id);
	const lines = input ? parseLines(input.content) : [];
	const output = lines.map(line => ({
		id: `batch_req_${sim.rng.alnum(24)}`,
		custom_id: line.custom_id ?? null,
		response: {status_code: 200, request_id: sim.rng.hex(32), body: answerFor(sim, batch.endpoint, line.body ?? {})},
		error: null,
	}));
	const content = Buffer.from(output.map(line => JSON.stringify(line)).join('\n') + (output.length > 0 ? '\n' : ''));
	const id = `file-${sim.rng.alnum(22)}`;
	sim.files.add({id, object: 'file', bytes: content.length, created_at: unixNow(), filename: 'batch_output.jsonl', purpose: 'batch_output', status: 'processed', expires_at: null, status_details: null}, content);
	return id;
}

function current(sim: Sim, id: string): BatchObject {
	const batch = sim.batches.current(id, found => completeBatch(sim, found));
	if (!batch) throw proxyError(404, `Error code: 404 - No batch found with id '${id}'`, {type: 'invalid_request_error', param: 'batch_id'});
	return batch;
}

async function createBatch(exchange: Exchange, sim: Sim): Promise<void> {
	const body = await exchange.looseJson();
	for (const field of ['input_file_id', 'endpoint', 'completion_window']) {
		if (typeof body[field] !== 'string') throw proxyError(400, `litellm.BadRequestError: OpenAIException - Missing required parameter: '${field}'.`, {type: 'invalid_request_error', param: field});
	}

	const endpoint = String(body.endpoint);
	if (!batchEndpoints.includes(endpoint)) {
		throw proxyError(400, `litellm.BadRequestError: OpenAIException - Invalid value: '${endpoint}'. Supported values are: ${batchEndpoints.map(value => `'${value}'`).join(', ')}.`, {type: 'invalid_request_error', param: 'endpoint'});
	}

	if (body.completion_window !== '24h') {
		throw proxyError(400, `litellm.BadRequestError: OpenAIException - Invalid value: '${String(body.completion_window)}'. Supported values are: '24h'.`, {type: 'invalid_request_error', param: 'completion_window'});
	}

	const input = requireFile(sim, String(body.input_file_id));
	const created = unixNow();
	const batch = sim.batches.add({
		id: `batch_${sim.rng.hex(32)}`,
		object: 'batch',
		endpoint,
		errors: null,
		input_file_id: input.object.id,
		completion_window: '24h',
		status: 'validating',
		output_file_id: null,
		error_file_id: null,
		created_at: created,
		in_progress_at: null,
		expires_at: created + 86_400,
		finalizing_at: null,
		completed_at: null,
		failed_at: null,
		expired_at: null,
		cancelling_at: null,
		cancelled_at: null,
		request_counts: {total: parseLines(input.content).length, completed: 0, failed: 0},
		metadata: body.metadata && typeof body.metadata === 'object' ? (body.metadata as Record<string, string>) : null,
		// Fields of the OpenAI SDK's Batch type that LiteLLM 1.81.13 always sends.
		model: null,
		usage: null,
	});
	sendJson(exchange, 200, batch, basicHeaders(exchange, sim));
}

function retrieveBatch(exchange: Exchange, sim: Sim): void {
	sendJson(exchange, 200, current(sim, exchange.params.batch_id!), basicHeaders(exchange, sim));
}

function listBatches(exchange: Exchange, sim: Sim): void {
	// Newest first, as OpenAI lists them; `after` is a cursor (a batch id), `limit` defaults to 20.
	let batches = sim.batches
		.ids()
		.reverse()
		.map(id => current(sim, id));
	const after = exchange.query('after');
	if (after) batches = batches.slice(batches.findIndex(batch => batch.id === after) + 1);
	const limit = Math.max(1, Math.min(100, Number(exchange.query('limit') ?? 20) || 20));
	const page = batches.slice(0, limit);
	sendJson(exchange, 200, {object: 'list', data: page, first_id: page[0]?.id ?? null, last_id: page.at(-1)?.id ?? null, has_more: batches.length > limit}, basicHeaders(exchange, sim));
}

function cancelBatch(exchange: Exchange, sim: Sim): void {
	const batch = current(sim, exchange.params.batch_id!);
	if (!['validating', 'in_progress'].includes(batch.status)) {
		throw proxyError(400, `Error code: 400 - Cannot cancel a batch with status '${batch.status}'.`, {type: 'invalid_request_error', param: 'None'});
	}

	sim.batches.cancel(batch.id);
	sendJson(exchange, 200, current(sim, batch.id), basicHeaders(exchange, sim));
}

const prefixes = ['/v1/batches', '/batches', '/{provider}/v1/batches'];

export const batchRoutes: RouteSpec[] = [
	{name: 'create_batch', methods: ['POST'], paths: prefixes, access: 'llm', handle: createBatch},
	{name: 'list_batches', methods: ['GET'], paths: prefixes, access: 'llm', handle: listBatches},
	{name: 'retrieve_batch', methods: ['GET'], paths: prefixes.map(prefix => `${prefix}/{batch_id}`), access: 'llm', handle: retrieveBatch},
	{name: 'cancel_batch', methods: ['POST'], paths: prefixes.map(prefix => `${prefix}/{batch_id}/cancel`), access: 'llm', handle: cancelBatch},
];
