// `lab up`: three containers on one lab network — baseline, candidate and the mock OpenAI upstream both forward their
// chat calls to — each published on a free loopback port, and a `lab` profile pointing at them (containers and
// upstream included). By default the side images are built here from the embedded simulator; with
// --baseline-image/--candidate-image real images run instead, with a generated LiteLLM config. The upstream image is
// always built here (host node + the mock upstream, no registry).
import {randomBytes} from 'node:crypto';
import {mkdir, writeFile} from 'node:fs/promises';
import {createServer} from 'node:net';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {request} from 'undici';
import {runCli, type RuntimeKind} from '../../containers/cli.js';
import {engineStatus} from '../../containers/engine.js';
import {waitUntilReady} from '../../containers/readiness.js';
import {assertSucceeded} from '../../containers/unavailable.js';
import {sides, type Side} from '../../domain.js';
import {errorMessage, UsageError} from '../../errors.js';
import {embeddedUpstreamLatencyMs} from '../upstream/mock-openai.js';
import type {ProfileInput} from '../../targets/profile-schema.js';
import type {ProfileStore} from '../../targets/profiles.js';
import {registerSecret} from '../../targets/secrets.js';
import {labDown, labProfileMarker} from './down.js';
import {describeMissing, ensureImages} from './ensure-images.js';
import {buildLabImage, type ImageKind} from './images.js';
import {configMount, labChatModel, labMockResponse, litellmConfig, realImageArgs} from './litellm-config.js';
import {labLabel, labNames} from './names.js';
import {labFolder, writeLabState, type LabState} from './state.js';
import {networkAddress, upstreamCalls} from './upstream-calls.js';

export type LabUpOptions = {
	lab?: string;
	runtime?: RuntimeKind;
	baselineImage?: string;
	candidateImage?: string;
	key?: string;
	store: ProfileStore;
	/** Where the lab keeps its state (the profile store's folder). */
	home: string;
	log?: (line: string) => void;
	readyLimitSeconds?: number;
	/** Time limit for pulling a --baseline-image/--candidate-image that is not on this machine. */
	pullTimeoutSeconds?: number;
	/** Ctrl+C: everything `lab up` created so far is removed (containers, network, images, build folders). */
	signal?: AbortSignal;
};

async function freePort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as import('node:net').AddressInfo;
	await new Promise<void>(resolve => server.close(() => resolve()));
	return port;
}

/** Remove a container of this lab left by an earlier run; refuse to touch one that is not the lab's. */
async function clearOwnContainer(runtime: RuntimeKind, name: string, lab: string): Promise<void> {
	const existing = await runCli(runtime, ['inspect', '--type', 'container', '--format', `{{index .Config.Labels "${labLabel}"}}`, name], {timeoutMs: 15_000});
	if (existing.exitCode !== 0) return;
	if (existing.stdout.trim() !== lab) throw new UsageError(`a container named ${name} already exists and was not created by 'lab up'; remove or rename it first`);
	assertSucceeded(await runCli(runtime, ['rm', '-f', name], {timeoutMs: 30_000}));
}

/**
 * The lab network. A user-defined bridge network was checked to carry container-to-container traffic and resolve
 * container names on an engine started with --iptables=false --ip-forward=false (both leave traffic inside one
 * bridge alone; only traffic leaving the host needs forwarding), so the proxies call http://<upstream container>:4000.
 */
async function createNetwork(runtime: RuntimeKind, network: string, lab: string): Promise<void> {
	const existing = await runCli(runtime, ['network', 'inspect', '--format', `{{index .Labels "${labLabel}"}}`, network], {timeoutMs: 15_000});
	if (existing.exitCode === 0 && existing.stdout.trim() !== lab) throw new UsageError(`a network named ${network} already exists and was not created by 'lab up'; remove or rename it first`);
	if (existing.exitCode === 0) return;
	assertSucceeded(await runCli(runtime, ['network', 'create', '--label', `${labLabel}=${lab}`, network], {timeoutMs: 30_000}));
}

/** `docker run -d …`, then wait until `readinessUrl` answers 200; a container that exits while booting ends the wait. */
async function runUntilReady(runtime: RuntimeKind, container: string, args: string[], readinessUrl: string, limitMs: number, signal?: AbortSignal): Promise<number> {
	const start = performance.now();
	const run = await runCli(runtime, args, {timeoutMs: 120_000, signal});
	signal?.throwIfAborted();
	assertSucceeded(run);
	const watch = new AbortController();
	signal?.addEventListener('abort', () => watch.abort(), {once: true});
	// `wait` returns the exit code of a container that stops.
	const exited = runCli(runtime, ['wait', container], {timeoutMs: limitMs + 5_000, signal: watch.signal});
	const readiness = await Promise.race([
		waitUntilReady(readinessUrl, {limitMs, signal: watch.signal}).catch(() => undefined),
		exited.then(result => (result.cancelled ? undefined : {ready: false, lastAnswer: `the container exited (code ${result.stdout.trim() || '?'})`})),
	]);
	watch.abort();
	signal?.throwIfAborted();
	if (!readiness?.ready) {
		const logs = await runCli(runtime, ['logs', '--tail', '20', container], {timeoutMs: 15_000});
		throw new Error(`${container} not ready after ${limitMs / 1000} s (${readiness?.lastAnswer ?? 'no answer'}); last log lines:\n${`${logs.stdout}${logs.stderr}`.trim()}`);
	}

	return Math.round((performance.now() - start) / 10) / 100;
}

