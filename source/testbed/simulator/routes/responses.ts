// §4.8 the Responses API, basic: create (non-stream and SSE events), retrieve, delete, input items.
import type {Sim} from '../context.js';
import {proxyError} from '../http/errors.js';
import type {Exchange} from '../http/exchange.js';
import {sendJson} from '../http/respond.js';
import type {RouteSpec} from '../http/router.js';
import {
	answerJson,
	answerStream,
	beginLlmCall,
	generationMs,
	mockResponseOf,
	settleUsage,
	upstreamWork,
} from '../llm/call.js';
import {completionTokens, promptTokens} from '../llm/content.js';
import {mockError} from '../llm/mock-errors.js';
import {unixNow} from '../python-format.js';

function* responseEvents(response: Record<string, unknown>, itemId: string, tokens: string[]): Generator<unknown> {
	let sequence = 0;
	const pending = {...response, status: 'in_progress', output: [], usage: null};
	yield {type: 'response.created', sequence_number: sequence++, response: pending};
	yield {type: 'response.in_progress', sequence_number: sequence++, response: pending};
	const item = {type: 'message', id: itemId, status: 'in_progress', role: 'assistant', content: []};
	yield {type: 'response.output_item.added', sequence_number: sequence++, output_index: 0, item};
	yield {type: 'response.content_part.added', sequence_number: sequence++, item_id: itemId, output_index: 0, content_index: 0, part: {type: 'output_text', text: '', annotations: []}};
	for (const token of tokens) yield {type: 'response.output_text.delta', sequence_number: sequence++, item_id: itemId, output_index: 0, content_index: 0, delta: token};
	const text = tokens.join('');
	yield {type: 'response.output_text.done', sequence_number: sequence++, item_id: itemId, output_index: 0, content_index: 0, text};
	yield {type: 'response.content_part.done', sequence_number: sequence++, item_id: itemId, output_index: 0, content_index: 0, part: {type: 'output_text', text, annotations: []}};
	yield {type: 'response.output_item.done', sequence_number: sequence++, output_index: 0, item: (response.output as unknown[])[0]};
	yield {type: 'response.completed', sequence_number: sequence++, response};
}

async function createResponse(exchange: Exchange, sim: Sim): Promise<void> {
	const body = await exchange.looseJson();
	const call = beginLlmCall(exchange, sim, {route: '/responses', callType: 'aresponses', body, model: body.model});
	const failure = mockError(mockResponseOf(call), call.resolved.group);
	if (failure) throw failure;
	if (body.input === undefined) throw proxyError(400, "litellm.BadRequestError: OpenAIException - Missing required parameter: 'input'.", {type: 'invalid_request_error', param: 'input'});
	const tokens = completionTokens(sim.rng, {mockResponse: mockResponseOf(call), maxTokens: body.max_output_tokens});
	settleUsage(call, {promptTokens: promptTokens(body), completionTokens: tokens.length});
	const itemId = `msg_${sim.rng.hex(48)}`;
	const response: Record<string, unknown> = {
		id: `resp_${sim.rng.hex(48)}`,
		object: 'response',
		created_at: unixNow(),
		status: 'completed',
		error: null,
		incomplete_details: null,
		instructions: typeof body.instructions === 'string' ? body.instructions : null,
		max_output_tokens: typeof body.max_output_tokens === 'number' ? body.max_output_tokens : null,
		model: call.resolved.requested,
		output: [{type: 'message', id: itemId, status: 'completed', role: 'assistant', content: [{type: 'output_text', text: tokens.join(''), annotations: []}]}],
		parallel_tool_calls: true,
		previous_response_id: typeof body.previous_response_id === 'string' ? body.previous_response_id : null,
		temperature: typeof body.temperature === 'number' ? body.temperature : 1,
		tool_choice: 'auto',
		tools: [],
		top_p: 1,
		usage: {
			input_tokens: call.promptTokens,
			input_tokens_details: {cached_tokens: 0},
			output_tokens: call.completionTokens,
			output_tokens_details: {reasoning_tokens: 0},
			total_tokens: call.promptTokens + call.completionTokens,
		},
	};
	sim.responses.set(String(response.id), {...response, input: body.input});
	if (body.stream === true) {
		await answerStream(exchange, sim, call, () => responseEvents(response, itemId, tokens));
		return;
	}

	await upstreamWork(exchange, sim, call, generationMs(sim, tokens.length));
	answerJson(exchange, sim, call, response);
}

function stored(exchange: Exchange, sim: Sim): Record<string, unknown> {
	const id = exchange.params.response_id!;
	const found = sim.responses.get(id);
	if (!found) throw proxyError(404, `Response with id '${id}' not found.`, {type: 'invalid_request_error', param: 'response_id'});
	return found;
}

function getResponse(exchange: Exchange, sim: Sim): void {
	const {input: _input, ...response} = stored(exchange, sim);
	sendJson(exchange, 200, response);
}

function deleteResponse(exchange: Exchange, sim: Sim): void {
	const {id} = stored(exchange, sim);
	sim.responses.delete(String(id));
	sendJson(exchange, 200, {id, object: 'response', deleted: true});
}

function inputItems(exchange: Exchange, sim: Sim): void {
	const {input} = stored(exchange, sim);
	const items = (typeof input === 'string' ? [{role: 'user', content: [{type: 'input_text', text: input}]}] : Array.isArray(input) ? input : []).map((item, index) => ({
		id: `msg_in_${index}`,
		type: 'message',
		...(item as Record<string, unknown>),
	}));
	sendJson(exchange, 200, {object: 'list', data: items, first_id: items[0]?.id ?? null, last_id: items.at(-1)?.id ?? null, has_more: false});
}

export const responsesRoutes: RouteSpec[] = [
	{name: 'responses_api', methods: ['POST'], paths: ['/v1/responses', '/responses', '/openai/v1/responses'], access: 'llm', llm: true, handle: createResponse},
	{name: 'get_response', methods: ['GET'], paths: ['/v1/responses/{response_id}', '/responses/{response_id}'], access: 'llm', handle: getResponse},
	{name: 'delete_response', methods: ['DELETE'], paths: ['/v1/responses/{response_id}', '/responses/{response_id}'], access: 'llm', handle: deleteResponse},
	{name: 'get_response_input_items', methods: ['GET'], paths: ['/v1/responses/{response_id}/input_items', '/responses/{response_id}/input_items'], access: 'llm', handle: inputItems},
];
