// The container rows on a real Podman (npm run test:containers with podman on PATH; CI uses Debian's podman 4.3.1
// unpacked by scripts/podman-unpacked.sh): the lab's two images imported with `podman import`, run with published
// ports, and the security, known-differences, idle-resource, cold-start and logging rows read through `podman exec`,
// `inspect`, `logs`, `stats` (a JSON array) and `top` (host PIDs as hpid). With LITELLM_PARITY_PODMAN_SUITE=1 (set by
// the CI script when it set podman up) a missing podman fails the suite instead of skipping it.
import {writeFileSync} from 'node:fs';
import {existsSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runCli} from '../../source/containers/cli.js';
import {engineStatus} from '../../source/containers/engine.js';
import {waitUntilReady} from '../../source/containers/readiness.js';
import {ContainerRuntime} from '../../source/containers/runtime.js';
import {buildLabImage} from '../../source/testbed/lab/images.js';
import {labLabel} from '../../source/testbed/lab/names.js';
import {packageRoot} from '../../source/paths.js';
import {profileSchema, type Profile} from '../../source/targets/profile-schema.js';
import {expectCpuPercent} from '../helpers/container-figures.js';
import {closedPort, runProfile} from '../helpers/targets.js';
import {tempFolder} from '../helpers/temp-folder.js';

async function gate(): Promise<string | undefined> {
	if (process.env.LITELLM_PARITY_CONTAINER_SUITE !== '1') return 'the real-engine suite runs with `npm run test:containers`';
	if (!existsSync(path.join(packageRoot, 'dist', 'source', 'testbed', 'simulator', 'index.js'))) return 'the simulator is not built (npm run build)';
	const engine = await engineStatus('podman');
	return engine.ok ? undefined : engine.reason;
}

const skipReason = await gate();
const required = process.env.LITELLM_PARITY_PODMAN_SUITE === '1';

describe.runIf(required)('the podman part of the container suite has a podman', () => {
	it('finds a working podman (a skipped podman suite is not a pass here)', () => {
		expect(skipReason, `no podman: ${skipReason}`).toBeUndefined();
	});
});

const lab = `podman-${process.pid}`;
const key = 'sk-podman-lab-key-0123456789abcdef';
const images = {baseline: `litellm-parity-${lab}-baseline:latest`, candidate: `litellm-parity-${lab}-candidate:latest`};
const containers = {baseline: `litellm-parity-${lab}-baseline`, candidate: `litellm-parity-${lab}-candidate`};
let profile: Profile;

