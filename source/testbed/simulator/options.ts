// The simulator's options, as others pass them, and the same options with every default filled in.

import type {ModelListEntry} from './models/deployments.js';

export type Personality = 'baseline' | 'candidate';

export type SimulatorOptions = {
	personality: Personality;
	/** Default 127.0.0.1. */
	host?: string;
	/** Default 0: a free port. */
	port?: number;
	/** Undefined: no auth at all, every caller is proxy admin (as LiteLLM without a master key). */
	masterKey?: string;
	/** Candidate: ADMIN_API_KEYS for X-Admin-API-Key; default [masterKey]. */
	adminKeys?: string[];
	/** Seeds the RNG for ids and content; without it answers differ each time (real noise). */
	seed?: number;
	/** Extra latency added to every answer. */
	latencyMs?: number;
	/** Delay between SSE chunks (default 3). */
	chunkDelayMs?: number;
	/** Simulated Postgres (default true); false gives the contract's §7 no-DB answers. */
	db?: boolean;
	/** Simulated Redis response cache (default true). */
	cache?: boolean;
	/** /metrics mounted (default true). */
	prometheus?: boolean;
	/** The candidate's deliberate demo gaps (default true for candidate, ignored for baseline). */
	gaps?: boolean;
	/** POST OTLP/HTTP JSON spans for each LLM call to `${otlpEndpoint}/v1/traces`. */
	otlpEndpoint?: string;
	/** LiteLLM version, default '1.81.13' (the pinned real proxy the simulator is checked against). */
	version?: string;
	/**
	 * Class names of custom callbacks in the simulated config (litellm_settings.callbacks), e.g. ['MyCustomHandler'].
	 * Like LiteLLM, readiness lists them only once the first LLM call went through.
	 */
	callbacks?: string[];
	/** The Redis cache namespace (cache_params.namespace): it prefixes x-litellm-cache-key. Default none. */
	cacheNamespace?: string;
	/**
	 * The simulated config.yaml's model_list, e.g. the real pair's, to compare the two like for like. Default: the
	 * built-in list (two gpt-4o-mini deployments, so routing has a choice, and one of each other model).
	 */
	modelList?: ModelListEntry[];
	/**
	 * An OpenAI-compatible upstream: chat calls without mock_response are forwarded to it (as a real proxy does), so
	 * the direct-vs-proxied overhead row measures the simulator's own overhead.
	 */
	upstream?: string;
	/** Access and app log lines (JSON lines on candidate, plain text on baseline). */
	logger?: (line: string) => void;
};

export type ResolvedOptions = {
	personality: Personality;
	host: string;
	port: number;
	masterKey: string | undefined;
	adminKeys: string[];
	seed: number | undefined;
	latencyMs: number;
	chunkDelayMs: number;
	db: boolean;
	cache: boolean;
	prometheus: boolean;
	gaps: boolean;
	otlpEndpoint: string | undefined;
	version: string;
	callbacks: string[];
	cacheNamespace: string | undefined;
	modelList: ModelListEntry[] | undefined;
	upstream: string | undefined;
	logger: ((line: string) => void) | undefined;
};

export const defaultVersion = '1.81.13';

export function resolveOptions(options: SimulatorOptions): ResolvedOptions {
	if (options.personality !== 'baseline' && options.personality !== 'candidate') {
		throw new Error(`personality must be 'baseline' or 'candidate', not '${String(options.personality)}'`);
	}

	const candidate = options.personality === 'candidate';
	return {
		personality: options.personality,
		host: options.host ?? '127.0.0.1',
		port: options.port ?? 0,
		masterKey: options.masterKey || undefined,
		// Fail-closed like LLMRouter: without a master key and without admin keys the control plane is "not configured".
		adminKeys: (options.adminKeys ?? (options.masterKey ? [options.masterKey] : [])).filter(Boolean),
		seed: options.seed,
		latencyMs: Math.max(0, options.latencyMs ?? 0),
		chunkDelayMs: Math.max(0, options.chunkDelayMs ?? 3),
		db: options.db ?? true,
		cache: options.cache ?? true,
		prometheus: options.prometheus ?? true,
		gaps: candidate && (options.gaps ?? true),
		otlpEndpoint: options.otlpEndpoint?.replace(/\/+$/, '') || undefined,
		version: options.version ?? defaultVersion,
		callbacks: (options.callbacks ?? []).filter(Boolean),
		cacheNamespace: options.cacheNamespace || undefined,
		modelList: options.modelList,
		upstream: options.upstream?.replace(/\/+$/, '') || undefined,
		logger: options.logger,
	};
}