/**
 * One chat call without mock_response through each side, and the upstream's log to see it arrive from that side's
 * address: proves the proxies reach the upstream over the lab network before any row relies on it.
 */
async function forwardingCheck(runtime: RuntimeKind, state: LabState, key: string): Promise<Record<Side, string>> {
	const upstream = state.upstream!;
	const result = {} as Record<Side, string>;
	for (const side of sides) {
		const address = await networkAddress(runtime, state.sides[side].container!, state.network!);
		const before = (await upstreamCalls(runtime, upstream.container!)).byAddress[address ?? ''] ?? 0;
		let answer = '';
		try {
			const response = await request(`${state.sides[side].url}/v1/chat/completions`, {
				method: 'POST',
				headers: {'content-type': 'application/json', authorization: `Bearer ${key}`},
				body: JSON.stringify({model: labChatModel, messages: [{role: 'user', content: 'lab up: forwarding check'}], max_tokens: 3}),
				signal: AbortSignal.timeout(30_000),
			});
			answer = `HTTP ${response.statusCode}`;
			if (response.statusCode !== 200) answer += `: ${(await response.body.text()).slice(0, 160)}`;
			else await response.body.dump();
		} catch (error) {
			answer = errorMessage(error);
		}

		const after = (await upstreamCalls(runtime, upstream.container!)).byAddress[address ?? ''] ?? 0;
		result[side] =
			after > before
				? `forwards chat calls to the upstream (${answer}; seen at the upstream from ${address})`
				: `WARNING: the upstream saw no chat call from ${address ?? 'this container'} (${answer}); the overhead row would not measure a real proxied call`;
	}

	return result;
}