describe.skipIf(Boolean(skipReason))(`container rows on a real podman${skipReason ? ` — skipped: ${skipReason}` : ''}`, () => {
	beforeAll(async () => {
		const version = await engineStatus('podman');
		console.log(`[podman] ${JSON.stringify(version)}`);
		for (const side of ['baseline', 'candidate'] as const) await buildLabImage('podman', side, images[side], lab);
		const envFile = path.join(tempFolder('litellm-parity-podman-'), 'lab.env');
		writeFileSync(envFile, `LITELLM_MASTER_KEY=${key}\nADMIN_API_KEYS=${key}\n`, {mode: 0o600});
		const urls: Record<string, string> = {};
		for (const side of ['baseline', 'candidate'] as const) {
			const port = await closedPort();
			const run = await runCli('podman', ['run', '-d', '--name', containers[side], '--label', `${labLabel}=${lab}`, '-p', `127.0.0.1:${port}:4000`, '--env-file', envFile, images[side]], {timeoutMs: 60_000});
			expect(run.exitCode, run.stderr).toBe(0);
			urls[side] = `http://127.0.0.1:${port}`;
			expect((await waitUntilReady(`${urls[side]}/health/readiness`, {limitMs: 60_000})).ready).toBe(true);
		}

		profile = profileSchema.parse({
			name: lab,
			baseline: {url: urls.baseline, key, container: {name: containers.baseline, runtime: 'podman'}},
			candidate: {url: urls.candidate, key, adminKey: key, container: {name: containers.candidate, runtime: 'podman'}},
			options: {timeoutMs: 30_000},
		});
	}, 240_000);

	afterAll(async () => {
		for (const side of ['baseline', 'candidate'] as const) await runCli('podman', ['rm', '-f', containers[side]], {timeoutMs: 60_000});
		await runCli('podman', ['rmi', images.baseline, images.candidate], {timeoutMs: 60_000});
	}, 120_000);

	it('security and known differences read the same through podman as through docker (no shell: exit 127)', async () => {
		const {byCheck} = await runProfile(profile, {categories: ['security', 'known-differences']});
		expect(byCheck['security.non-root.whoami']).toMatchObject({verdict: 'expected', facts: {candidate: {user: 'litellm', uid: 1000}}});
		expect(byCheck['security.no-shell.sh']).toMatchObject({verdict: 'bonus', facts: {baseline: {shell: true}, candidate: {shell: false, shExit: 127}}});
		expect(byCheck['security.secret-handling.logs']).toMatchObject({verdict: 'parity', facts: {candidate: {leaks: 0, unanswered: 0}}});
		expect(Number(byCheck['security.secret-handling.logs']!.facts?.candidate?.linesScanned)).toBeGreaterThan(0);
		for (const check of ['known-differences.base-image.os-release', 'known-differences.init-system.pid1', 'known-differences.user.config', 'known-differences.package-manager.present']) {
			expect(byCheck[check]!.verdict, `${check}: ${byCheck[check]!.reason}`).toBe('expected');
		}

		expect([byCheck['known-differences.init-system.pid1']!.facts?.baseline?.init, byCheck['known-differences.init-system.pid1']!.facts?.candidate?.init]).toEqual(['supervisord', 'tini']);
	}, 120_000);

	it('idle memory and CPU from podman stats (a JSON array), cold start of a disposable podman copy', async () => {
		const {byCheck} = await runProfile(profile, {checks: ['performance.memory-idle', 'performance.cpu-idle', 'performance.cold-start']});
		for (const side of ['baseline', 'candidate'] as const) {
			const memory = byCheck['performance.memory-idle.stats']!.facts?.[side]?.memoryMiB as number;
			console.log(`[podman] ${side}: ${memory} MiB, ${byCheck['performance.cpu-idle.stats']!.facts?.[side]?.cpuPercent} % CPU, ${byCheck['performance.cold-start.run']!.facts?.[side]?.summary}`);
			expect(memory).toBeGreaterThan(1);
			expect(memory).toBeLessThan(1024);
			// Parsed from podman's JSON, not judged here: the figure depends on how busy the machine is (the row judges it).
			expectCpuPercent(byCheck['performance.cpu-idle.stats']!.facts?.[side]?.cpuPercent);
			expect(byCheck['performance.cold-start.run']!.facts?.[side]).toMatchObject({ready: true, ignoredSigterm: false});
		}

		expect(byCheck['performance.memory-idle.stats']!.verdict).toBe('parity');
		expect(byCheck['performance.cold-start.run']!.verdict, byCheck['performance.cold-start.run']!.reason).toBe('parity');
		const copies = await runCli('podman', ['ps', '-a', '--filter', 'label=io.litellm-parity.disposable', '--format', '{{.Names}}']);
		expect(copies.stdout.trim()).toBe('');
	}, 180_000);

	it('a paused podman container is an error with that cause and stays paused; a timed-out podman exec is killed inside', async () => {
		expect((await runCli('podman', ['pause', containers.candidate])).exitCode).toBe(0);
		try {
			const paused = await runProfile(profile, {checks: ['security.non-root', 'performance.memory-idle']});
			expect(paused.byCheck['security.non-root.whoami']!.candidate.error).toMatch(/is paused/);
			expect(paused.byCheck['performance.memory-idle.stats']!.candidate.error).toMatch(/is paused/);
			expect((await runCli('podman', ['inspect', '--format', '{{.State.Status}}', containers.candidate])).stdout.trim()).toBe('paused');
		} finally {
			await runCli('podman', ['unpause', containers.candidate]);
		}

		const runtime = new ContainerRuntime({name: containers.baseline, runtime: 'podman'}, {timeoutMs: 2_000});
		await expect(runtime.exec(['sh', '-c', "node -e 'setInterval(() => {}, 1000) /* podman-exec-timeout */'"])).rejects.toThrow(/did not finish .* \([1-9] process\(es\) killed inside the container\)/);
		expect((await runCli('podman', ['top', containers.baseline, 'hpid', 'args'])).stdout).not.toContain('podman-exec-timeout');
	}, 120_000);
});
