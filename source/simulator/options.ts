// The simulator's options, as others pass them, and the same options with every default filled in.

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
	/** LiteLLM version, default '1.81.3'. */
	version?: string;
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
	upstream: string | undefined;
	logger: ((line: string) => void) | undefined;
};

export const defaultVersion = '1.81.3';

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
		upstream: options.upstream?.replace(/\/+$/, '') || undefined,
		logger: options.logger,
	};
}
