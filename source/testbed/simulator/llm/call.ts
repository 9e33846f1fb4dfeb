// The life of one inference call, shared by every LLM route: key checks, model resolution, deployment choice, the
// x-litellm-* response headers (§1.4), the response cache (§9), spend logs, Prometheus and OTLP.
import {modelAccess} from '../auth/model-access.js';
import {principalKeyHash, type Principal} from '../auth/principal.js';
import type {Sim} from '../context.js';
import {sleep} from '../context.js';
import {proxyError} from '../http/errors.js';
import type {Exchange} from '../http/exchange.js';
import {sendJson, startStream, type Headers} from '../http/respond.js';
import {modelFacts, providerOf, type ModelFacts} from '../models/catalog.js';
import {apiBaseOf, type Deployment} from '../models/deployments.js';
import type {Resolved} from '../models/registry.js';
import type {KeyLabelValues} from '../observability/metrics.js';
import {pyFloat, pyRepr} from '../python-format.js';
import {cacheControls, ResponseCache} from '../state/response-cache.js';
import {sseContentType, writeSse} from './sse.js';
import {promptText} from './content.js';
import type {UpstreamAnswer} from './upstream.js';

export type CallType = 'acompletion' | 'atext_completion' | 'aembedding' | 'aimage_generation' | 'atranscription' | 'aspeech' | 'aresponses';

export type LlmCall = {
	callId: string;
	/** The route family as LiteLLM names it in messages, e.g. /chat/completions. */
	route: string;
	callType: CallType;
	resolved: Resolved;
	deployment: Deployment;
	facts: ModelFacts;
	body: Record<string, unknown>;
	startTime: Date;
	/** Simulated provider time spent so far (ms): the rest of the duration is proxy overhead. */
	upstreamMs: number;
	cacheKey?: string;
	cacheHit: boolean;
	promptTokens: number;
	completionTokens: number;
	/** What the call costs the key's spend (0 on cache hits). */
	cost: number;
	/** What x-litellm-response-cost shows: a cache hit keeps the original answer's cost. */
	listedCost: number;
	/** The upstream's answer, when the call was forwarded. */
	upstreamAnswer?: UpstreamAnswer;
};

export type Usage = {promptTokens: number; completionTokens: number};

/** The key-level checks user_api_key_auth runs before the router: budget and model access (no x-litellm headers). */
function checkKeyAllows(sim: Sim, principal: Principal, model: unknown): void {
	if (principal.role !== 'virtual') return;
	const {key} = principal;
	if (key.max_budget !== null && key.spend >= key.max_budget) {
		throw proxyError(400, `Budget has been exceeded! Current cost: ${pyFloat(key.spend)}, Max budget: ${pyFloat(key.max_budget)}`, {
			type: 'budget_exceeded',
			param: 'None',
		});
	}

	const access = modelAccess(sim, key);
	if (!access || (typeof model === 'string' && access.models.includes(model))) return;
	throw proxyError(
		401,
		`Authentication Error, ${access.source} not allowed to access model. This ${access.source} can only access models=${pyRepr(access.models)}. Tried to access ${String(model)}`,
		{type: `${access.source}_model_access_denied`, param: 'model'},
	);
}

export function keySpend(sim: Sim, principal: Principal): number {
	const hash = principalKeyHash(principal);
	return (hash && sim.db?.keys.get(hash)?.spend) || 0;
}

function keyLimitHeaders(principal: Principal): Headers {
	if (principal.role !== 'virtual') return {};
	const {key} = principal;
	return {
		'x-litellm-key-tpm-limit': key.tpm_limit === null ? 'None' : String(key.tpm_limit),
		'x-litellm-key-rpm-limit': key.rpm_limit === null ? 'None' : String(key.rpm_limit),
		'x-litellm-key-max-budget': key.max_budget === null ? 'None' : pyFloat(key.max_budget),
	};
}

export type BeginOptions = {route: string; callType: CallType; body: Record<string, unknown>; model?: unknown};

