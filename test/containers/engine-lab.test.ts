// The real-engine suite (npm run test:containers): builds the lab's images (two sides and the mock upstream), runs
// them on a lab network, and runs the container rows against them through real `docker exec`, `inspect`, `logs`,
// `stats`, `stop`/`start`, and the overhead row through both proxies to the upstream container. Where no engine can
// run, the whole suite is reported skipped with the reason, never passed.
import {existsSync, readFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {labCommand} from '../../source/commands/lab.js';
import {runCli} from '../../source/containers/cli.js';
import {engineStatus} from '../../source/containers/engine.js';
import {ContainerRuntime} from '../../source/containers/runtime.js';
import {waitUntilReady} from '../../source/containers/readiness.js';
import type {Observation, RunEvent} from '../../source/domain.js';
import {labDown} from '../../source/testbed/lab/down.js';
import {configMount, labMockResponse} from '../../source/testbed/lab/litellm-config.js';
import {labLabel, labNames} from '../../source/testbed/lab/names.js';
import type {LabState} from '../../source/testbed/lab/state.js';
import {labUp} from '../../source/testbed/lab/up.js';
import {networkAddress, upstreamCalls} from '../../source/testbed/lab/upstream-calls.js';
import {packageRoot} from '../../source/paths.js';
import {recordFromEvents, renderJson} from '../../source/report/json.js';
import {profileSchema, type Profile} from '../../source/targets/profile-schema.js';
import {ProfileStore} from '../../source/targets/profiles.js';
import {expectCpuPercent} from '../helpers/container-figures.js';
import {closedPort, runProfile} from '../helpers/targets.js';
import {tempFolder} from '../helpers/temp-folder.js';

async function gate(): Promise<string | undefined> {
	if (process.env.LITELLM_PARITY_CONTAINER_SUITE !== '1') return 'the real-engine suite runs with `npm run test:containers`';
	if (!existsSync(path.join(packageRoot, 'dist', 'source', 'testbed', 'simulator', 'index.js'))) return 'the simulator is not built (npm run build)';
	const engine = await engineStatus('docker');
	return engine.ok ? undefined : engine.reason;
}

const skipReason = await gate();
if (skipReason) console.warn(`container suite SKIPPED: ${skipReason}`);
const askedFor = process.env.LITELLM_PARITY_CONTAINER_SUITE === '1';

// Asked for by name (npm run test:containers, CI), the suite must not pass by skipping: no engine is a failure.
describe.runIf(askedFor)('the container suite has an engine to run on', () => {
	it('finds a working container engine (a skipped container suite is not a pass)', () => {
		expect(skipReason, `no container engine: ${skipReason}`).toBeUndefined();
	});
});

const lab = `test-${process.pid}`;
const home = tempFolder('litellm-parity-lab-home-');
const store = new ProfileStore({cwd: home});
let state: LabState;
let profile: Profile;

async function withHome<T>(work: () => Promise<T>): Promise<T> {
	const saved = process.env.LITELLM_PARITY_HOME;
	process.env.LITELLM_PARITY_HOME = home;
	try {
		return await work();
	} finally {
		if (saved === undefined) delete process.env.LITELLM_PARITY_HOME;
		else process.env.LITELLM_PARITY_HOME = saved;
	}
}

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
		expect(state.sides.candidate.coldStartSeconds).toBeGreaterThan(0);
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
			expect(Number.isFinite(facts?.med)).toBe(true);
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
		expect(logs.facts?.candidate).toMatchObject({leaks: 0, unanswered: 0, requestsSent: 4, window: 'the whole log the engine keeps for the container'});
		expect(Number(logs.facts?.candidate?.linesScanned)).toBeGreaterThan(0);
		// The scan covered the container's log from its start: its first line is no later than the scan's requests.
		expect(String(logs.facts?.candidate?.firstLineAt) <= String(logs.facts?.candidate?.lastLineAt)).toBe(true);
		expect(String(logs.facts?.candidate?.firstLineAt) < new Date(Date.now() - 1000).toISOString()).toBe(true);
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

	it('performance: cold start of a disposable copy (the lab containers untouched), idle memory (< 1 GB) and CPU (a parsed percentage)', async () => {
		const names = labNames(lab);
		const startedAt = async () => (await runCli('docker', ['inspect', '--format', '{{.State.StartedAt}} {{.Id}}', names.containers.baseline, names.containers.candidate])).stdout;
		const before = await startedAt();
		const {byCheck} = await runProfile(profile, {checks: ['performance.cold-start', 'performance.memory-idle', 'performance.cpu-idle']});
		const cold = byCheck['performance.cold-start.run']!;
		expect(cold.verdict, cold.reason).toBe('parity');
		for (const side of ['baseline', 'candidate'] as const) {
			console.log(`[cold start] ${side}: ${cold.facts?.[side]?.summary}`);
			expect(cold.facts?.[side]?.coldStartSeconds).toBeGreaterThan(0);
			expect(cold.facts?.[side]).toMatchObject({ready: true, ignoredSigterm: false, stopExitCode: 0});
			expect(String(cold.facts?.[side]?.measuredOn)).toMatch(new RegExp(`^disposable copy litellm-parity-${lab}-${side}-parity-coldstart-[0-9a-f]{6} of litellm-parity-${lab}-${side} \\(removed after\\)$`));
			expect(byCheck['performance.memory-idle.stats']!.facts?.[side]?.memoryMiB).toBeLessThan(1024);
			expectCpuPercent(byCheck['performance.cpu-idle.stats']!.facts?.[side]?.cpuPercent);
		}

		// The lab's own containers were neither stopped nor restarted, and no copy is left behind.
		expect(await startedAt()).toBe(before);
		const copies = await runCli('docker', ['ps', '-a', '--filter', 'label=io.litellm-parity.disposable', '--format', '{{.Names}}']);
		expect(copies.stdout.trim()).toBe('');
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

	it('a side whose container does not exist is an error with that cause, not a skip', async () => {
		const missing = profileSchema.parse({...profile, candidate: {...profile.candidate, container: {name: 'litellm-parity-no-such-container', runtime: 'docker'}}});
		const {byCheck} = await runProfile(missing, {checks: ['security.non-root', 'known-differences.user']});
		for (const check of ['security.non-root.whoami', 'known-differences.user.config']) {
			expect(byCheck[check]!.candidate.error).toBe('container litellm-parity-no-such-container does not exist (docker)');
			expect(byCheck[check]!.verdict).not.toMatch(/^(parity|expected|skipped|bonus)$/);
		}
	}, 60_000);

	it('finds keys a leaky container logs, reports them masked, and a stopped container is an error', async () => {
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
		expect(stopped.byCheck['security.non-root.whoami']!.verdict).toBe('error');
		expect(stopped.byCheck['security.non-root.whoami']!.baseline.error).toMatch(new RegExp(`^container ${name} \\(docker\\) is stopped \\(exited with exit code \\d+ at `));
	}, 120_000);

	describe('each change to the candidate flips the right rows to a finding and touches nothing else', () => {
		const rowsOfInterest = {categories: ['security', 'known-differences']};
		const findings = /^(gap|drift|both-fail|error)$/;
		let healthy: Record<string, string>;
		let scenario = 0;

		beforeAll(async () => {
			const {byCheck} = await runProfile(profile, rowsOfInterest);
			healthy = Object.fromEntries(Object.entries(byCheck).map(([check, result]) => [check, result.verdict]));
		}, 120_000);

		/** A candidate of our own, from the lab's candidate image with a change, on a free port; removed after. */
		async function withCandidate(runArgs: string[], imageAndCommand: string[], work: (name: string, changed: Profile) => Promise<void>): Promise<void> {
			const name = `litellm-parity-${lab}-scenario-${++scenario}`;
			const port = await closedPort();
			const envFile = path.join(home, `lab-${lab}`, 'lab.env');
			const run = await runCli('docker', ['run', '-d', '--name', name, '--label', `${labLabel}=${lab}`, '-p', `127.0.0.1:${port}:4000`, '--env-file', envFile, ...runArgs, ...imageAndCommand], {timeoutMs: 60_000});
			expect(run.exitCode, run.stderr).toBe(0);
			try {
				const url = `http://127.0.0.1:${port}`;
				expect((await waitUntilReady(`${url}/health/readiness`, {limitMs: 30_000})).ready).toBe(true);
				await work(name, profileSchema.parse({...profile, candidate: {...profile.candidate, url, container: {name, runtime: 'docker'}}}));
			} finally {
				await runCli('docker', ['rm', '-f', name], {timeoutMs: 30_000});
			}
		}

		/** The checks whose verdict moved from the healthy lab's, each of which must now be a finding. */
		async function flipped(changed: Profile): Promise<{moved: string[]; byCheck: Awaited<ReturnType<typeof runProfile>>['byCheck']}> {
			const {byCheck} = await runProfile(changed, rowsOfInterest);
			const moved = Object.keys(byCheck).filter(check => byCheck[check]!.verdict !== healthy[check]).sort();
			for (const check of moved) expect(byCheck[check]!.verdict, `${check}: ${byCheck[check]!.reason}`).toMatch(findings);
			return {moved, byCheck};
		}

		const image = () => state.sides.candidate.image;
		const serve = ['/usr/bin/tini', '--', '/usr/bin/node', '/app/server.js', '--port', '4000'];

		it('the healthy lab reads as the plan says (the reference for the scenarios)', () => {
			expect(healthy).toMatchObject({
				'security.non-root.whoami': 'expected',
				'security.no-shell.sh': 'bonus',
				'security.secret-handling.logs': 'parity',
				'known-differences.init-system.pid1': 'expected',
				'known-differences.user.config': 'expected',
			});
		});

		/**
		 * The known-differences rows pin the candidate's side (tini, litellm): a candidate that loses it fails that side.
		 * Whether the row's verdict then shows it depends on the expected-difference entries stating each side's value
		 * (issue #12); until then such a row may still read `expected`, so the side's failure is what is asserted here.
		 */
		function expectCandidateFails(byCheck: Awaited<ReturnType<typeof runProfile>>['byCheck'], check: string, pinned: RegExp): void {
			expect(byCheck[check]!.candidate.ok, check).toBe(false);
			expect(byCheck[check]!.candidate.failures.map(failure => failure.description).join('; ')).toMatch(pinned);
		}

		it('candidate run as UID 0: the two user rows', async () => {
			await withCandidate(['--user', '0'], [image()], async (_name, changed) => {
				const {moved, byCheck} = await flipped(changed);
				expect(moved).toContain('security.non-root.whoami');
				for (const check of moved) expect(['security.non-root.whoami', 'known-differences.user.config']).toContain(check);
				expect(byCheck['security.non-root.whoami']!.facts?.candidate).toMatchObject({user: 'root', uid: 0});
				expectCandidateFails(byCheck, 'known-differences.user.config', /image user litellm \(UID 1000\)/);
			});
		}, 120_000);

		it('candidate without its init: the init row', async () => {
			await withCandidate(['--entrypoint', '/usr/bin/node'], [image(), '/app/server.js', '--port', '4000'], async (_name, changed) => {
				const {moved, byCheck} = await flipped(changed);
				for (const check of moved) expect(check).toBe('known-differences.init-system.pid1');
				expect(byCheck['known-differences.init-system.pid1']!.facts?.candidate?.init).toBe('server.js');
				expectCandidateFails(byCheck, 'known-differences.init-system.pid1', /tini is PID 1/);
			});
		}, 120_000);

		it('a key written to the candidate\'s output before the run: the secret row, masked', async () => {
			const boot = "console.log('boot: LITELLM_MASTER_KEY=' + process.env.LITELLM_MASTER_KEY); import('/app/server.js')";
			await withCandidate(['--entrypoint', '/usr/bin/tini'], [image(), '--', '/usr/bin/node', '-e', boot], async (_name, changed) => {
				const {moved, byCheck} = await flipped(changed);
				expect(moved).toEqual(['security.secret-handling.logs']);
				const facts = byCheck['security.secret-handling.logs']!.facts?.candidate;
				expect(Number(facts?.leaks)).toBeGreaterThan(0);
				expect(facts?.findings).toEqual(expect.arrayContaining([expect.objectContaining({what: 'profile key', stream: 'stdout', line: 1})]));
				expect(JSON.stringify(byCheck)).not.toContain(profile.candidate.key!);
			});
		}, 120_000);

		it('a shell added to the candidate: the no-shell row', async () => {
			await withCandidate([], [image()], async (name, changed) => {
				const dash = (await runCli('readlink', ['-f', '/bin/sh'])).stdout.trim();
				expect((await runCli('docker', ['cp', dash, `${name}:/usr/bin/sh`])).exitCode).toBe(0);
				const {moved, byCheck} = await flipped(changed);
				expect(moved).toEqual(['security.no-shell.sh']);
				expect(byCheck['security.no-shell.sh']!.facts?.candidate).toMatchObject({shell: true});
			});
		}, 120_000);

		const containerRows = ['security.non-root.whoami', 'security.no-shell.sh', 'security.secret-handling.logs', 'security.supply-chain.litellm', 'known-differences.base-image.os-release', 'known-differences.init-system.pid1', 'known-differences.user.config', 'known-differences.package-manager.present'];

		for (const [change, command, cause, stateAfter] of [
			['stopped', ['stop', '-t', '2'], /is stopped \(exited with exit code \d+ at /, 'exited'],
			['paused', ['pause'], /is paused/, 'paused'],
			['removed', ['rm', '-f'], /does not exist/, undefined],
		] as const) {
			it(`candidate ${change}: every container row is an error with that cause, and the tool leaves it ${change}`, async () => {
				await withCandidate([], [image()], async (name, changed) => {
					expect((await runCli('docker', [...command, name], {timeoutMs: 30_000})).exitCode).toBe(0);
					const {moved, byCheck} = await flipped(changed);
					expect(moved.sort()).toEqual([...containerRows].sort());
					for (const check of containerRows) expect(byCheck[check]!.candidate.error, check).toMatch(cause);
					// Not unpaused, not restarted, not recreated by the tool, and the cold-start row does not change that either.
					const cold = await runProfile(changed, {checks: ['performance.cold-start']});
					expect(cold.byCheck['performance.cold-start.run']!.candidate.error).toMatch(cause);
					const status = await runCli('docker', ['inspect', '--format', '{{.State.Status}}', name]);
					if (stateAfter) expect(status.stdout.trim()).toBe(stateAfter);
					else expect(status.exitCode).not.toBe(0);
					if (change === 'paused') await runCli('docker', ['unpause', name]);
				});
			}, 120_000);
		}

		it('the engine frozen (SIGSTOP of dockerd): an error that says the engine hangs, not that it is down', async context => {
			const pidFile = '/var/run/docker.pid';
			if (!existsSync(pidFile)) context.skip('no /var/run/docker.pid to freeze');
			const pid = Number(readFileSync(pidFile, 'utf8').trim());
			const checks = ['security.non-root', 'known-differences.user'];
			process.kill(pid, 'SIGSTOP');
			let result: Awaited<ReturnType<typeof runProfile>>;
			try {
				result = await runProfile(profileSchema.parse({...profile, options: {...profile.options, timeoutMs: 20_000}}), {checks});
			} finally {
				process.kill(pid, 'SIGCONT');
			}

			for (const check of ['security.non-root.whoami', 'known-differences.user.config']) {
				expect(result.byCheck[check]!.verdict).toBe('error');
				for (const side of ['baseline', 'candidate'] as const) {
					expect(result.byCheck[check]![side].error).toMatch(/^the Docker daemon did not answer 'docker inspect' within [\d.]+ s: the engine is hung/);
				}
			}

			// Thawed, the same rows read as before.
			const again = await runProfile(profile, {checks});
			expect(again.byCheck['security.non-root.whoami']!.verdict).toBe(healthy['security.non-root.whoami']);
		}, 120_000);
	});

	it('a timed-out docker exec is killed inside the container too, with its children', async () => {
		const runtime = new ContainerRuntime({name: state.sides.baseline.container!, runtime: 'docker'}, {timeoutMs: 2_000});
		const sleeper = 'setInterval(() => {}, 1000) /* parity-exec-timeout */';
		await expect(runtime.exec(['sh', '-c', `node -e '${sleeper}' & node -e '${sleeper}'`])).rejects.toThrow(/^'sh -c .*' did not finish inside .* within [\d.]+ s \([2-9] process\(es\) killed inside the container\)$/);
		expect(runtime.execs[0]).toMatchObject({timedOut: true});
		const top = await runCli('docker', ['top', state.sides.baseline.container!, '-o', 'pid,args']);
		expect(top.stdout).not.toContain('parity-exec-timeout');
		// The container itself still runs.
		expect((await runtime.requireRunning()).running).toBe(true);
	}, 60_000);

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

	it('lab status shows the live state of each container (running and answering, paused), not the saved one', async () => {
		const names = labNames(lab);
		const status = async () => {
			const out = new PassThrough();
			await withHome(() => labCommand('status', {name: lab}, out));
			return String(out.read());
		};

		const running = await status();
		for (const side of ['baseline', 'candidate'] as const) expect(running).toMatch(new RegExp(`${side} +http://127\\.0\\.0\\.1:\\d+  container ${names.containers[side]}: running since \\S+, answers HTTP 200`));
		expect((await runCli('docker', ['pause', names.containers.candidate])).exitCode).toBe(0);
		try {
			expect(await status()).toMatch(new RegExp(`container ${names.containers.candidate}: is paused`));
		} finally {
			await runCli('docker', ['unpause', names.containers.candidate]);
		}
	}, 60_000);

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
