// The real-engine suite (npm run test:containers): builds the lab's images (two sides and the mock upstream), runs
// them on a lab network, and runs the container rows against them through real `docker exec`, `inspect`, `logs`,
// `stats`, `stop`/`start`, and the overhead row through both proxies to the upstream container. Where no engine can
// run, the whole suite is reported skipped with the reason, never passed.
import {existsSync, mkdtempSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli} from '../../source/containers/cli.js';
import {engineStatus} from '../../source/containers/engine.js';
import {waitUntilReady} from '../../source/containers/readiness.js';
import type {Observation, RunEvent} from '../../source/domain.js';
import {labDown} from '../../source/lab/down.js';
import {configMount, labMockResponse} from '../../source/lab/litellm-config.js';
import {labLabel, labNames} from '../../source/lab/names.js';
import type {LabState} from '../../source/lab/state.js';
import {labUp} from '../../source/lab/up.js';
import {networkAddress, upstreamCalls} from '../../source/lab/upstream-calls.js';
import {packageRoot} from '../../source/paths.js';
import {recordFromEvents, renderJson} from '../../source/report/json.js';
import {profileSchema, type Profile} from '../../source/targets/profile-schema.js';
import {ProfileStore} from '../../source/targets/profiles.js';
import {closedPort, runProfile} from '../helpers/targets.js';

async function gate(): Promise<string | undefined> {
	if (process.env.LITELLM_PARITY_CONTAINER_SUITE !== '1') return 'the real-engine suite runs with `npm run test:containers`';
	if (!existsSync(path.join(packageRoot, 'dist', 'source', 'simulator', 'index.js'))) return 'the simulator is not built (npm run build)';
	const engine = await engineStatus('docker');
	return engine.ok ? undefined : engine.reason;
}

const skipReason = await gate();
if (skipReason) console.warn(`container suite SKIPPED: ${skipReason}`);

const lab = `test-${process.pid}`;
const home = mkdtempSync(path.join(os.tmpdir(), 'litellm-parity-lab-home-'));
const store = new ProfileStore({cwd: home});
let state: LabState;
let profile: Profile;

function observationsOf(events: RunEvent[], check: string): Partial<Record<'baseline' | 'candidate', Observation>> {
	const finished = events.find((event): event is Extract<RunEvent, {type: 'check-finished'}> => event.type === 'check-finished' && event.check === check);
	return finished?.observations ?? {};
}