export async function labUp(options: LabUpOptions): Promise<LabState> {
	const log = options.log ?? (() => undefined);
	const runtime = options.runtime ?? 'docker';
	const names = labNames(options.lab);
	const realImages = Boolean(options.baselineImage || options.candidateImage);
	if (realImages && !(options.baselineImage && options.candidateImage)) throw new UsageError('give both --baseline-image and --candidate-image, or neither (to build the simulator images)');
	const engine = await engineStatus(runtime);
	if (!engine.ok) throw new UsageError(`lab up needs a container engine: ${engine.reason}`);
	log(`engine: ${runtime} ${engine.version}`);
	const signal = options.signal;

	// Every image the user named is here (or pulled) before anything is built: all missing ones named, with the cause.
	if (realImages) {
		const missing = await ensureImages(runtime, [options.baselineImage!, options.candidateImage!], {pullTimeoutSeconds: options.pullTimeoutSeconds, signal, log});
		if (missing.length > 0) throw new UsageError(`lab up: ${describeMissing(missing)}`);
	}

	// A lab of the same name is replaced as a whole.
	await labDown({lab: names.lab, runtime, store: options.store, home: options.home, quiet: true});
	const key = options.key ?? `sk-lab-${randomBytes(16).toString('hex')}`;
	registerSecret(key);
	const folder = labFolder(options.home, names.lab);
	await mkdir(folder, {recursive: true, mode: 0o755});
	// How the proxies reach the upstream: by container name, on the lab network.
	const innerUpstream = `http://${names.upstream.container}:4000`;
	const state: LabState = {
		lab: names.lab,
		runtime,
		mode: realImages ? 'images' : 'simulator',
		createdAt: new Date().toISOString(),
		folder,
		sides: {
			baseline: {image: options.baselineImage ?? names.images.baseline, imageBuilt: !realImages},
			candidate: {image: options.candidateImage ?? names.images.candidate, imageBuilt: !realImages},
		},
		upstream: {image: names.upstream.image, imageBuilt: true, latencyMs: embeddedUpstreamLatencyMs},
	};
	await writeLabState(options.home, state);

	try {
		const builds: Array<{kind: ImageKind; image: string}> = [{kind: 'upstream', image: names.upstream.image}];
		if (!realImages) builds.unshift(...sides.map(side => ({kind: side, image: names.images[side]})));
		// Settled, not raced: on Ctrl+C every build has stopped (and removed its folder) before the cleanup runs.
		const outcomes = await Promise.allSettled(builds.map(({kind, image}) => buildLabImage(runtime, kind, image, names.lab, signal)));
		signal?.throwIfAborted();
		const buildFailure = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
		if (buildFailure) throw buildFailure.reason;
		for (const [index, outcome] of outcomes.entries()) {
			const built = (outcome as PromiseFulfilledResult<Awaited<ReturnType<typeof buildLabImage>>>).value;
			const {kind, image} = builds[index]!;
			Object.assign(kind === 'upstream' ? state.upstream! : state.sides[kind], {buildSeconds: built.seconds, sizeMiB: built.sizeMiB});
			log(`image ${image}: built in ${built.seconds.toFixed(1)} s (${built.sizeMiB} MiB)`);
		}

		signal?.throwIfAborted();
		await createNetwork(runtime, names.network, names.lab);
		state.network = names.network;
		await writeLabState(options.home, state);

		// The key travels in an env file (mode 0600), not on a command line other users could read.
		const envFile = path.join(folder, 'lab.env');
		await writeFile(envFile, `LITELLM_MASTER_KEY=${key}\nADMIN_API_KEYS=${key}\n`, {mode: 0o600});
		const configFile = path.join(folder, 'config.yaml');
		if (realImages) await writeFile(configFile, litellmConfig(innerUpstream), {mode: 0o644});

		// The upstream first: it boots in well under a second, and the sides' forwarding check needs it.
		const upstream = state.upstream!;
		await clearOwnContainer(runtime, names.upstream.container, names.lab);
		const upstreamPort = await freePort();
		upstream.container = names.upstream.container;
		upstream.url = `http://127.0.0.1:${upstreamPort}`;
		upstream.innerUrl = innerUpstream;
		const upstreamArgs = ['run', '-d', '--name', upstream.container, '--label', `${labLabel}=${names.lab}`, '--network', names.network, '-p', `127.0.0.1:${upstreamPort}:4000`];
		upstreamArgs.push('-e', `MOCK_UPSTREAM_LATENCY_MS=${upstream.latencyMs}`, upstream.image);
		await writeLabState(options.home, state);
		const upstreamSeconds = await runUntilReady(runtime, upstream.container, upstreamArgs, `${upstream.url}/health`, 30_000, signal);
		log(`${'upstream'.padEnd(9)} ${upstream.url}  container ${upstream.container}  ready ${upstreamSeconds.toFixed(2)} s after docker run (${innerUpstream} on network ${names.network})`);

		const limitMs = (options.readyLimitSeconds ?? (realImages ? 300 : 60)) * 1000;
		// Both sides start at once; a failure waits for the other side to settle, so the cleanup sees everything.
		const started = await Promise.allSettled(
			sides.map(async (side: Side) => {
				const container = names.containers[side];
				await clearOwnContainer(runtime, container, names.lab);
				const port = await freePort();
				const url = `http://127.0.0.1:${port}`;
				const args = ['run', '-d', '--name', container, '--label', `${labLabel}=${names.lab}`, '--network', names.network, '-p', `127.0.0.1:${port}:4000`, '--env-file', envFile];
				// The lab's simulator entry forwards chat calls without mock_response to LITELLM_PARITY_UPSTREAM; LiteLLM
				// ignores the variable and follows the config's api_base to the same upstream.
				args.push('-e', `LITELLM_PARITY_UPSTREAM=${innerUpstream}`);
				if (realImages) args.push('-v', `${configFile}:${configMount}:ro`, state.sides[side].image, ...realImageArgs);
				else args.push(state.sides[side].image);
				Object.assign(state.sides[side], {container, url});
				await writeLabState(options.home, state);
				state.sides[side].coldStartSeconds = await runUntilReady(runtime, container, args, `${url}/health/readiness`, limitMs, signal);
				log(`${side.padEnd(9)} ${url}  container ${container}  ready ${state.sides[side].coldStartSeconds!.toFixed(2)} s after docker run`);
			}),
		);
		signal?.throwIfAborted();
		const failed = started.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
		if (failed) throw failed.reason;

		const forwarding = await forwardingCheck(runtime, state, key);
		signal?.throwIfAborted();
		for (const side of sides) log(`${side.padEnd(9)} ${forwarding[side]}`);

		const profile: ProfileInput = {
			name: names.profile,
			description: `${labProfileMarker} ${realImages ? `real images ${state.sides.baseline.image} vs ${state.sides.candidate.image}` : 'simulator images imitating the stock LiteLLM and LLMRouter layouts'}`,
			baseline: {url: state.sides.baseline.url!, key, container: {name: names.containers.baseline, runtime}, upstream: upstream.url},
			candidate: {url: state.sides.candidate.url!, key, adminKey: key, container: {name: names.containers.candidate, runtime}, upstream: upstream.url},
			models: {chat: labChatModel},
			// The profile's mock_response goes only on `llm: true` requests; the overhead row's are not, so they are forwarded.
			options: {mockResponse: labMockResponse, timeoutMs: 30_000},
		};
		options.store.save(profile);
		state.profile = names.profile;
		await writeLabState(options.home, state);
		log(`profile '${names.profile}' saved (${options.store.path})`);
		return state;
	} catch (error) {
		await labDown({lab: names.lab, runtime, store: options.store, home: options.home, quiet: true}).catch(() => undefined);
		throw error;
	}
}
