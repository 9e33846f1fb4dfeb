// §4.1 chat completions, non-stream and SSE.
import type {Sim} from '../context.js';
import {sleep} from '../context.js';
import {chatGapDelayMs, hasGap} from '../gaps.js';
import {proxyError} from '../http/errors.js';
import type {Exchange} from '../http/exchange.js';
import type {RouteSpec} from '../http/router.js';
import {
	answerFromCache,
	answerJson,
	answerStream,
	beginLlmCall,
	generationMs,
	type LlmCall,
	mockResponseOf,
	openAiPaths,
	settleUsage,
	upstreamWork,
	wantsStreamUsage,
} from '../llm/call.js';
import {completionTokens, promptTokens} from '../llm/content.js';
import {mockError} from '../llm/mock-errors.js';
import {forcedToolCall, type ToolCall} from '../llm/tools.js';
import {unixNow} from '../python-format.js';

type Usage = {completion_tokens: number; prompt_tokens: number; total_tokens: number; completion_tokens_details: null; prompt_tokens_details: null};

function usageOf(call: LlmCall): Usage {
	return {
		completion_tokens: call.completionTokens,
		prompt_tokens: call.promptTokens,
		total_tokens: call.completionTokens + call.promptTokens,
		completion_tokens_details: null,
		prompt_tokens_details: null,
	};
}

function* chatFrames(base: Record<string, unknown>, tokens: string[], toolCall: ToolCall | undefined, usage: Usage | undefined): Generator<unknown> {
	if (toolCall) {
		yield {...base, choices: [{index: 0, delta: {role: 'assistant', tool_calls: [{index: 0, id: toolCall.id, type: 'function', function: {name: toolCall.function.name, arguments: ''}}]}}]};
		yield {...base, choices: [{index: 0, delta: {tool_calls: [{index: 0, function: {arguments: toolCall.function.arguments}}]}}]};
	} else {
		// The role rides on the first content chunk, as LiteLLM's stream wrapper sends it.
		for (const [index, token] of tokens.entries()) yield {...base, choices: [{index: 0, delta: index === 0 ? {role: 'assistant', content: token} : {content: token}}]};
	}

	yield {...base, choices: [{finish_reason: toolCall ? 'tool_calls' : 'stop', index: 0, delta: {}}]};
	if (usage) yield {...base, choices: [{index: 0, delta: {}}], usage};
}

async function chatCompletion(exchange: Exchange, sim: Sim): Promise<void> {
	if (hasGap(sim.options, 'chat-slower')) await sleep(sim, chatGapDelayMs);
	const body = await exchange.looseJson();
	const call = beginLlmCall(exchange, sim, {route: '/chat/completions', callType: 'acompletion', body, model: exchange.params.model ?? body.model});
	const failure = mockError(mockResponseOf(call), call.resolved.group);
	if (failure) {
		await upstreamWork(exchange, sim, call);
		throw failure;
	}

	if (!Array.isArray(body.messages)) {
		throw proxyError(400, "litellm.BadRequestError: OpenAIException - Missing required parameter: 'messages'.", {type: 'invalid_request_error', param: 'messages'});
	}

	if (answerFromCache(exchange, sim, call)) return;

	const toolCall = forcedToolCall(body, sim.rng);
	const tokens = toolCall ? [] : completionTokens(sim.rng, {mockResponse: mockResponseOf(call), maxTokens: body.max_tokens, maxCompletionTokens: body.max_completion_tokens});
	settleUsage(call, {promptTokens: promptTokens(body), completionTokens: toolCall ? 12 : tokens.length});
	const id = `chatcmpl-${sim.rng.uuid()}`;
	const created = unixNow();
	const model = call.resolved.requested;
	if (body.stream === true) {
		const base = {id, created, model, object: 'chat.completion.chunk'};
		await answerStream(exchange, sim, call, chatFrames(base, tokens, toolCall, wantsStreamUsage(body) ? usageOf(call) : undefined));
		return;
	}

	await upstreamWork(exchange, sim, call, generationMs(sim, tokens.length));
	const response = {
		id,
		created,
		model,
		object: 'chat.completion',
		system_fingerprint: null,
		choices: [
			{
				finish_reason: toolCall ? 'tool_calls' : 'stop',
				index: 0,
				message: {content: toolCall ? null : tokens.join(''), role: 'assistant', tool_calls: toolCall ? [toolCall] : null, function_call: null},
			},
		],
		usage: usageOf(call),
	};
	answerJson(exchange, sim, call, response);
}

export const chatRoutes: RouteSpec[] = [
	{
		name: 'chat_completion',
		methods: ['POST'],
		paths: openAiPaths('chat/completions'),
		access: 'llm',
		llm: true,
		handle: chatCompletion,
	},
];
