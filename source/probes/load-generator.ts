// Closed-loop HTTP load: N connections, each sending the next request as soon as the previous answer is read, for a
// duration or a request count. Built on an undici Pool of its own (so the target's pool is not starved) and an HDR
// histogram (so memory stays flat however many requests run).
import {performance} from 'node:perf_hooks';
import {Client} from 'undici';
import {tlsConnectOptions} from '../targets/target.js';
import type {RequestSpec} from '../catalog/schema.js';
import {describeTransportError, prepareRequest} from './http-client.js';
import type {Target} from '../targets/target.js';
import {LatencyHistogram, type LatencyStats} from '../shared/latency-histogram.js';

export type LoadOptions = {
	target: Target;
	spec: RequestSpec;
	connections: number;
	/** Stop after this long (ms)… */
	durationMs?: number;
	/** …or after this many requests, whichever comes first. */
	requests?: number;
	signal: AbortSignal;
	/** Per-request timeout (ms). */
	requestTimeoutMs: number;
	llmExtras?: Record<string, unknown>;
	onProgress?: (progress: {completed: number; total?: number; rps: number; elapsedMs: number; durationMs?: number}) => void;
	progressIntervalMs?: number;
};

export type LoadResult = {
	requests: number;
	errors: number;
	non2xx: number;
	statusCounts: Record<string, number>;
	durationMs: number;
	rate: number;
	bytes: number;
	latency: LatencyStats;
	firstError?: string;
};

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
	const prepared = prepareRequest(options.target, options.spec, {llmExtras: options.llmExtras});
	const body = typeof prepared.body === 'string' ? prepared.body : undefined;
	// One undici Client per connection: each worker owns its socket, with no pool balancing on the hot path.
	const clients = Array.from({length: options.connections}, () => new Client(prepared.url.origin, {
		pipelining: 1,
		connect: tlsConnectOptions(options.target.spec),
	}));
	const path = prepared.url.pathname + prepared.url.search;
	const histogram = new LatencyHistogram();
	const statusCounts: Record<string, number> = {};
	let started = 0;
	let completed = 0;
	let errors = 0;
	let non2xx = 0;
	let bytes = 0;
	let firstError: string | undefined;
	const limit = options.requests ?? Number.POSITIVE_INFINITY;
	const start = performance.now();
	const deadline = options.durationMs === undefined ? Number.POSITIVE_INFINITY : start + options.durationMs;
	const stop = new AbortController();
	const signal = AbortSignal.any([options.signal, stop.signal]);
	const more = () => !signal.aborted && started < limit && performance.now() < deadline;
	// One abort listener for the whole run (not one per request): cancel aborts whatever is in flight.
	const inFlight = new Set<{abort(reason?: unknown): void}>();
	signal.addEventListener('abort', () => {
		for (const controller of inFlight) controller.abort(signal.reason);
	}, {once: true});

	const ticker = setInterval(() => {
		const elapsedMs = performance.now() - start;
		options.onProgress?.({completed, total: options.requests, rps: completed / (elapsedMs / 1000), elapsedMs, durationMs: options.durationMs});
	}, options.progressIntervalMs ?? 250);

	// Requests go through undici's dispatch API with one reusable handler per connection and no promise or stream per
	// answer: the generator's own cost stays low enough to saturate a fast local server (the benchmark compares it
	// with autocannon).
	const headers = Object.entries(prepared.headers).flat();
	const dispatchOptions = {path, method: prepared.method, headers, body, headersTimeout: options.requestTimeoutMs, bodyTimeout: options.requestTimeoutMs};
	const connection = (client: Client) =>
		new Promise<void>(resolve => {
			let sent = 0;
			let status = 0;
			let current: {abort(reason?: unknown): void} | undefined;
			const next = () => {
				if (current) inFlight.delete(current);
				current = undefined;
				if (!more()) {
					resolve();
					return;
				}

				started++;
				sent = performance.now();
				client.dispatch(dispatchOptions, handler);
			};

			const handler: Parameters<Client['dispatch']>[1] = {
				onRequestStart(controller) {
					current = controller;
					if (signal.aborted) controller.abort(signal.reason);
					else inFlight.add(controller);
				},
				onResponseStart(_controller, statusCode) {
					status = statusCode;
				},
				onResponseData(_controller, chunk) {
					bytes += chunk.length;
				},
				onResponseEnd() {
					histogram.recordMs(performance.now() - sent);
					completed++;
					statusCounts[status] = (statusCounts[status] ?? 0) + 1;
					if (status < 200 || status >= 300) non2xx++;
					next();
				},
				onResponseError(_controller, error) {
					if (!signal.aborted) {
						errors++;
						completed++;
						firstError ??= describeTransportError(error, {signal, timeoutMs: options.requestTimeoutMs}, 'under load', prepared.url);
					}

					// Let a failing target breathe instead of spinning on instant errors.
					setImmediate(next);
				},
			};
			next();
		});

	try {
		await Promise.all(clients.map(connection));
	} finally {
		clearInterval(ticker);
		stop.abort();
		await Promise.all(clients.map(client => client.destroy().catch(() => undefined)));
	}

	const durationMs = performance.now() - start;
	return {
		requests: completed,
		errors,
		non2xx,
		statusCounts,
		durationMs: Math.round(durationMs),
		rate: Math.round((completed / (durationMs / 1000)) * 10) / 10,
		bytes,
		latency: histogram.stats(),
		firstError,
	};
}
