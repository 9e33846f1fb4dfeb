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
	forwardsToUpstream,
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

type Usage = {completion_tokens: number; prompt_tokens: number; total_tokens: number; [detail: string]: unknown};

/** LiteLLM's fixed usage on a non-stream mock_response answer (DEFAULT_MOCK_RESPONSE_*_TOKEN_COUNT). */
const mockUsage = {promptTokens: 10, completionTokens: 20};

function usageOf(call: LlmCall): Usage {
	return {completion_tokens: call.completionTokens, prompt_tokens: call.promptTokens, total_tokens: call.completionTokens + call.promptTokens};
}

/** The usage chunk of a stream: LiteLLM counts the tokens itself and adds completion_tokens_details. */
function streamUsageOf(call: LlmCall): Usage {
	return {...usageOf(call), completion_tokens_details: {reasoning_tokens: 0}};
}

/** How LiteLLM streams a mock_response: three characters a chunk. */
function mockChunks(text: string): string[] {
	const chunks: string[] = [];
	for (let index = 0; index < text.length; index += 3) chunks.push(text.slice(index, index + 3));
	return chunks.length > 0 ? chunks : [''];
}

function* chatFrames(base: Record<string, unknown>, tokens: string[], toolCall: ToolCall | undefined, finishReason: string, usage: Usage | undefined): Generator<unknown> {
	if (toolCall) {
		yield {...base, choices: [{index: 0, delta: {role: 'assistant', tool_calls: [{index: 0, id: toolCall.id, type: 'function', function: {name: toolCall.function.name, arguments: ''}}]}}]};
		yield {...base, choices: [{index: 0, delta: {tool_calls: [{index: 0, function: {arguments: toolCall.function.arguments}}]}}]};
	} else {
		// The role rides on the first content chunk, as LiteLLM's stream wrapper sends it.
		for (const [index, token] of tokens.entries()) yield {...base, choices: [{index: 0, delta: index === 0 ? {content: token, role: 'assistant'} : {content: token}}]};
	}

	yield {...base, choices: [{finish_reason: finishReason, index: 0, delta: {}}]};
	if (usage) yield {...base, choices: [{index: 0, delta: {}}], usage};
}

type Stored = {id: string; model: string; content: string | null; finishReason: string; usage: Usage};

/** A cached stream comes back as one content chunk, the finish chunk and (when asked for) the usage chunk. */
function* replayFrames(stored: Stored, wantsUsage: boolean): Generator<unknown> {
	const base = {id: stored.id, created: unixNow(), model: stored.model, object: 'chat.completion.chunk'};
	yield {...base, choices: [{index: 0, delta: {content: stored.content, role: 'assistant'}}]};
	yield {...base, choices: [{finish_reason: stored.finishReason, index: 0, delta: {}}]};
	if (wantsUsage) yield {...base, choices: [{index: 0, delta: {}}], usage: stored.usage};
}

async function chatCompletion(exchange: Exchange, sim: Sim): Promise<void> {
	if (hasGap(sim.options, 'chat-slower')) {
		// chat-one-at-a-time: the waits take turns, as behind a lock. Alone a call waits 80 ms (the chat and overhead rows);
		// under concurrent load the candidate answers at most 1000/80 = 12.5 calls a second, far below the baseline even
		// on a busy machine, so the throughput row reads drift whatever the load (a plain 80 ms let 10 connections reach
		// ~90 req/s, within the noise margin of a baseline that a busy machine slows down).
		const wait = async () => sleep(sim, chatGapDelayMs);
		await (hasGap(sim.options, 'chat-one-at-a-time') ? sim.chatLane(wait) : wait());
	}
	const body = await exchange.looseJson();
	const call = beginLlmCall(exchange, sim, {route: '/chat/completions', callType: 'acompletion', body, model: exchange.params.model ?? body.model});
	const failure = mockError(mockResponseOf(call), call.resolved.group);
	if (failure) {
		await upstreamWork(exchange, sim, call);
		throw failure;
	}

	if (!Array.isArray(body.messages)) {
		// LiteLLM 1.81.13 passes the body on to the Router unchecked (measured).
		throw proxyError(500, "Router.acompletion() missing 1 required positional argument: 'messages'");
	}

	const mock = mockResponseOf(call);
	const toolCall = forcedToolCall(body, sim.rng);
	const model = call.resolved.requested;
	if (body.stream === true) {
		const id = `chatcmpl-${sim.rng.uuid()}`;
		let content = '';
		let finishReason = toolCall ? 'tool_calls' : 'stop';
		const wantsUsage = wantsStreamUsage(body);
		const frames = async () => {
			const relayed = forwardsToUpstream(sim, call) ? await upstreamWork(exchange, sim, call) : undefined;
			// A forwarded stream waits for the upstream but generates its chunks (max_tokens of them): the demo's streams
			// stay long enough to watch, and the checks ignore stream content.
			const tokens = toolCall
				? []
				: mock !== undefined && mock !== null
						? mockChunks(typeof mock === 'string' ? mock : JSON.stringify(mock))
						: completionTokens(sim.rng, {maxTokens: body.max_tokens, maxCompletionTokens: body.max_completion_tokens});
			content = tokens.join('');
			finishReason = toolCall ? 'tool_calls' : (relayed?.finishReason ?? 'stop');
			settleUsage(call, {promptTokens: promptTokens(body), completionTokens: toolCall ? 12 : tokens.length});
			const base = {id: relayed?.id ?? id, created: unixNow(), model, object: 'chat.completion.chunk'};
			return chatFrames(base, tokens, toolCall, finishReason, wantsUsage ? streamUsageOf(call) : undefined);
		};

		await answerStream(exchange, sim, call, frames, {
			assembled: (): Stored => ({id: call.upstreamAnswer?.id ?? id, model, content: toolCall ? null : content, finishReason, usage: streamUsageOf(call)}),
			replay: stored => {
				const {promptTokens: prompt, completionTokens: completion} = {promptTokens: (stored as Stored).usage.prompt_tokens, completionTokens: (stored as Stored).usage.completion_tokens};
				settleUsage(call, {promptTokens: prompt, completionTokens: completion});
				return replayFrames(stored as Stored, wantsUsage);
			},
		});
		return;
	}

	if (answerFromCache(exchange, sim, call)) return;
	const tokens = toolCall ? [] : completionTokens(sim.rng, {mockResponse: mock, maxTokens: body.max_tokens, maxCompletionTokens: body.max_completion_tokens});
	const relayed = await upstreamWork(exchange, sim, call, generationMs(sim, tokens.length));
	let usage: Usage;
	if (relayed?.usage) {
		usage = relayed.usage;
		settleUsage(call, {promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens});
	} else {
		settleUsage(call, toolCall ? {promptTokens: promptTokens(body), completionTokens: 12} : mock === undefined ? {promptTokens: promptTokens(body), completionTokens: tokens.length} : mockUsage);
		usage = usageOf(call);
	}

	// LiteLLM leaves out what the provider did not send: no system_fingerprint, tool_calls or function_call nulls.
	const message = toolCall ? {content: null, role: 'assistant', tool_calls: [toolCall]} : {content: relayed?.content ?? tokens.join(''), role: 'assistant'};
	const response = {
		id: relayed?.id ?? `chatcmpl-${sim.rng.uuid()}`,
		created: relayed?.created ?? unixNow(),
		model,
		object: 'chat.completion',
		choices: [{finish_reason: toolCall ? 'tool_calls' : (relayed?.finishReason ?? 'stop'), index: 0, message}],
		usage,
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
