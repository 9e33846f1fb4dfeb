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

type Usage = {completion_tokens: number; prompt_tokens: number; total_tokens: number};

const zeroUsage: Usage = {completion_tokens: 0, prompt_tokens: 0, total_tokens: 0};

/**
 * A text-completion stream as LiteLLM 1.81.13 relays it: every chunk carries a usage block (zeros until the usage
 * chunk), the finish chunk has no text.
 */
function* completionFrames(base: Record<string, unknown>, tokens: string[], usage: Usage | undefined): Generator<unknown> {
	for (const token of tokens) yield {...base, choices: [{index: 0, text: token}], usage: zeroUsage};
	yield {...base, choices: [{finish_reason: 'stop', index: 0}], usage: zeroUsage};
	if (usage) yield {...base, choices: [], usage};
}

type Stored = {id: string; text: string; usage: Usage};

/** A cached completion stream comes back as chat chunks with a delta (a LiteLLM quirk, LITELLM_CONTRACT §15). */
function* replayFrames(stored: Stored, model: string): Generator<unknown> {
	const base = {id: stored.id, created: unixNow(), model, object: 'chat.completion.chunk'};
	yield {...base, choices: [{index: 0, delta: {content: stored.text, role: 'assistant'}}]};
	yield {...base, choices: [{finish_reason: 'stop', index: 0, delta: {}}]};
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
		// LiteLLM 1.81.13 fails on the missing key itself: a KeyError, printed as its repr (measured).
		throw proxyError(500, "'prompt'");
	}

	const id = `cmpl-${sim.rng.uuid()}`;
	const model = call.resolved.requested;
	const usageOf = (): Usage => ({completion_tokens: call.completionTokens, prompt_tokens: call.promptTokens, total_tokens: call.promptTokens + call.completionTokens});
	if (body.stream === true) {
		let text = '';
		const frames = () => {
			const tokens = completionTokens(sim.rng, {mockResponse: mockResponseOf(call), maxTokens: body.max_tokens});
			text = tokens.join('');
			settleUsage(call, {promptTokens: promptTokens(body), completionTokens: tokens.length});
			return completionFrames({id, object: 'text_completion', created: unixNow(), model}, tokens, wantsStreamUsage(body) ? usageOf() : undefined);
		};

		await answerStream(exchange, sim, call, frames, {
			assembled: (): Stored => ({id, text, usage: usageOf()}),
			replay: stored => {
				const {usage} = stored as Stored;
				settleUsage(call, {promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens});
				return replayFrames(stored as Stored, model);
			},
		});
		return;
	}

	if (answerFromCache(exchange, sim, call)) return;
	const tokens = completionTokens(sim.rng, {mockResponse: mockResponseOf(call), maxTokens: body.max_tokens});
	settleUsage(call, {promptTokens: promptTokens(body), completionTokens: tokens.length});
	await upstreamWork(exchange, sim, call, generationMs(sim, tokens.length));
	const response = {
		id,
		object: 'text_completion',
		created: unixNow(),
		model,
		choices: [{finish_reason: 'stop', index: 0, text: tokens.join(''), logprobs: null}],
		usage: {...usageOf(), completion_tokens_details: null, prompt_tokens_details: null},
		system_fingerprint: null,
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