export function beginLlmCall(exchange: Exchange, sim: Sim, {route, callType, body, model = body.model}: BeginOptions): LlmCall {
	exchange.requestedModel = typeof model === 'string' ? model : undefined;
	checkKeyAllows(sim, exchange.principal, model);
	const callId = exchange.header('x-litellm-call-id') || sim.rng.uuid();
	Object.assign(exchange.answerHeaders, {
		'x-litellm-call-id': callId,
		'x-litellm-response-cost': '0',
		'x-litellm-key-spend': pyFloat(keySpend(sim, exchange.principal)),
		...keyLimitHeaders(exchange.principal),
	});
	const resolved = sim.models.resolve(model);
	if (!resolved) {
		// 1.81.13 wraps the message in str(dict) (measured).
		throw proxyError(
			400,
			pyRepr({error: `${route}: Invalid model name passed in model=${typeof model === 'string' ? model : 'None'}. Call \`/v1/models\` to view available models for your key.`}),
		);
	}

	const deployment = sim.models.choose(resolved, promptText(body));
	Object.assign(exchange.answerHeaders, {
		'x-litellm-model-id': deployment.model_info.id,
		'x-litellm-model-api-base': apiBaseOf(deployment),
		'x-litellm-version': sim.options.version,
		'x-litellm-model-group': resolved.group,
		'x-litellm-attempted-retries': '0',
		'x-litellm-attempted-fallbacks': '0',
	});
	// LiteLLM registers its loggers and custom callbacks on the first call that reaches a deployment.
	sim.callbacksActive = true;
	const call: LlmCall = {
		callId,
		route,
		callType,
		resolved,
		deployment,
		facts: modelFacts(deployment.litellm_params.model),
		body,
		startTime: new Date(),
		upstreamMs: 0,
		cacheHit: false,
		promptTokens: 0,
		completionTokens: 0,
		cost: 0,
		listedCost: 0,
	};
	exchange.llmCall = call;
	return call;
}

/** The deployment's own mock_response (litellm_params), used when the request has none. */
export function mockResponseOf(call: LlmCall): unknown {
	return call.body.mock_response ?? call.deployment.litellm_params.mock_response;
}

/**
 * Looks the call up in the response cache (non-stream calls only). A hit returns the stored answer; a miss
 * remembers the key so storeInCache can fill it.
 */
export function readCache(sim: Sim, call: LlmCall): unknown {
	if (!sim.cache) return undefined;
	const key = ResponseCache.keyFor(call.callType, call.resolved.requested, call.body);
	call.cacheKey = sim.options.cacheNamespace ? `${sim.options.cacheNamespace}:${key}` : key;
	if (cacheControls(call.body).noCache) return undefined;
	const cached = sim.cache.get(call.cacheKey);
	if (cached !== undefined) call.cacheHit = true;
	return cached === undefined ? undefined : structuredClone(cached);
}

export function storeInCache(sim: Sim, call: LlmCall, value: unknown): void {
	if (!sim.cache || !call.cacheKey || call.cacheHit) return;
	const controls = cacheControls(call.body);
	if (controls.noStore) return;
	sim.cache.set(call.cacheKey, value, controls.ttlSeconds);
}

/**
 * The provider at work, once per call (skipped entirely on cache hits): the injected latency plus generation time,
 * or — for chat calls without mock_response when an upstream is configured — a real call to that upstream, whose
 * answer is returned so the proxy can relay it.
 */
export async function upstreamWork(exchange: Exchange, sim: Sim, call: LlmCall, generationMs = 0): Promise<UpstreamAnswer | undefined> {
	if (exchange.latencyPaid) return call.upstreamAnswer;
	exchange.latencyPaid = true;
	if (call.cacheHit) return undefined;
	if (forwardsToUpstream(sim, call)) {
		const answer = await sim.upstream!.chat(call.body, sim.signal);
		call.upstreamMs += answer.ms;
		call.upstreamAnswer = answer;
		await sleep(sim, sim.options.latencyMs);
		call.upstreamMs += sim.options.latencyMs;
		return answer;
	}

	const ms = sim.options.latencyMs + generationMs;
	call.upstreamMs += ms;
	await sleep(sim, ms);
	return undefined;
}

/** Chat calls without mock_response go on to the configured upstream (the others are answered here). */
export function forwardsToUpstream(sim: Sim, call: LlmCall): boolean {
	return sim.upstream !== undefined && call.callType === 'acompletion' && mockResponseOf(call) === undefined;
}

/** Non-stream generation time: one chunk delay per token, capped so long answers stay quick. */
export function generationMs(sim: Sim, tokens: number): number {
	return Math.min(tokens * sim.options.chunkDelayMs, 250);
}

export function priceTokens(call: LlmCall, usage: Usage): number {
	return usage.promptTokens * call.facts.input_cost_per_token + usage.completionTokens * call.facts.output_cost_per_token;
}

