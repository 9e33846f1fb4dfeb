// The shadow proxy: every request goes to the baseline and its answer streams back to the client unchanged; requests
// on routes that do not change state are mirrored to the candidate (with the candidate's own credentials) and, for a
// fraction of them, sent to the baseline a second time to learn the route's noise. The mirror side is best effort:
// a bounded number of requests in flight and a bounded queue; whatever does not fit, or gets no answer in time, is a
// counted drop and never touches the client's answer.
import {createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {performance} from 'node:perf_hooks';
import {Agent, type Dispatcher} from 'undici';
import type {Observation, Side} from '../domain.js';
import {errorMessage} from '../errors.js';
import type {ExpectedEntry} from '../targets/profile-schema.js';
import {maskSecret} from '../targets/secrets.js';
import type {Target, TargetPair} from '../targets/target.js';
import {credentialHeaders, keptExchange, maskHeaders, scrub, type RecordedRequest, type ShadowExchange} from './exchange.js';
import {judgeExchange, LearnedNoise} from './judge-exchange.js';
import {isEventStream, observationOf, unreached, type Captured} from './observe.js';
import {RouteStats, type DropCause, type RouteSummary} from './route-stats.js';
import {MirrorGovernor} from './governor.js';
import {isMirrored, routeKey, type MirrorPattern} from './routes.js';
import {RouteRules} from './rules.js';

export type ShadowOptions = {
	targets: TargetPair;
	rules?: RouteRules;
	host?: string;
	port?: number;
	/** Extra routes allowed to be mirrored (state-changing ones are not by default). */
	mirror?: MirrorPattern[];
	/** Share of mirrored requests also sent to the baseline a second time (noise learning), 0…1. Default 0.1. */
	noiseFraction?: number;
	/** Mirror requests (candidate and noise samples) in flight at once. Default 64. */
	maxInFlight?: number;
	/** Mirror requests waiting for a slot; beyond it a request is dropped as 'full'. Default 1000. */
	maxQueue?: number;
	/** A candidate answer slower than this is dropped as 'slow'. Default 30 s. */
	candidateTimeoutMs?: number;
	/** Bodies (request or answer) above this are passed through but not compared. Default 1 MiB. */
	maxCompareBytes?: number;
	/** Request bodies kept in an exchange (and a recording) up to this size. Default 256 KiB. */
	maxRecordedBodyBytes?: number;
	/** The profile's acknowledged differences, applied through the matched check's id. */
	expected?: ExpectedEntry[];
	/** Routes tracked separately; the rest are counted under one "other" route. Default 500. */
	maxRoutes?: number;
	random?: () => number;
	/** Shed mirrors while the proxy's own event loop is saturated (counted as 'busy' drops). Default true. */
	shedWhenBusy?: boolean;
};

export type ShadowTotals = {requests: number; mirrored: number; compared: number; differing: number; dropped: number; inFlight: number; queued: number; /** Share of mirror-eligible requests mirrored right now (below 1 while the proxy sheds load). */ mirrorShare: number};

export type ShadowProxy = {
	url: string;
	totals(): ShadowTotals;
	routes(): RouteSummary[];
	/** The newest differing exchanges of a route (scrubbed, bounded). */
	recent(route: string): ShadowExchange[];
	/** Each judged exchange, scrubbed; returns the unsubscribe function. */
	onExchange(listener: (exchange: ShadowExchange) => void): () => void;
	/** Resolves when no mirror request is in flight or queued (tests, the end of a headless run). */
	settled(): Promise<void>;
	close(): Promise<void>;
};

/** Below this many clients waiting at once the proxy is not what limits them: everything eligible is mirrored. */
const sheddingConcurrency = 4;

/** Hop-by-hop headers (RFC 9110 §7.6.1) and the ones the HTTP client sets itself. */
const hopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'host', 'content-length', 'expect']);

type Endpoint = {origin: string; basePath: string; dispatcher: Dispatcher};

function endpointOf(target: Target, connections: number | null): Endpoint {
	const url = new URL(target.url);
	const basePath = (url.pathname.replace(/\/+$/, '') + target.pathPrefix.replace(/\/+$/, '')).replace(/^\/$/, '');
	const dispatcher = new Agent({connections, keepAliveTimeout: 10_000, connect: target.spec.tls?.insecure ? {rejectUnauthorized: false} : undefined} as Agent.Options);
	return {origin: url.origin, basePath, dispatcher};
}

function forwardHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const name in headers) {
		if (hopByHop.has(name)) continue;
		const value = headers[name];
		if (value !== undefined) out[name] = value;
	}

	return out;
}

