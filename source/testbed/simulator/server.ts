// Assembling one simulator: state, routes, the HTTP server, and a close() that ends every socket at once.
import {createServer, type Server} from 'node:http';
import type {Socket} from 'node:net';
import pLimit from 'p-limit';
import type {Sim} from './context.js';
import {dispatch} from './dispatch.js';
import {upstreamClient} from './llm/upstream.js';
import {hasGap} from './gaps.js';
import {RouteTable} from './http/router.js';
import {configuredDeployments, defaultDeployments} from './models/deployments.js';
import {ModelRegistry} from './models/registry.js';
import {AppLog} from './observability/app-log.js';
import {SimMetrics} from './observability/metrics.js';
import {OtlpExporter} from './observability/otlp.js';
import type {Personality, ResolvedOptions} from './options.js';
import {Rng} from './random.js';
import {routesFor} from './routes/index.js';
import {BatchStore} from './state/batches.js';
import {CandidateState} from './state/candidate-state.js';
import {Database} from './state/database.js';
import {seedMasterKey} from './state/seed.js';
import {FileStore} from './state/files.js';
import {ResponseCache} from './state/response-cache.js';

export type SimulatorHandle = {url: string; port: number; personality: Personality; close(): Promise<void>};

/** The strategy each personality starts with: LiteLLM's default, or LLMRouter's KNN router. */
export const initialStrategy = {baseline: 'simple-shuffle', candidate: 'llmrouter-knn'} as const;

function buildSim(options: ResolvedOptions, signal: AbortSignal): Sim {
	const rng = new Rng(options.seed);
	const deployments = options.modelList ? configuredDeployments(options.modelList) : defaultDeployments();
	const models = new ModelRegistry(deployments, rng, initialStrategy[options.personality]);
	if (hasGap(options, 'models-extra-group')) models.aliases.set('llmrouter-auto', 'gpt-4o-mini');
	const db = options.db ? new Database() : undefined;
	if (db && options.masterKey) seedMasterKey(db, options.masterKey);
	const serviceName = options.personality === 'candidate' ? 'litellm-gateway' : 'litellm-baseline';
	const sim: Sim = {
		options,
		rng,
		db,
		cache: options.cache ? new ResponseCache() : undefined,
		models,
		files: new FileStore(),
		batches: new BatchStore(),
		responses: new Map(),
		candidate: new CandidateState(),
		metrics: options.prometheus ? new SimMetrics(models.deployments) : undefined,
		otlp: options.otlpEndpoint ? new OtlpExporter(options.otlpEndpoint, serviceName, options.version, rng) : undefined,
		upstream: options.upstream ? upstreamClient(options.upstream) : undefined,
		log: new AppLog(options.personality, options.logger),
		routes: new RouteTable(),
		signal,
		inFlight: 0,
		callbacksActive: false,
		chatLane: pLimit(1),
	};
	sim.routes.add(...routesFor(options));
	return sim;
}

function logStartup(sim: Sim, url: string): void {
	const {log, options} = sim;
	if (!log.enabled) return;
	if (options.personality === 'candidate') {
		log.line('INFO', 'Starting LiteLLM + LLMRouter gateway', {litellm_version: options.version, strategy: sim.models.strategy}, 'litellm_llmrouter.startup');
		log.line('INFO', `Uvicorn running on ${url}`, {}, 'uvicorn.error');
	} else {
		log.line('INFO', `Started server process [${process.pid}]`);
		log.line('INFO', 'Waiting for application startup.');
		log.line('INFO', 'Application startup complete.');
		log.line('INFO', `Uvicorn running on ${url} (Press CTRL+C to quit)`);
	}
}

async function listen(server: Server, host: string, port: number): Promise<number> {
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address();
	if (!address || typeof address === 'string') throw new Error('the simulator did not get a TCP port');
	return address.port;
}

export async function startServer(options: ResolvedOptions): Promise<SimulatorHandle> {
	const closing = new AbortController();
	const sim = buildSim(options, closing.signal);
	const sockets = new Set<Socket>();
	const server = createServer((req, res) => {
		// dispatch answers its own errors; this only guards against a bug taking the process down.
		dispatch(req, res, sim).catch(() => res.destroy());
	});
	server.on('connection', socket => {
		sockets.add(socket);
		socket.once('close', () => sockets.delete(socket));
	});
	const port = await listen(server, options.host, options.port);
	const host = options.host.includes(':') ? `[${options.host}]` : options.host;
	const url = `http://${host}:${port}`;
	logStartup(sim, url);
	let closed: Promise<void> | undefined;
	return {
		url,
		port,
		personality: options.personality,
		close() {
			closed ??= (async () => {
				closing.abort();
				const done = new Promise<void>(resolve => {
					server.close(() => resolve());
				});
				// Keep-alive and streaming sockets would hold close() open: end them now.
				server.closeAllConnections();
				for (const socket of sockets) socket.destroy();
				await done;
				await sim.otlp?.settle();
				await sim.upstream?.close();
			})();
			return closed;
		},
	};
}