/** Sets the call's usage and cost (spend is 0 on cache hits: hits are free; the header keeps the original cost). */
export function settleUsage(call: LlmCall, usage: Usage, cost = priceTokens(call, usage)): void {
	call.promptTokens = usage.promptTokens;
	call.completionTokens = usage.completionTokens;
	call.cost = call.cacheHit ? 0 : cost;
	call.listedCost = cost;
}

function ms(value: number): string {
	return pyFloat(Math.round(value * 1000) / 1000);
}

/** Which of the §1.4 headers LiteLLM 1.81.13 sends on a successful answer, per call type (measured). */
type HeaderSet = {modelId: boolean; group: boolean; overhead: boolean; retries: boolean; costBreakdown: boolean};

const successHeaderSets: Record<CallType, HeaderSet> = {
	acompletion: {modelId: true, group: true, overhead: true, retries: true, costBreakdown: true},
	aembedding: {modelId: true, group: true, overhead: true, retries: true, costBreakdown: true},
	aresponses: {modelId: true, group: true, overhead: true, retries: true, costBreakdown: true},
	atext_completion: {modelId: true, group: false, overhead: false, retries: true, costBreakdown: true},
	atranscription: {modelId: true, group: true, overhead: false, retries: true, costBreakdown: false},
	aimage_generation: {modelId: true, group: false, overhead: false, retries: false, costBreakdown: false},
	aspeech: {modelId: false, group: false, overhead: false, retries: false, costBreakdown: false},
};

/** LiteLLM's cost breakdown headers (no discounts or margins configured). */
function costBreakdown(original: number): Headers {
	return {
		'x-litellm-response-cost-original': pyFloat(original),
		'x-litellm-response-cost-discount-amount': '0.0',
		'x-litellm-response-cost-margin-amount': '0.0',
		'x-litellm-response-cost-margin-percent': '0.0',
	};
}

/** The §1.4 header set for a successful non-stream answer, sent with the headers (so durations are "until now"). */
export function successHeaders(exchange: Exchange, sim: Sim, call: LlmCall): Headers {
	const set = successHeaderSets[call.callType];
	const duration = performance.now() - exchange.startedAt;
	const {answerHeaders: base} = exchange;
	const headers: Headers = {
		'x-litellm-call-id': base['x-litellm-call-id']!,
		...(set.modelId ? {'x-litellm-model-id': base['x-litellm-model-id']!} : {}),
		...(call.cacheHit ? {'x-litellm-cache-key': call.cacheKey!} : {}),
		'x-litellm-model-api-base': base['x-litellm-model-api-base']!,
		'x-litellm-version': sim.options.version,
		'x-litellm-response-cost': pyFloat(call.listedCost),
		...(set.costBreakdown ? costBreakdown(call.listedCost) : {}),
		'x-litellm-key-spend': pyFloat(keySpend(sim, exchange.principal) + call.listedCost),
		'x-litellm-response-duration-ms': ms(duration),
		...(set.overhead ? {'x-litellm-overhead-duration-ms': ms(Math.max(0, duration - call.upstreamMs))} : {}),
		...(set.group ? {'x-litellm-model-group': call.resolved.group} : {}),
		...(set.retries ? {'x-litellm-attempted-retries': '0', 'x-litellm-attempted-fallbacks': '0'} : {}),
		...keyLimitHeaders(exchange.principal),
	};
	return headers;
}

/**
 * The headers of a streamed answer: sent before the cost is known, so LiteLLM shows the breakdown at 0.0 and no
 * cost, duration, group or retry headers; text-completion streams name no deployment either.
 */
export function streamHeaders(exchange: Exchange, sim: Sim, call: LlmCall): Headers {
	const {answerHeaders: base} = exchange;
	const deployment: Headers = call.callType === 'atext_completion' ? {} : {'x-litellm-model-id': base['x-litellm-model-id']!, 'x-litellm-model-api-base': base['x-litellm-model-api-base']!};
	return {
		'x-litellm-call-id': base['x-litellm-call-id']!,
		...deployment,
		'x-litellm-version': sim.options.version,
		...costBreakdown(0),
		'x-litellm-key-spend': pyFloat(keySpend(sim, exchange.principal)),
		...keyLimitHeaders(exchange.principal),
	};
}

