// §4.2 text completions, non-stream and SSE.
import type {Sim} from '../context.js';
import {proxyError} from '../http/errors.js';
import type {Exchange} from '../http/exchange.js';
import type {RouteSpec} from '../http/router.js';
import {
	answerFromCache,
	answerJson,
	answerStream,
	beginLlmCall,
	generationMs,
	mockResponseOf,
	openAiPaths,
	settleUsage,
	upstreamWork,
	wantsStreamUsage,
} from '../llm/call.js';
import {completionTokens, promptTokens} from '../llm/content.js';
import {mockError} from '../llm/mock-errors.js';
import {unixNow} from '../python-format.js';

type Usage = {prompt_tokens: number; completion_tokens: number; total_tokens: number};

function* completionFrames(base: Record<string, unknown>, tokens: string[], usage: Usage | undefined): Generator<unknown> {
	for (const token of tokens) yield {...base, choices: [{text: token, index: 0}]};
	yield {...base, choices: [{text: '', index: 0, finish_reason: 'stop'}]};
	if (usage) yield {...base, choices: [], usage};
}

async function textCompletion(exchange: Exchange, sim: Sim): Promise<void> {
	const body = await exchange.looseJson();
	const call = beginLlmCall(exchange, sim, {route: '/completions', callType: 'atext_completion', body, model: exchange.params.model ?? body.model});
	const failure = mockError(mockResponseOf(call), call.resolved.group);
	if (failure) {
		await upstreamWork(exchange, sim, call);
		throw failure;
	}

	if (body.prompt === undefined) {
		throw proxyError(400, "litellm.BadRequestError: OpenAIException - Missing required parameter: 'prompt'.", {type: 'invalid_request_error', param: 'prompt'});
	}

	if (answerFromCache(exchange, sim, call)) return;

	const tokens = completionTokens(sim.rng, {mockResponse: mockResponseOf(call), maxTokens: body.max_tokens});
	settleUsage(call, {promptTokens: promptTokens(body), completionTokens: tokens.length});
	const usage = {prompt_tokens: call.promptTokens, completion_tokens: call.completionTokens, total_tokens: call.promptTokens + call.completionTokens};
	const id = `cmpl-${sim.rng.uuid()}`;
	const created = unixNow();
	const model = call.resolved.requested;
	if (body.stream === true) {
		const base = {id, object: 'text_completion', created, model};
		await answerStream(exchange, sim, call, completionFrames(base, tokens, wantsStreamUsage(body) ? usage : undefined));
		return;
	}

	await upstreamWork(exchange, sim, call, generationMs(sim, tokens.length));
	const response = {
		id,
		object: 'text_completion',
		created,
		model,
		choices: [{text: tokens.join(''), index: 0, logprobs: null, finish_reason: 'stop'}],
		usage,
	};
	answerJson(exchange, sim, call, response);
}

export const completionRoutes: RouteSpec[] = [
	{
		name: 'completion',
		methods: ['POST'],
		paths: openAiPaths('completions'),
		access: 'llm',
		llm: true,
		handle: textCompletion,
	},
];