/** The client's headers with its credentials swapped for the candidate's (only those the client sent). */
function candidateHeaders(headers: Record<string, string | string[]>, target: Target): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const name in headers) {
		if (!credentialHeaders.has(name)) {
			out[name] = headers[name]!;
			continue;
		}

		const key = name === 'x-admin-api-key' ? (target.adminKey ?? target.key) : target.key;
		if (!key || name === 'cookie') continue;
		const value = String(headers[name]);
		out[name] = /^Bearer\s/i.test(value) ? `Bearer ${key}` : key;
	}

	for (const [name, value] of Object.entries(target.headers)) out[name.toLowerCase()] = value;
	return out;
}

function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const name in headers) {
		const value = headers[name];
		if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
	}

	return out;
}

function clientHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const name in headers) {
		const value = headers[name];
		if (value !== undefined && name !== 'connection' && name !== 'keep-alive' && name !== 'transfer-encoding') out[name] = value;
	}

	return out;
}

/** One mirrored exchange waiting for its answers. */
type Pending = {
	id: number;
	route: string;
	stats: RouteStats;
	method: string;
	path: string;
	headers: Record<string, string | string[]>;
	body?: Buffer;
	at: number;
	baseline?: Captured | false;
	candidate?: Captured | false;
	noise?: Captured | false;
	wantsNoise: boolean;
	waiting: number;
};

type Job = {pending: Pending; side: 'candidate' | 'noise'; queuedAt: number};

