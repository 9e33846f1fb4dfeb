// The real pair (testbed, never imported by the core): a real redis-server, the mock OpenAI upstream in a node process
// of its own, and two real LiteLLM proxies (the pinned venv from scripts/real-proxy/install.sh) from one generated
// config on free loopback ports. Everything started is recorded (PIDs, ports) in <dir>/state.json, so stop() stops
// exactly that and nothing else.
import {execFileSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {stringify} from 'yaml';
import {packageRoot} from '../../paths.js';
import {profileSchema, type ProfileInput} from '../../targets/profile-schema.js';
import {customCallbackFile, litellmConfig, realModels, type ConfigVariant} from './litellm-config.js';
import {answers, assertPortFree, freePort, isAlive, isOurs, RealPairError, redisPing, spawnDetached, stopGroup, waitUntil} from './processes.js';

export {RealPairError} from './processes.js';
export type {ConfigVariant} from './litellm-config.js';

export type PairSide = 'baseline' | 'candidate';

export type ProxyState = {
	pid: number;
	port: number;
	url: string;
	configPath: string;
	logPath: string;
	namespace: string;
	otlpPort: number;
	variant: ConfigVariant;
	/** Seconds from spawn to the first 200 on /health/readiness. */
	readySeconds: number;
};

export type PairState = {
	version: 1;
	dir: string;
	masterKey: string;
	litellm: string;
	redis: {pid: number; port: number; logPath: string};
	upstream: {pid: number; port: number; url: string; logPath: string};
	baseline: ProxyState;
	candidate: ProxyState;
	profilePath: string;
	startedAt: string;
	/** Seconds from start() to both proxies ready (install check, Redis, upstream, both proxies in parallel). */
	startupSeconds: number;
};

export type StartOptions = {
	/** Where configs, logs, the state file and the profile go (default: .real-pair/ at the repo's top). */
	dir?: string;
	/** Per-proxy readiness deadline (default 180 s: a proxy takes 20–80 s on 2 cores). */
	readinessTimeoutMs?: number;
	ports?: Partial<Record<PairSide, number>>;
	/** The candidate's config differs from the stock one in this one feature (default: none). */
	candidateVariant?: ConfigVariant;
	/** Progress lines (default: stderr). */
	log?: (line: string) => void;
};

export const defaultPairDir = path.join(packageRoot, '.real-pair');
const defaultReadinessMs = 180_000;
const stateFile = (dir: string) => path.join(dir, 'state.json');

export function readPairState(dir = defaultPairDir): PairState | undefined {
	const file = stateFile(dir);
	if (!existsSync(file)) return undefined;
	return JSON.parse(readFileSync(file, 'utf8')) as PairState;
}

function writeState(state: PairState): void {
	writeFileSync(stateFile(state.dir), JSON.stringify(state, null, 2) + '\n', {mode: 0o600});
}

/** Install (or confirm) the pinned proxy venv; returns the litellm executable. Install failures carry the installer's tail. */
export function installRealProxy(log: (line: string) => void = line => process.stderr.write(line + '\n')): string {
	const script = path.join(packageRoot, 'scripts', 'real-proxy', 'install.sh');
	try {
		const out = execFileSync('bash', [script], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 16 * 1024 * 1024});
		const litellm = out.trim().split('\n').pop()!;
		if (!existsSync(litellm)) throw new RealPairError(`install.sh printed '${litellm}', which does not exist`);
		return litellm;
	} catch (error) {
		if (error instanceof RealPairError) throw error;
		const failure = error as {stderr?: string; status?: number};
		throw new RealPairError(`installing the real proxy failed (scripts/real-proxy/install.sh exit ${failure.status ?? '?'}):\n${String(failure.stderr ?? error).trim()}`);
	} finally {
		log('real-pair: the pinned LiteLLM venv is in place');
	}
}

