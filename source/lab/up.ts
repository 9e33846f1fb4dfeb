// `lab up`: two containers on free loopback ports and a `lab` profile pointing at them (containers included).
// By default the images are built here from the embedded simulator; with --baseline-image/--candidate-image real
// images run instead, with a generated LiteLLM config whose models answer through mock_response.
import {randomBytes} from 'node:crypto';
import {mkdir, writeFile} from 'node:fs/promises';
import {createServer} from 'node:net';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {runCli, type RuntimeKind} from '../containers/cli.js';
import {engineStatus} from '../containers/engine.js';
import {waitUntilReady} from '../containers/readiness.js';
import {assertSucceeded} from '../containers/unavailable.js';
import {sides, type Side} from '../domain.js';
import {UsageError} from '../errors.js';
import type {ProfileInput} from '../targets/profile-schema.js';
import type {ProfileStore} from '../targets/profiles.js';
import {registerSecret} from '../targets/secrets.js';
import {labDown, labProfileMarker} from './down.js';
import {buildLabImage} from './images.js';
import {configMount, labMockResponse, litellmConfig, realImageArgs} from './litellm-config.js';
import {labLabel, labNames} from './names.js';
import {labFolder, writeLabState, type LabState} from './state.js';

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

export async function labUp(options: LabUpOptions): Promise<LabState> {
	const log = options.log ?? (() => undefined);
	const runtime = options.runtime ?? 'docker';
	const names = labNames(options.lab);
	const realImages = Boolean(options.baselineImage || options.candidateImage);
	if (realImages && !(options.baselineImage && options.candidateImage)) throw new UsageError('give both --baseline-image and --candidate-image, or neither (to build the simulator images)');
	const engine = await engineStatus(runtime);
	if (!engine.ok) throw new UsageError(`lab up needs a container engine: ${engine.reason}`);
	log(`engine: ${runtime} ${engine.version}`);

	// A lab of the same name is replaced as a whole.
	await labDown({lab: names.lab, runtime, store: options.store, home: options.home, quiet: true});
	const key = options.key ?? `sk-lab-${randomBytes(16).toString('hex')}`;
	registerSecret(key);
	const folder = labFolder(options.home, names.lab);
	await mkdir(folder, {recursive: true, mode: 0o755});
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
	};
	await writeLabState(options.home, state);

	try {
		if (!realImages) {
			const built = await Promise.all(sides.map(side => buildLabImage(runtime, side, names.images[side], names.lab)));
			for (const [index, side] of sides.entries()) {
				Object.assign(state.sides[side], {buildSeconds: built[index]!.seconds, sizeMiB: built[index]!.sizeMiB});
				log(`image ${names.images[side]}: built in ${built[index]!.seconds.toFixed(1)} s (${built[index]!.sizeMiB} MiB)`);
			}
		}

		// The key travels in an env file (mode 0600), not on a command line other users could read.
		const envFile = path.join(folder, 'lab.env');
		await writeFile(envFile, `LITELLM_MASTER_KEY=${key}\nADMIN_API_KEYS=${key}\n`, {mode: 0o600});
		const configFile = path.join(folder, 'config.yaml');
		if (realImages) await writeFile(configFile, litellmConfig(), {mode: 0o644});

		const limitMs = (options.readyLimitSeconds ?? (realImages ? 300 : 60)) * 1000;
		// Both sides start at once; a failure waits for the other side to settle, so the cleanup sees everything.
		const started = await Promise.allSettled(
			sides.map(async (side: Side) => {
				const container = names.containers[side];
				await clearOwnContainer(runtime, container, names.lab);
				const port = await freePort();
				const url = `http://127.0.0.1:${port}`;
				const args = ['run', '-d', '--name', container, '--label', `${labLabel}=${names.lab}`, '-p', `127.0.0.1:${port}:4000`, '--env-file', envFile];
				if (realImages) args.push('-v', `${configFile}:${configMount}:ro`, state.sides[side].image, ...realImageArgs);
				else args.push(state.sides[side].image);
				const start = performance.now();
				const run = await runCli(runtime, args, {timeoutMs: 120_000});
				assertSucceeded(run);
				Object.assign(state.sides[side], {container, url});
				await writeLabState(options.home, state);
				// A container that exits while booting ends the wait at once (`wait` returns its exit code).
				const watch = new AbortController();
				const exited = runCli(runtime, ['wait', container], {timeoutMs: limitMs + 5_000, signal: watch.signal});
				const readiness = await Promise.race([
					waitUntilReady(`${url}/health/readiness`, {limitMs, signal: watch.signal}).catch(() => undefined),
					exited.then(result => (result.cancelled ? undefined : {ready: false, lastAnswer: `the container exited (code ${result.stdout.trim() || '?'})`})),
				]);
				watch.abort();
				if (!readiness?.ready) {
					const logs = await runCli(runtime, ['logs', '--tail', '20', container], {timeoutMs: 15_000});
					throw new Error(`${side} (${container}) not ready after ${limitMs / 1000} s (${readiness?.lastAnswer ?? 'no answer'}); last log lines:\n${`${logs.stdout}${logs.stderr}`.trim()}`);
				}

				state.sides[side].coldStartSeconds = Math.round((performance.now() - start) / 10) / 100;
				log(`${side.padEnd(9)} ${url}  container ${container}  ready ${state.sides[side].coldStartSeconds!.toFixed(2)} s after docker run`);
			}),
		);
		const failed = started.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
		if (failed) throw failed.reason;

		const profile: ProfileInput = {
			name: names.profile,
			description: `${labProfileMarker} ${realImages ? `real images ${state.sides.baseline.image} vs ${state.sides.candidate.image}` : 'simulator images imitating the stock LiteLLM and LLMRouter layouts'}`,
			baseline: {url: state.sides.baseline.url!, key, container: {name: names.containers.baseline, runtime}},
			candidate: {url: state.sides.candidate.url!, key, adminKey: key, container: {name: names.containers.candidate, runtime}},
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
