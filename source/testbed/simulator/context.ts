// Everything one running simulator owns, handed to every route handler.
import {setTimeout as delay} from 'node:timers/promises';
import type {LimitFunction} from 'p-limit';
import type {RouteTable} from './http/router.js';
import type {ModelRegistry} from './models/registry.js';
import type {SimMetrics} from './observability/metrics.js';
import type {AppLog} from './observability/app-log.js';
import type {UpstreamClient} from './llm/upstream.js';
import type {OtlpExporter} from './observability/otlp.js';
import type {ResolvedOptions} from './options.js';
import type {Rng} from './random.js';
import type {BatchStore} from './state/batches.js';
import type {CandidateState} from './state/candidate-state.js';
import type {Database} from './state/database.js';
import type {FileStore} from './state/files.js';
import type {ResponseCache} from './state/response-cache.js';

export type Sim = {
	options: ResolvedOptions;
	rng: Rng;
	/** Undefined when the simulated Postgres is off (db: false). */
	db: Database | undefined;
	/** Undefined when the simulated Redis cache is off (cache: false). */
	cache: ResponseCache | undefined;
	models: ModelRegistry;
	files: FileStore;
	batches: BatchStore;
	/** Responses API objects by id (GET/DELETE /v1/responses/{id}). */
	responses: Map<string, Record<string, unknown>>;
	candidate: CandidateState;
	/** Undefined when /metrics is not mounted. */
	metrics: SimMetrics | undefined;
	otlp: OtlpExporter | undefined;
	/** Set when the simulator forwards chat calls to a real upstream (options.upstream). */
	upstream: UpstreamClient | undefined;
	log: AppLog;
	routes: RouteTable;
	/** Aborted by close(): pending delays end and in-flight streams stop. */
	signal: AbortSignal;
	/** Requests being served now (LLMRouter's drain status shows it). */
	inFlight: number;
	/** An LLM call got as far as a deployment: LiteLLM's loggers and custom callbacks are registered from then on. */
	callbacksActive: boolean;
	/** One lane: the chat-one-at-a-time gap makes the candidate's planted chat waits take turns in it. */
	chatLane: LimitFunction;
};

/** Waits, unless the simulator is closing. Rejects with an AbortError then. */
export async function sleep(sim: Sim, ms: number): Promise<void> {
	if (ms <= 0) return;
	await delay(ms, undefined, {signal: sim.signal});
}