function proxyEnv(state: Pick<PairState, 'upstream'>, side: PairSide, otlpPort: number): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {...process.env};
	// No database: LiteLLM's database layer needs Prisma engines no reachable registry serves.
	delete env.DATABASE_URL;
	delete env.DIRECT_URL;
	for (const name of Object.keys(env)) if (name.startsWith('REDIS_') || name.startsWith('OTEL_') || name.startsWith('LITELLM_')) delete env[name];
	return {
		...env,
		PYTHONUNBUFFERED: '1',
		LITELLM_LOCAL_MODEL_COST_MAP: 'True',
		// OpenTelemetry over OTLP/HTTP to the receiver the tool opens on this side's otlpPort during a run.
		OTEL_EXPORTER: 'otlp_http',
		OTEL_ENDPOINT: `http://127.0.0.1:${otlpPort}/v1/traces`,
		OTEL_SERVICE_NAME: `litellm-real-${side}`,
		// Files and batches use the provider credentials from the environment (contract §15): the mock upstream.
		OPENAI_API_KEY: 'sk-mock-upstream-not-a-secret',
		OPENAI_API_BASE: `${state.upstream.url}/v1`,
	};
}

async function launchProxy(state: Omit<PairState, 'baseline' | 'candidate' | 'profilePath' | 'startupSeconds'>, side: PairSide, spec: {port: number; namespace: string; otlpPort: number; variant: ConfigVariant}, timeoutMs: number, onSpawn?: (proxy: ProxyState) => void): Promise<ProxyState> {
	const sideDir = path.join(state.dir, side);
	mkdirSync(sideDir, {recursive: true});
	const configPath = path.join(sideDir, 'config.yaml');
	writeFileSync(configPath, litellmConfig({upstreamUrl: state.upstream.url, masterKey: state.masterKey, redisPort: state.redis.port, namespace: spec.namespace, variant: spec.variant}), {mode: 0o600});
	writeFileSync(path.join(sideDir, 'custom_callbacks.py'), customCallbackFile);
	const logPath = path.join(state.dir, `${side}.log`);
	writeFileSync(logPath, '');
	const started = performance.now();
	const {pid} = spawnDetached(state.litellm, ['--config', configPath, '--host', '127.0.0.1', '--port', String(spec.port)], {logPath, cwd: sideDir, env: proxyEnv(state, side, spec.otlpPort)});
	const url = `http://127.0.0.1:${spec.port}`;
	const proxy: ProxyState = {pid, port: spec.port, url, configPath, logPath, namespace: spec.namespace, otlpPort: spec.otlpPort, variant: spec.variant, readySeconds: 0};
	// Recorded before the (long) wait, so a stop while starting finds this PID too.
	onSpawn?.(proxy);
	await waitUntil(() => answers(`${url}/health/readiness`), {pid, name: `the ${side} LiteLLM proxy on port ${spec.port}`, logPath, timeoutMs});
	proxy.readySeconds = Math.round((performance.now() - started) / 100) / 10;
	return proxy;
}

/**
 * The plan's absolute performance targets (proxy overhead p50 < 50 ms, > 100 req/s) assume production hardware; one
 * proxy worker on a shared 2-core machine serves 11–66 chat req/s (contract §15). The pair is judged on what this
 * machine can do — it answers, without errors, in reasonable time — while the relative rules of the checks (candidate
 * against baseline) stay as written.
 */
export const machineThresholds: Record<string, string[]> = {
	'performance.overhead.chat': ['p(50)<1000'],
	'performance.throughput.chat': ['rate>2', 'error_rate<0.01'],
};

/** Why the pair has no database: the rows that need one are skipped with this reason (README, development). */
export const noDatabaseReason =
	"LiteLLM's database layer needs Prisma engine binaries that no registry reachable here serves, so the management and database rows are verified against the simulator and the contract only";

/** The ready-made profile for `litellm-parity run --profile-file`. The key is a throwaway one made for this pair. */
export function pairProfile(state: Pick<PairState, 'masterKey' | 'baseline' | 'candidate' | 'upstream'>): ProfileInput {
	const side = (proxy: ProxyState) => ({url: proxy.url, key: state.masterKey, otlpPort: proxy.otlpPort, upstream: state.upstream.url});
	// Two stock proxies: the LLMRouter rows are not applicable (where the profile knows flavours).
	const flavour = 'flavour' in profileSchema.shape ? {flavour: 'litellm'} : {};
	return {
		schemaVersion: 1,
		name: 'real-pair',
		description: 'Two real LiteLLM proxies (pinned, from PyPI) on loopback, started by npm run real-pair -- start',
		...flavour,
		baseline: side(state.baseline),
		candidate: side(state.candidate),
		models: {...realModels},
		thresholds: {latency: {maxRatio: 1.3, minDeltaMs: 50}, checks: machineThresholds},
		// One check at a time: on 2 cores, checks running side by side would blur the latency-judged ones.
		options: {concurrency: 1, timeoutMs: 30_000, callbacks: ['MyCustomHandler'], withoutDatabase: noDatabaseReason},
	} as ProfileInput;
}