describe.skipIf(Boolean(skipReason))(`container rows against the lab on a real engine${skipReason ? ` — skipped: ${skipReason}` : ''}`, () => {
	beforeAll(async () => {
		state = await labUp({lab, store, home, log: line => console.log(`[lab up] ${line}`)});
		profile = store.get(lab)!;
	}, 240_000);

	afterAll(async () => {
		await labDown({lab, store, home});
	}, 120_000);

	it('lab up built both images and wrote a profile with the containers', () => {
		expect(state.sides.baseline).toMatchObject({imageBuilt: true, container: `litellm-parity-${lab}-baseline`});
		expect(state.sides.candidate.coldStartSeconds).toBeLessThan(30);
		expect(profile.baseline.container).toEqual({name: `litellm-parity-${lab}-baseline`, runtime: 'docker'});
		expect(profile.candidate.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
	});

	it('lab up ran the mock upstream on the lab network and put its loopback URL in the profile, on both sides', async () => {
		const names = labNames(lab);
		expect(state.network).toBe(names.network);
		expect(state.upstream).toMatchObject({image: names.upstream.image, imageBuilt: true, container: names.upstream.container, innerUrl: `http://${names.upstream.container}:4000`});
		expect(state.upstream?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect([profile.baseline.upstream, profile.candidate.upstream]).toEqual([state.upstream?.url, state.upstream?.url]);
		const attached = await runCli('docker', ['network', 'inspect', '--format', '{{range .Containers}}{{.Name}} {{end}}', names.network]);
		expect(attached.stdout.trim().split(' ').sort()).toEqual([names.containers.baseline, names.containers.candidate, names.upstream.container].sort());
	});

	it('overhead: both sides measured direct vs proxied, and both proxies really forwarded to the upstream container', async () => {
		// The profile carries a mock_response for LLM rows; the overhead row's requests must not get it, or the proxy
		// would answer without calling the upstream and the figure would mean nothing.
		expect(profile.options.mockResponse).toBe(labMockResponse);
		const upstream = state.upstream!;
		const address = {
			baseline: (await networkAddress('docker', state.sides.baseline.container!, state.network!))!,
			candidate: (await networkAddress('docker', state.sides.candidate.container!, state.network!))!,
		};
		const before = await upstreamCalls('docker', upstream.container!);
		const {byCheck} = await runProfile(profile, {checks: ['performance.overhead']});
		const after = await upstreamCalls('docker', upstream.container!);
		const overhead = byCheck['performance.overhead.chat']!;
		expect(overhead.verdict, overhead.reason).toBe('parity');
		for (const side of ['baseline', 'candidate'] as const) {
			const facts = overhead.facts?.[side];
			console.log(`[overhead] ${side}: p50 ${facts?.med} ms, p95 ${(facts?.percentiles as Record<string, number>)?.['95']} ms, direct p50 ${facts?.directP50} ms, proxied p50 ${facts?.proxiedP50} ms`);
			expect(facts).toMatchObject({samples: 40, upstream: upstream.url});
			expect(facts?.med as number).toBeLessThan(50);
			// The upstream waits its latency on every call, so both paths take at least that long.
			expect(facts?.directP50 as number).toBeGreaterThanOrEqual(upstream.latencyMs);
			expect(facts?.proxiedP50 as number).toBeGreaterThanOrEqual(upstream.latencyMs);
			// 5 warm-up + 40 measured pairs: every proxied call reached the upstream from this side's container.
			expect((after.byAddress[address[side]] ?? 0) - (before.byAddress[address[side]] ?? 0)).toBeGreaterThanOrEqual(45);
		}

		// And the direct calls arrived too, through the published port: 45 per side.
		expect(after.total - before.total).toBeGreaterThanOrEqual(4 * 45);
	}, 120_000);

	it('security: user expected (root vs litellm), no-shell bonus, clean log scan, TLS skipped — from real docker exec', async () => {
		const {byCheck, events} = await runProfile(profile, {categories: ['security']});
		const user = byCheck['security.non-root.whoami']!;
		expect(user.verdict).toBe('expected');
		expect(user.reason).toContain('root, the LLMRouter image as litellm (UID 1000)');
		expect(user.differences).toEqual([expect.objectContaining({path: 'fact:user', baseline: 'root', candidate: 'litellm'})]);
		expect(user.facts?.candidate).toMatchObject({user: 'litellm', uid: 1000});
		const whoami = observationsOf(events, 'security.non-root.whoami');
		expect(whoami.candidate?.exec?.[0]).toMatchObject({command: ['docker', 'exec', `litellm-parity-${lab}-candidate`, 'whoami'], exitCode: 0, stdout: 'litellm\n'});

		const shell = byCheck['security.no-shell.sh']!;
		expect(shell.verdict).toBe('bonus');
		expect(shell.facts?.baseline).toMatchObject({shell: true});
		expect(shell.facts?.candidate).toMatchObject({shell: false, shExit: 126});
		expect(observationsOf(events, 'security.no-shell.sh').candidate?.exec?.[0]?.stdout).toContain('executable file not found');

		const logs = byCheck['security.secret-handling.logs']!;
		expect(logs.verdict).toBe('parity');
		expect(logs.facts?.candidate).toMatchObject({leaks: 0});
		expect(Number(logs.facts?.candidate?.linesScanned)).toBeGreaterThan(0);
		expect(byCheck['security.tls.handshake']).toMatchObject({verdict: 'skipped', reason: 'baseline is not an https:// URL; candidate is not an https:// URL'});
	}, 120_000);

	it('known differences: both sides\' facts, each plan difference expected with its justification', async () => {
		const {byCheck} = await runProfile(profile, {categories: ['known-differences']});
		const facts = (check: string, name: string) => [byCheck[check]!.facts?.baseline?.[name], byCheck[check]!.facts?.candidate?.[name]];
		for (const result of Object.values(byCheck)) expect(result.verdict, result.check).toBe('expected');
		expect(facts('known-differences.base-image.os-release', 'osId')).toEqual(['wolfi', 'debian']);
		expect(facts('known-differences.init-system.pid1', 'init')).toEqual(['supervisord', 'tini']);
		expect(facts('known-differences.init-system.pid1', 'entrypoint')).toEqual(['docker/prod_entrypoint.sh', '/usr/bin/tini -- /usr/bin/node /app/server.js']);
		expect(facts('known-differences.user.config', 'configUser')).toEqual(['root', 'litellm']);
		expect(facts('known-differences.package-manager.present', 'packageManager')).toEqual(['pip', 'uv']);
		expect(byCheck['known-differences.package-manager.present']!.reason).toContain('faster installs');
	}, 120_000);

	it('performance: cold start in seconds (< 30 s), idle memory (< 1 GB) and CPU (< 10 %) from docker stats', async () => {
		const {byCheck} = await runProfile(profile, {checks: ['performance.cold-start', 'performance.memory-idle', 'performance.cpu-idle']});
		const cold = byCheck['performance.cold-start.restart']!;
		expect(cold.verdict).toBe('parity');
		for (const side of ['baseline', 'candidate'] as const) {
			expect(cold.facts?.[side]?.coldStartSeconds).toBeLessThan(30);
			expect(byCheck['performance.memory-idle.stats']!.facts?.[side]?.memoryMiB).toBeLessThan(1024);
			expect(byCheck['performance.cpu-idle.stats']!.facts?.[side]?.cpuPercent).toBeLessThan(10);
		}

		expect(byCheck['performance.memory-idle.stats']!.verdict).toBe('parity');
		expect(byCheck['performance.cpu-idle.stats']!.verdict).toBe('parity');
	}, 180_000);

	it('logging: plain text on the baseline, JSON on the candidate; the training entrypoint is in the candidate image', async () => {
		const {byCheck} = await runProfile(profile, {checks: ['observability.logging', 'llmrouter.training-pipeline']});
		const logging = byCheck['observability.logging.structured']!;
		expect(logging.verdict).toBe('bonus');
		expect([logging.facts?.baseline?.format, logging.facts?.candidate?.format]).toEqual(['text', 'json']);
		expect(byCheck['llmrouter.training-pipeline.entrypoint']).toMatchObject({verdict: 'bonus', facts: {candidate: {trainingEntrypoint: '/app/scripts/train_from_traces.py'}}});
	}, 120_000);

	it('skips a side whose container does not exist, with the exact reason', async () => {
		const missing = profileSchema.parse({...profile, candidate: {...profile.candidate, container: {name: 'litellm-parity-no-such-container', runtime: 'docker'}}});
		const {byCheck} = await runProfile(missing, {checks: ['security.non-root', 'known-differences.user']});
		expect(byCheck['security.non-root.whoami']).toMatchObject({verdict: 'skipped', reason: 'no container named litellm-parity-no-such-container (docker)'});
		expect(byCheck['known-differences.user.config']).toMatchObject({verdict: 'skipped', reason: 'no container named litellm-parity-no-such-container (docker)'});
	}, 60_000);

	it('finds keys a leaky container logs, reports them masked, and skips a stopped container', async () => {
		const name = `litellm-parity-${lab}-leaky`;
		const key = 'sk-leaky-test-master-key-0123456789';
		const port = await closedPort();
		const run = await runCli('docker', ['run', '-d', '--name', name, '--label', `${labLabel}=${lab}`, '-p', `127.0.0.1:${port}:4000`, '-e', 'LITELLM_LOG=DEBUG', '-e', `LITELLM_MASTER_KEY=${key}`, state.sides.baseline.image], {timeoutMs: 60_000});
		expect(run.exitCode, run.stderr).toBe(0);
		const url = `http://127.0.0.1:${port}`;
		expect((await waitUntilReady(`${url}/health/readiness`, {limitMs: 30_000})).ready).toBe(true);
		const leaky = profileSchema.parse({name: 'leaky', baseline: {url, key, container: {name}}, candidate: {url, key, container: {name}}});
		const {byCheck, finished, events} = await runProfile(leaky, {checks: ['security.secret-handling']});
		const result = byCheck['security.secret-handling.logs']!;
		expect(result.verdict).toBe('both-fail');
		expect(Number(result.facts?.baseline?.leaks)).toBeGreaterThan(0);
		expect(result.facts?.baseline?.findings).toEqual(expect.arrayContaining([expect.objectContaining({what: 'profile key', masked: 'sk-****6789'})]));
		const started = events.find((event): event is Extract<RunEvent, {type: 'run-started'}> => event.type === 'run-started')!;
		const report = renderJson(recordFromEvents(started, finished));
		expect(report).toContain('sk-****6789');
		expect(report).not.toContain(key);
		expect(JSON.stringify(events)).not.toContain(key);

		expect((await runCli('docker', ['stop', '-t', '1', name], {timeoutMs: 30_000})).exitCode).toBe(0);
		const stopped = await runProfile(leaky, {checks: ['security.non-root']});
		expect(stopped.byCheck['security.non-root.whoami']).toMatchObject({verdict: 'skipped', reason: `container ${name} is not running (docker); container ${name} is not running (docker)`});
	}, 120_000);

	it('with --baseline-image/--candidate-image: the generated config points the chat model at the upstream, and lab down keeps the given images', async () => {
		// The lab's own images stand in for real ones (no registry here): this runs the real-images path end to end.
		const images = `${lab}-images`;
		const names = labNames(images);
		const other = await labUp({lab: images, store, home, baselineImage: state.sides.baseline.image, candidateImage: state.sides.candidate.image});
		try {
			expect(other).toMatchObject({mode: 'images', network: names.network, sides: {baseline: {imageBuilt: false}}, upstream: {container: names.upstream.container, imageBuilt: true}});
			// The baseline image has cat: read the config as the container sees it.
			const config = await runCli('docker', ['exec', names.containers.baseline, 'cat', configMount]);
			expect(config.stdout).toContain(`api_base: http://${names.upstream.container}:4000/v1`);
			const chatModel = config.stdout.split('  - model_name: ')[1]!;
			expect(chatModel).toMatch(/^gpt-4o-mini\n/);
			expect(chatModel).not.toContain('mock_response');
			const {byCheck} = await runProfile(store.get(images)!, {checks: ['performance.overhead']});
			expect(byCheck['performance.overhead.chat']).toMatchObject({verdict: 'parity', facts: {baseline: {samples: 40}, candidate: {samples: 40}}});
		} finally {
			const removed = await labDown({lab: images, store, home});
			expect(removed.containers.sort()).toEqual([names.containers.baseline, names.containers.candidate, names.upstream.container].sort());
			expect(removed.networks).toEqual([names.network]);
			expect(removed.images).toEqual([names.upstream.image]);
		}

		const kept = await runCli('docker', ['image', 'inspect', '--format', '{{.Id}}', state.sides.baseline.image, state.sides.candidate.image]);
		expect(kept.exitCode, kept.stderr).toBe(0);
	}, 240_000);

	it('lab down removes the containers, the network, the images it built and its profile — and only those', async () => {
		const names = labNames(lab);
		const removed = await labDown({lab, store, home});
		expect(removed.containers.sort()).toEqual([names.containers.baseline, names.containers.candidate, names.upstream.container, `litellm-parity-${lab}-leaky`].sort());
		expect(removed.networks).toEqual([names.network]);
		expect(removed.images.sort()).toEqual([state.sides.baseline.image, state.sides.candidate.image, names.upstream.image].sort());
		expect(removed.profile).toBe(lab);
		const left = await runCli('docker', ['ps', '-a', '--filter', `label=${labLabel}=${lab}`, '--format', '{{.Names}}']);
		expect(left.stdout.trim()).toBe('');
		const networks = await runCli('docker', ['network', 'ls', '--filter', `label=${labLabel}=${lab}`, '--format', '{{.Name}}']);
		expect(networks.stdout.trim()).toBe('');
		const images = await runCli('docker', ['images', '--filter', `label=${labLabel}=${lab}`, '--format', '{{.Repository}}']);
		expect(images.stdout.trim()).toBe('');
		expect(store.get(lab)).toBeUndefined();
	}, 120_000);
});