export async function startShadow(options: ShadowOptions): Promise<ShadowProxy> {
	const rules = options.rules ?? new RouteRules();
	const noiseFraction = Math.min(1, Math.max(0, options.noiseFraction ?? 0.1));
	const maxInFlight = options.maxInFlight ?? 64;
	const maxQueue = options.maxQueue ?? 1000;
	const candidateTimeoutMs = options.candidateTimeoutMs ?? 30_000;
	const maxCompareBytes = options.maxCompareBytes ?? 1024 * 1024;
	const maxRecordedBodyBytes = options.maxRecordedBodyBytes ?? 256 * 1024;
	const maxRoutes = options.maxRoutes ?? 500;
	const random = options.random ?? Math.random;
	const mirrorPatterns = options.mirror ?? [];
	const baseline = endpointOf(options.targets.baseline, null);
	const noiseEndpoint = endpointOf(options.targets.baseline, maxInFlight);
	const candidate = endpointOf(options.targets.candidate, maxInFlight);
	const routeStats = new Map<string, RouteStats>();
	const routeOfPath = new Map<string, string>();
	const listeners = new Set<(exchange: ShadowExchange) => void>();
	const queue: Job[] = [];
	let queueHead = 0;
	let inFlight = 0;
	let nextId = 1;
	const totals = {requests: 0, mirrored: 0, compared: 0, differing: 0, dropped: 0};
	let settledWaiters: Array<() => void> = [];
	const governor = options.shedWhenBusy === false ? undefined : new MirrorGovernor().start();
	/** Client requests not yet answered in full: shedding only applies when clients are actually waiting. */
	let clientsWaiting = 0;

	const statsFor = (route: string): RouteStats => {
		let stats = routeStats.get(route);
		if (stats) return stats;
		if (routeStats.size >= maxRoutes) route = 'ANY (other routes)';
		stats = routeStats.get(route) ?? new RouteStats(route, new LearnedNoise());
		routeStats.set(route, stats);
		return stats;
	};

	const routeOf = (method: string, path: string): string => {
		const key = `${method} ${path}`;
		let route = routeOfPath.get(key);
		if (route === undefined) {
			route = routeKey(method, path);
			if (routeOfPath.size > 10_000) routeOfPath.clear();
			routeOfPath.set(key, route);
		}

		return route;
	};

	const queued = () => queue.length - queueHead;

	const checkSettled = () => {
		if (inFlight > 0 || queued() > 0) return;
		const waiters = settledWaiters;
		settledWaiters = [];
		for (const resolve of waiters) resolve();
	};

	const drop = (pending: Pending, cause: DropCause) => {
		pending.stats.drop(cause);
		totals.dropped++;
	};

	const recordedRequest = (pending: Pending): RecordedRequest => {
		const request: RecordedRequest = {method: pending.method, path: scrub(pending.path), headers: maskHeaders(flatten(pending.headers))};
		const body = pending.body;
		if (body && body.length > 0) {
			const kept = body.length > maxRecordedBodyBytes ? body.subarray(0, maxRecordedBodyBytes) : body;
			const text = kept.toString('utf8');
			const binary = text.includes('\uFFFD') || Buffer.byteLength(text) !== kept.length;
			request.body = binary ? kept.toString('base64') : scrub(text);
			request.bodyEncoding = binary ? 'base64' : 'utf8';
			if (kept !== body) request.truncated = true;
		}

		return request;
	};

	const complete = (pending: Pending) => {
		const {stats} = pending;
		if (!pending.baseline || !pending.candidate) return;
		const streamed = isEventStream(pending.baseline.headers);
		const rule = rules.ruleFor(stats.route, streamed);
		const baselineObservation = observationOf('baseline', pending.baseline);
		const candidateObservation = observationOf('candidate', pending.candidate);
		let noiseObservation: Observation | undefined;
		if (pending.noise) {
			noiseObservation = observationOf('baseline', pending.noise);
			stats.noise.learn(baselineObservation, noiseObservation, rule);
		}

		const judgement = judgeExchange({route: stats.route, rule, baseline: baselineObservation, candidate: candidateObservation, baselineNoise: noiseObservation, noise: stats.noise, expected: options.expected});
		totals.compared++;
		if (judgement.verdict !== 'parity') totals.differing++;
		if (listeners.size === 0 && judgement.verdict === 'parity') {
			stats.compared++;
			stats.verdicts.parity++;
			stats.rule = rule.from;
			return;
		}

		const exchange = keptExchange({
			id: pending.id,
			at: new Date(pending.at).toISOString(),
			route: stats.route,
			rule: rule.from,
			streamed,
			request: recordedRequest(pending),
			verdict: judgement.verdict,
			reason: judgement.reason,
			differences: judgement.differences,
			baseline: baselineObservation,
			candidate: candidateObservation,
			noiseSample: noiseObservation !== undefined,
		});
		stats.judged(exchange);
		for (const listener of listeners) {
			try {
				listener(exchange);
			} catch {
				// A failing listener (a full disk for the recorder) must not stop the proxy.
			}
		}
	};

	const arrived = (pending: Pending) => {
		pending.waiting--;
		if (pending.waiting === 0) complete(pending);
	};

	/** Read a mirror answer whole (bounded), timed from when it was sent. */
	const mirrorRequest = (job: Job) => {
		const {pending, side} = job;
		const endpoint = side === 'candidate' ? candidate : noiseEndpoint;
		const target = side === 'candidate' ? options.targets.candidate : options.targets.baseline;
		const headers = side === 'candidate' ? candidateHeaders(pending.headers, target) : pending.headers;
		const started = performance.now();
		inFlight++;
		let settled = false;
		const finish = (result: Captured | false, cause?: DropCause) => {
			if (settled) return;
			settled = true;
			inFlight--;
			if (side === 'candidate') {
				pending.candidate = result;
				if (result) pending.stats.sides.candidate.record(result.totalMs, result.status >= 400);
				else if (cause) drop(pending, cause);
			} else pending.noise = result;
			arrived(pending);
			pump();
		};

		endpoint.dispatcher
			.request({
				origin: endpoint.origin,
				path: endpoint.basePath + pending.path,
				method: pending.method as Dispatcher.HttpMethod,
				headers,
				body: pending.body,
				headersTimeout: candidateTimeoutMs,
				bodyTimeout: candidateTimeoutMs,
			})
			.then(
				response => {
					const headersMs = performance.now() - started;
					const chunks: Buffer[] = [];
					let size = 0;
					response.body.on('data', (chunk: Buffer) => {
						size += chunk.length;
						if (size > maxCompareBytes) {
							response.body.destroy();
							finish(false, 'too-large');
							return;
						}

						chunks.push(chunk);
					});
					response.body.on('end', () => {
						finish({status: response.statusCode, headers: flatten(response.headers), body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), headersMs, totalMs: performance.now() - started});
					});
					response.body.on('error', (error: Error & {code?: string}) => finish(false, error.code === 'UND_ERR_BODY_TIMEOUT' ? 'slow' : 'down'));
				},
				(error: Error & {code?: string}) => finish(false, /TIMEOUT/.test(error.code ?? '') ? 'slow' : 'down'),
			);
	};

	function pump() {
		while (inFlight < maxInFlight && queued() > 0) {
			const job = queue[queueHead]!;
			queue[queueHead++] = undefined as unknown as Job;
			if (queueHead > 1024 && queueHead * 2 > queue.length) {
				queue.splice(0, queueHead);
				queueHead = 0;
			}

			if (performance.now() - job.queuedAt > candidateTimeoutMs) {
				// Waited longer than the candidate may take: it is as good as slow.
				if (job.side === 'candidate') {
					job.pending.candidate = false;
					drop(job.pending, 'slow');
				} else job.pending.noise = false;
				arrived(job.pending);
				continue;
			}

			mirrorRequest(job);
		}

		checkSettled();
	}

	const enqueue = (pending: Pending, side: Job['side']): boolean => {
		if (inFlight < maxInFlight && queued() === 0) {
			mirrorRequest({pending, side, queuedAt: performance.now()});
			return true;
		}

		if (queued() >= maxQueue) return false;
		queue.push({pending, side, queuedAt: performance.now()});
		return true;
	};

	const handle = (request: IncomingMessage, response: ServerResponse, body: Buffer | undefined) => {
		clientsWaiting++;
		response.once('close', () => clientsWaiting--);
		const method = request.method ?? 'GET';
		const path = request.url ?? '/';
		const route = routeOf(method, path);
		const stats = statsFor(route);
		stats.requests++;
		totals.requests++;
		const headers = forwardHeaders(request.headers);
		const started = performance.now();
		const mirror = isMirrored(method, path, mirrorPatterns) && (body?.length ?? 0) <= maxCompareBytes;
		let pending: Pending | undefined;
		if (mirror) {
			stats.mirrored++;
			totals.mirrored++;
			if (governor && governor.share < 1 && clientsWaiting >= sheddingConcurrency && random() >= governor.share) {
				stats.drop('busy');
				totals.dropped++;
			} else pending = {id: nextId++, route, stats, method, path, headers, body, at: Date.now(), wantsNoise: false, waiting: 2};
		}

		baseline.dispatcher
			.request({origin: baseline.origin, path: baseline.basePath + path, method: method as Dispatcher.HttpMethod, headers, body})
			.then(
				answer => {
					const headersMs = performance.now() - started;
					response.writeHead(answer.statusCode, clientHeaders(answer.headers));
					let chunks: Buffer[] | undefined = pending ? [] : undefined;
					let size = 0;
					let ended = false;
					const source = answer.body;
					source.on('data', (chunk: Buffer) => {
						if (!response.write(chunk)) {
							source.pause();
							response.once('drain', () => source.resume());
						}

						if (chunks) {
							size += chunk.length;
							if (size > maxCompareBytes) chunks = undefined;
							else chunks.push(chunk);
						}
					});
					source.on('end', () => {
						ended = true;
						response.end();
						const totalMs = performance.now() - started;
						stats.sides.baseline.record(totalMs, answer.statusCode >= 400);
						if (!pending) return;
						if (!chunks) {
							drop(pending, 'too-large');
							pending.baseline = false;
						} else pending.baseline = {status: answer.statusCode, headers: flatten(answer.headers), body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), headersMs, totalMs};
						arrived(pending);
					});
					source.on('error', () => {
						response.destroy();
						stats.sides.baseline.record(performance.now() - started, true);
						if (pending) {
							pending.baseline = false;
							arrived(pending);
						}
					});
					response.on('close', () => {
						if (!ended) source.destroy();
					});
				},
				(error: unknown) => {
					stats.sides.baseline.record(performance.now() - started, true);
					if (pending) {
						pending.baseline = false;
						arrived(pending);
					}

					if (response.headersSent) return void response.destroy();
					const message = `shadow proxy: the baseline did not answer (${scrub(errorMessage(error))})`;
					response.writeHead(502, {'content-type': 'application/json'});
					response.end(JSON.stringify({error: {message, type: 'shadow_proxy_error', code: 502}}));
				},
			);

		if (!pending) return;
		// The mirror leaves after the client's request is on its way: it never goes first.
		if (!enqueue(pending, 'candidate')) {
			pending.candidate = false;
			drop(pending, 'full');
			arrived(pending);
		}

		if (noiseFraction > 0 && random() < noiseFraction) {
			pending.waiting++;
			pending.wantsNoise = true;
			if (!enqueue(pending, 'noise')) {
				pending.noise = false;
				arrived(pending);
			}
		}
	};

	const server: Server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => handle(request, response, chunks.length === 0 ? undefined : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
		request.on('error', () => response.destroy());
	});
	server.keepAliveTimeout = 65_000;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address() as AddressInfo;
	const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

	return {
		url: `http://${host}:${address.port}`,
		totals: () => ({...totals, inFlight, queued: queued(), mirrorShare: governor?.share ?? 1}),
		routes: () => [...routeStats.values()].map(stats => stats.summary()),
		recent: route => [...(routeStats.get(route)?.recent ?? [])],
		onExchange(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		settled: () =>
			new Promise<void>(resolve => {
				settledWaiters.push(resolve);
				checkSettled();
			}),
		async close() {
			governor?.stop();
			await new Promise<void>(resolve => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
			await Promise.allSettled([baseline.dispatcher.destroy(), noiseEndpoint.dispatcher.destroy(), candidate.dispatcher.destroy()]);
		},
	};
}

export function describeSide(side: Side, target: Target): string {
	return `${side} ${target.url}${target.key ? ` (key ${maskSecret(target.key)})` : ''}`;
}