export function keyLabels(exchange: Exchange, sim: Sim, requestedModel: string): KeyLabelValues {
	const {principal} = exchange;
	const key = principal.role === 'virtual' ? principal.key : undefined;
	const team = key?.team_id ? sim.db?.teams.get(key.team_id) : undefined;
	const body = exchange.llmCall?.body;
	return {
		end_user: typeof body?.user === 'string' ? body.user : 'None',
		hashed_api_key: principalKeyHash(principal) ?? 'None',
		api_key_alias: key?.key_alias ?? 'None',
		requested_model: requestedModel,
		team: key?.team_id ?? 'None',
		team_alias: team?.team_alias ?? 'None',
		user: key?.user_id ?? 'None',
	};
}

function requestTags(exchange: Exchange, body: Record<string, unknown>): string[] {
	const metadata = body.metadata && typeof body.metadata === 'object' ? (body.metadata as Record<string, unknown>) : {};
	const tags = body.tags ?? metadata.tags;
	if (Array.isArray(tags)) return tags.map(String);
	return (exchange.header('x-litellm-tags') ?? '')
		.split(',')
		.map(tag => tag.trim())
		.filter(Boolean);
}

function spendLogsMetadata(exchange: Exchange): unknown {
	const raw = exchange.header('x-litellm-spend-logs-metadata');
	if (!raw) return null;
	try {
		return JSON.parse(raw) as unknown;
	} catch {
		return raw;
	}
}

/** After a successful answer: spend (key, user, team), a spend-log row, Prometheus counters and the OTLP span. */
export function finishLlmCall(exchange: Exchange, sim: Sim, call: LlmCall): void {
	const endTime = new Date();
	const hash = principalKeyHash(exchange.principal);
	const {principal} = exchange;
	const key = principal.role === 'virtual' ? principal.key : undefined;
	const model = call.deployment.litellm_params.model;
	const bareModel = model.includes('/') ? model.slice(model.indexOf('/') + 1) : model;
	if (sim.db) {
		sim.db.addSpend(hash, call.resolved.requested, call.cost);
		sim.db.spendLogs.push({
			request_id: call.callId,
			call_type: call.callType,
			api_key: hash ?? '',
			spend: call.cost,
			total_tokens: call.promptTokens + call.completionTokens,
			prompt_tokens: call.promptTokens,
			completion_tokens: call.completionTokens,
			startTime: call.startTime.toISOString(),
			endTime: endTime.toISOString(),
			completionStartTime: endTime.toISOString(),
			model: bareModel,
			model_id: call.cacheHit ? '' : call.deployment.model_info.id,
			model_group: call.resolved.group,
			custom_llm_provider: providerOf(model),
			api_base: call.cacheHit ? '' : apiBaseOf(call.deployment),
			user: key?.user_id ?? '',
			metadata: {
				user_api_key: hash ?? null,
				user_api_key_alias: key?.key_alias ?? null,
				user_api_key_team_id: key?.team_id ?? null,
				user_api_key_user_id: key?.user_id ?? null,
				spend_logs_metadata: spendLogsMetadata(exchange),
				requester_ip_address: '',
			},
			cache_hit: call.cacheHit ? 'True' : 'False',
			cache_key: call.cacheHit ? call.cacheKey! : '',
			request_tags: requestTags(exchange, call.body),
			team_id: key?.team_id ?? null,
			end_user: typeof call.body.user === 'string' ? call.body.user : '',
			requester_ip_address: '',
			status: 'success',
			messages: {},
			response: {},
		});
	}

	const totalSeconds = (performance.now() - exchange.startedAt) / 1000;
	sim.metrics?.record({
		labels: keyLabels(exchange, sim, call.resolved.requested),
		deployment: call.deployment,
		status: 200,
		totalSeconds,
		upstreamSeconds: call.upstreamMs / 1000,
		promptTokens: call.promptTokens,
		completionTokens: call.completionTokens,
		spend: call.cost,
		...requestFacts(exchange),
		cacheHit: sim.cache && call.cacheKey ? call.cacheHit : undefined,
		firstTokenSeconds: call.body.stream === true ? call.upstreamMs / 1000 : undefined,
	});
	exportSpan(exchange, sim, call, endTime.getTime());
}

/** What the Prometheus labels take from the request itself: route, client address and User-Agent. */
export function requestFacts(exchange: Exchange): {route: string; clientIp: string; userAgent: string} {
	return {route: exchange.path, clientIp: (exchange.req.socket.remoteAddress ?? 'None').replace(/^::ffff:/, ''), userAgent: exchange.header('user-agent') ?? ''};
}

