// The shadow proxy: every request goes to the baseline and its answer streams back to the client unchanged; requests
// on routes that do not change state are mirrored to the candidate (with the candidate's own credentials) and, for a
// fraction of them, sent to the baseline a second time to learn the route's noise. The mirror side is best effort:
// a bounded number of requests in flight and a bounded queue; whatever does not fit, or gets no answer in time, is a
// counted drop and never touches the client's answer.
import {createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';
import {performance} from 'node:perf_hooks';
import type {Dispatcher} from 'undici';
import type {Side} from '../domain.js';
import {errorMessage} from '../errors.js';
import type {ExpectedEntry} from '../targets/profile-schema.js';
import {maskSecret} from '../targets/secrets.js';
import type {Target, TargetPair} from '../targets/target.js';
import {endpointOf} from './endpoint.js';
import {flatten, scrub, type ShadowExchange} from './exchange.js';
import {MirrorClient} from './mirror-client.js';
import type {MirrorDone, MirrorTarget} from './mirror-protocol.js';
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

function forwardHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const name in headers) {
		if (hopByHop.has(name)) continue;
		const value = headers[name];
		if (value !== undefined) out[name] = value;
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

function mirrorTarget(target: Target): MirrorTarget {
	return {url: target.url, pathPrefix: target.pathPrefix, key: target.key, adminKey: target.adminKey, headers: target.headers, spec: target.spec};
}

export async function startShadow(options: ShadowOptions): Promise<ShadowProxy> {
	const rules = options.rules ?? new RouteRules();
	const noiseFraction = Math.min(1, Math.max(0, options.noiseFraction ?? 0.1));
	const maxCompareBytes = options.maxCompareBytes ?? 1024 * 1024;
	const maxRoutes = options.maxRoutes ?? 500;
	const random = options.random ?? Math.random;
	const mirrorPatterns = options.mirror ?? [];
	const baseline = endpointOf(options.targets.baseline, null);
	const routeStats = new Map<string, RouteStats>();
	const routeOfPath = new Map<string, string>();
	const listeners = new Set<(exchange: ShadowExchange) => void>();
	let nextId = 1;
	const totals = {requests: 0, mirrored: 0, compared: 0, differing: 0, dropped: 0};
	const governor = options.shedWhenBusy === false ? undefined : new MirrorGovernor().start();
	/** Client requests not yet answered in full: shedding only applies when clients are actually waiting. */
	let clientsWaiting = 0;

	const statsFor = (route: string): RouteStats => {
		let stats = routeStats.get(route);
		if (stats) return stats;
		if (routeStats.size >= maxRoutes) route = 'ANY (other routes)';
		stats = routeStats.get(route) ?? new RouteStats(route);
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

	const drop = (stats: RouteStats, cause: DropCause) => {
		stats.drop(cause);
		totals.dropped++;
	};

	// What the mirror reports back: the candidate's timing, drops, verdicts and the exchanges worth keeping.
	const onDone = (done: MirrorDone) => {
		const stats = statsFor(done.route);
		if (done.candidate) stats.sides.candidate.record(done.candidate.totalMs, done.candidate.error);
		if (done.drop) drop(stats, done.drop);
		if (done.noisePaths) stats.noisePaths = done.noisePaths;
		if (!done.verdict) return;
		totals.compared++;
		if (done.verdict !== 'parity') totals.differing++;
		if (!done.exchange) return void stats.parity(done.rule);
		stats.judged(done.exchange);
		for (const listener of listeners) {
			try {
				listener(done.exchange);
			} catch {
				// A failing listener (a full disk for the recorder) must not stop the proxy.
			}
		}
	};

	const maxInFlight = options.maxInFlight ?? 64;
	const mirror = new MirrorClient(
		{
			baseline: mirrorTarget(options.targets.baseline),
			candidate: mirrorTarget(options.targets.candidate),
			rules: rules.toData(),
			expected: options.expected,
			maxInFlight,
			maxQueue: options.maxQueue ?? 1000,
			candidateTimeoutMs: options.candidateTimeoutMs ?? 30_000,
			maxCompareBytes,
			maxRecordedBodyBytes: options.maxRecordedBodyBytes ?? 256 * 1024,
		},
		onDone,
	);

	const handle = (request: IncomingMessage, response: ServerResponse, body: Buffer | undefined) => {
		governor?.arrival(clientsWaiting);
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
		let mirrorId: number | undefined;
		if (isMirrored(method, path, mirrorPatterns) && (body?.length ?? 0) <= maxCompareBytes) {
			stats.mirrored++;
			totals.mirrored++;
			// Shed only while clients queue here (now, or on average over the last reading: the count right now flickers).
			if (governor && governor.share < 1 && (governor.queueing || clientsWaiting >= sheddingConcurrency) && random() >= governor.share) drop(stats, 'busy');
			else {
				const id = nextId++;
				// Handed over now, sent by the mirror in its own thread: it never goes before the client's request.
				if (mirror.request({type: 'request', id, route: stats.route, method, path, headers, body, at: Date.now(), noise: noiseFraction > 0 && random() < noiseFraction})) mirrorId = id;
				else drop(stats, 'full');
			}
		}

		baseline.dispatcher
			.request({origin: baseline.origin, path: baseline.basePath + path, method: method as Dispatcher.HttpMethod, headers, body})
			.then(
				answer => {
					const headersMs = performance.now() - started;
					response.writeHead(answer.statusCode, clientHeaders(answer.headers));
					let chunks: Buffer[] | undefined = mirrorId === undefined ? undefined : [];
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
						if (mirrorId === undefined) return;
						if (!chunks) {
							drop(stats, 'too-large');
							mirror.baseline({type: 'baseline', id: mirrorId});
						} else mirror.baseline({type: 'baseline', id: mirrorId, answer: {status: answer.statusCode, headers: flatten(answer.headers), body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), headersMs, totalMs}});
					});
					let clientLeft = false;
					source.on('error', () => {
						response.destroy();
						// A client that hangs up mid-answer is not a baseline error; the answer is just not compared.
						if (!clientLeft) stats.sides.baseline.record(performance.now() - started, true);
						if (mirrorId !== undefined) mirror.baseline({type: 'baseline', id: mirrorId});
					});
					response.on('close', () => {
						if (ended) return;
						clientLeft = true;
						source.destroy();
					});
				},
				(error: unknown) => {
					stats.sides.baseline.record(performance.now() - started, true);
					if (mirrorId !== undefined) mirror.baseline({type: 'baseline', id: mirrorId});
					if (response.headersSent) return void response.destroy();
					const message = `shadow proxy: the baseline did not answer (${scrub(errorMessage(error))})`;
					response.writeHead(502, {'content-type': 'application/json'});
					response.end(JSON.stringify({error: {message, type: 'shadow_proxy_error', code: 502}}));
				},
			);
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
		// Handed to the mirror and not finished: the first maxInFlight count as in flight, the rest as queued.
		totals: () => ({...totals, inFlight: Math.min(mirror.outstanding, maxInFlight), queued: Math.max(0, mirror.outstanding - maxInFlight), mirrorShare: governor?.share ?? 1}),
		routes: () => [...routeStats.values()].map(stats => stats.summary()),
		recent: route => [...(routeStats.get(route)?.recent ?? [])],
		onExchange(listener) {
			listeners.add(listener);
			mirror.listening(true);
			return () => {
				listeners.delete(listener);
				mirror.listening(listeners.size > 0);
			};
		},
		settled: () => mirror.idle(),
		async close() {
			governor?.stop();
			await new Promise<void>(resolve => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
			await Promise.allSettled([baseline.dispatcher.destroy(), mirror.close()]);
		},
	};
}

export function describeSide(side: Side, target: Target): string {
	return `${side} ${target.url}${target.key ? ` (key ${maskSecret(target.key)})` : ''}`;
}