function writeProfile(state: PairState): void {
	const text = `# yaml-language-server: $schema=../schemas/profile.schema.json\n# Written by npm run real-pair -- start; valid until the pair is stopped.\n${stringify(pairProfile(state))}`;
	writeFileSync(state.profilePath, text, {mode: 0o600});
	chmodSync(state.profilePath, 0o600);
}

export async function startRealPair(options: StartOptions = {}): Promise<PairState> {
	const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
	const dir = path.resolve(options.dir ?? defaultPairDir);
	const timeoutMs = options.readinessTimeoutMs ?? defaultReadinessMs;
	const previous = readPairState(dir);
	if (previous && [previous.redis.pid, previous.upstream.pid, previous.baseline?.pid, previous.candidate?.pid].some(pid => pid && isAlive(pid))) {
		throw new RealPairError(`a real pair is already running from ${dir} (baseline ${previous.baseline?.url}, candidate ${previous.candidate?.url}); stop it first: npm run real-pair -- stop`);
	}

	const begun = performance.now();
	for (const side of ['baseline', 'candidate'] as const) if (options.ports?.[side] !== undefined) await assertPortFree(options.ports[side]!, `the ${side} proxy`);
	const litellm = installRealProxy(log);
	try {
		execFileSync('redis-server', ['--version'], {stdio: 'ignore'});
	} catch {
		throw new RealPairError('no redis-server on PATH: install it (Debian: apt-get install -y redis-server)');
	}

	rmSync(dir, {recursive: true, force: true});
	mkdirSync(dir, {recursive: true});
	const partial: Omit<PairState, 'baseline' | 'candidate' | 'profilePath' | 'startupSeconds'> & Partial<PairState> = {
		version: 1,
		dir,
		masterKey: `sk-real-pair-${randomBytes(12).toString('hex')}`,
		litellm,
		redis: {pid: 0, port: await freePort(), logPath: path.join(dir, 'redis.log')},
		upstream: {pid: 0, port: await freePort(), url: '', logPath: path.join(dir, 'upstream.log')},
		startedAt: new Date().toISOString(),
	};
	const save = () => writeFileSync(stateFile(dir), JSON.stringify(partial, null, 2) + '\n', {mode: 0o600});
	try {
		partial.redis.pid = spawnDetached('redis-server', ['--port', String(partial.redis.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], {logPath: partial.redis.logPath}).pid;
		save();
		await waitUntil(() => redisPing(partial.redis.port), {pid: partial.redis.pid, name: `redis-server on port ${partial.redis.port}`, logPath: partial.redis.logPath, timeoutMs: 20_000, intervalMs: 100});
		log(`real-pair: redis-server on 127.0.0.1:${partial.redis.port} (pid ${partial.redis.pid})`);

		const services = path.join(packageRoot, 'dist', 'source', 'testbed', 'real-pair', 'services.js');
		if (!existsSync(services)) throw new RealPairError(`${services} is missing: run npm run build first`);
		partial.upstream.url = `http://127.0.0.1:${partial.upstream.port}`;
		partial.upstream.pid = spawnDetached(process.execPath, [services, String(partial.upstream.port)], {logPath: partial.upstream.logPath}).pid;
		save();
		await waitUntil(() => answers(`${partial.upstream.url}/v1/models`), {pid: partial.upstream.pid, name: `the mock upstream on port ${partial.upstream.port}`, logPath: partial.upstream.logPath, timeoutMs: 20_000, intervalMs: 100});
		log(`real-pair: mock OpenAI upstream on ${partial.upstream.url} (pid ${partial.upstream.pid})`);

		const run = randomBytes(3).toString('hex');
		const specs = {
			baseline: {port: options.ports?.baseline ?? (await freePort()), namespace: `parity-baseline-${run}`, otlpPort: await freePort(), variant: {}},
			candidate: {port: options.ports?.candidate ?? (await freePort()), namespace: `parity-candidate-${run}`, otlpPort: await freePort(), variant: options.candidateVariant ?? {}},
		};
		log(`real-pair: starting two LiteLLM proxies on ports ${specs.baseline.port} and ${specs.candidate.port} (readiness deadline ${Math.round(timeoutMs / 1000)} s each)`);
		// Both at once: the start-up is mostly importing the proxy module (30–37 s on 2 cores).
		const launched = await Promise.allSettled(
			(['baseline', 'candidate'] as const).map(side =>
				launchProxy(partial, side, specs[side], timeoutMs, proxy => {
					partial[side] = proxy;
					save();
				}),
			),
		);
		for (const [index, side] of (['baseline', 'candidate'] as const).entries()) {
			const outcome = launched[index]!;
			if (outcome.status === 'fulfilled') partial[side] = outcome.value;
		}

		const failed = launched.find(outcome => outcome.status === 'rejected') as PromiseRejectedResult | undefined;
		if (failed) throw failed.reason;
		partial.profilePath = path.join(dir, 'profile.yaml');
		partial.startupSeconds = Math.round((performance.now() - begun) / 100) / 10;
		const state = partial as PairState;
		writeState(state);
		writeProfile(state);
		return state;
	} catch (error) {
		// Leave nothing behind: stop what was started so far (the failed proxy's PID is in its error, not the state).
		save();
		await stopRealPair(dir, {quiet: true, alsoPids: pidsIn(error)});
		throw error;
	}
}

function pidsIn(error: unknown): number[] {
	const match = /\(pid (\d+)\)/.exec(String((error as Error)?.message ?? ''));
	return match ? [Number(match[1])] : [];
}

/** Restart one proxy on the same port (and namespace) with a changed config; the profile stays valid. */
export async function restartProxy(dir: string, side: PairSide, variant: ConfigVariant = {}, options: {readinessTimeoutMs?: number} = {}): Promise<PairState> {
	const state = readPairState(dir);
	if (!state) throw new RealPairError(`no real pair recorded in ${dir}: start one first`);
	const current = state[side];
	if (current.pid && isOurs(current.pid, 'litellm')) await stopGroup(current.pid);
	try {
		state[side] = await launchProxy(state, side, {port: current.port, namespace: current.namespace, otlpPort: current.otlpPort, variant}, options.readinessTimeoutMs ?? defaultReadinessMs, proxy => {
			state[side] = proxy;
			writeState(state);
		});
	} catch (error) {
		const pid = pidsIn(error)[0];
		if (pid) await stopGroup(pid);
		state[side] = {...current, pid: 0};
		writeState(state);
		throw error;
	}

	writeState(state);
	return state;
}

/** Stop exactly what the state file records (each a process group this tool started); returns what was stopped. */
export async function stopRealPair(dir = defaultPairDir, {quiet = false, alsoPids = []}: {quiet?: boolean; alsoPids?: number[]} = {}): Promise<string[]> {
	const state = readPairState(dir) as Partial<PairState> | undefined;
	const stopped: string[] = [];
	if (!state) return stopped;
	const entries: Array<[string, number | undefined, string]> = [
		['baseline proxy', state.baseline?.pid, 'litellm'],
		['candidate proxy', state.candidate?.pid, 'litellm'],
		...alsoPids.map(pid => ['proxy that failed to start', pid, 'litellm'] as [string, number, string]),
		['mock upstream', state.upstream?.pid, 'services.js'],
		['redis-server', state.redis?.pid, 'redis-server'],
	];
	await Promise.all(
		entries.map(async ([name, pid, marker]) => {
			if (!pid || !isOurs(pid, marker)) return;
			await stopGroup(pid);
			stopped.push(`${name} (pid ${pid})`);
		}),
	);
	rmSync(stateFile(dir), {force: true});
	if (!quiet) for (const line of stopped) process.stderr.write(`real-pair: stopped ${line}\n`);
	return stopped;
}