export function exportSpan(exchange: Exchange, sim: Sim, call: LlmCall, endMs: number, error?: string): void {
	if (!sim.otlp || !['acompletion', 'atext_completion', 'aembedding'].includes(call.callType)) return;
	sim.otlp.export({
		name: 'litellm_request',
		startMs: call.startTime.getTime(),
		endMs,
		traceparent: exchange.header('traceparent'),
		error,
		attributes: {
			'gen_ai.operation.name': call.callType === 'aembedding' ? 'embeddings' : call.callType === 'atext_completion' ? 'text_completion' : 'chat',
			'gen_ai.system': providerOf(call.deployment.litellm_params.model),
			'gen_ai.request.model': call.resolved.requested,
			'gen_ai.response.model': call.resolved.requested,
			'gen_ai.usage.prompt_tokens': call.promptTokens,
			'gen_ai.usage.completion_tokens': call.completionTokens,
			'llm.is_streaming': call.body.stream === true,
			'litellm.call_id': call.callId,
			'litellm.model_id': call.deployment.model_info.id,
			'litellm.model_group': call.resolved.group,
			'litellm.api_base': apiBaseOf(call.deployment),
			'litellm.cache_hit': call.cacheHit,
			'litellm.response_cost': call.cost,
			...(sim.options.personality === 'candidate' ? {'router.strategy': sim.models.strategy} : {}),
		},
	});
}

/** The headers LiteLLM's file and batch endpoints add (no deployment is involved). */
export function basicHeaders(exchange: Exchange, sim: Sim): Headers {
	return {
		'x-litellm-call-id': exchange.header('x-litellm-call-id') || sim.rng.uuid(),
		'x-litellm-version': sim.options.version,
		'x-litellm-key-spend': pyFloat(keySpend(sim, exchange.principal)),
	};
}

/** A non-stream answer: stored in the cache (a no-op for a hit), sent with the §1.4 headers, then logged and counted. */
export function answerJson(exchange: Exchange, sim: Sim, call: LlmCall, body: unknown): void {
	storeInCache(sim, call, body);
	sendJson(exchange, 200, body, successHeaders(exchange, sim, call));
	finishLlmCall(exchange, sim, call);
}

/** Answers a non-stream call from the response cache when it holds it (usage as first recorded): true if it did. */
export function answerFromCache(exchange: Exchange, sim: Sim, call: LlmCall): boolean {
	const cached = readCache(sim, call) as {usage?: {prompt_tokens?: number; completion_tokens?: number}} | undefined;
	if (!cached) return false;
	settleUsage(call, {promptTokens: cached.usage?.prompt_tokens ?? 0, completionTokens: cached.usage?.completion_tokens ?? 0});
	answerJson(exchange, sim, call, cached);
	return true;
}

/** stream_options.include_usage: the stream then ends with a usage chunk. */
export function wantsStreamUsage(body: Record<string, unknown>): boolean {
	return (body.stream_options as {include_usage?: unknown} | undefined)?.include_usage === true;
}

/**
 * A streamed answer: the provider's time first, then the stream headers, the frames and [DONE]. Like LiteLLM, a
 * finished stream is stored in the cache (`assembled` gives what to store) and a stored one is replayed (`replay`:
 * one content chunk, the finish chunk and, when asked for, the usage chunk). `frames` runs only on a cache miss.
 */
export async function answerStream(
	exchange: Exchange,
	sim: Sim,
	call: LlmCall,
	frames: () => Iterable<unknown> | Promise<Iterable<unknown>>,
	caching?: {assembled: () => unknown; replay: (stored: unknown) => Iterable<unknown>},
): Promise<void> {
	const stored = caching ? readCache(sim, call) : undefined;
	let written: boolean;
	if (stored === undefined) {
		const produced = await frames();
		await upstreamWork(exchange, sim, call);
		startStream(exchange, 200, sseContentType, streamHeaders(exchange, sim, call));
		written = await writeSse(exchange, sim, produced, sim.options.chunkDelayMs);
		if (written && caching) storeInCache(sim, call, caching.assembled());
	} else {
		exchange.latencyPaid = true;
		startStream(exchange, 200, sseContentType, streamHeaders(exchange, sim, call));
		written = await writeSse(exchange, sim, caching!.replay(stored), sim.options.chunkDelayMs);
	}

	if (written) finishLlmCall(exchange, sim, call);
}

/** The paths an OpenAI route answers on (contract §4): /v1/x, /x, and the engines/ and Azure deployments/ forms. */
export function openAiPaths(route: string): string[] {
	return [`/v1/${route}`, `/${route}`, `/engines/{model}/${route}`, `/openai/deployments/{model}/${route}`];
}
