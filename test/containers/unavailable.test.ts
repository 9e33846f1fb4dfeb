// No container configured: each container row is skipped with that reason. A container the profile names but no CLI
// or no engine to reach it: an error with that exact cause, never a skip or a pass. These need no engine: they run
// everywhere, with the real docker CLI where there is one.

import os from 'node:os';
import path from 'node:path';
import {PassThrough} from 'node:stream';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {labCommand} from '../../source/commands/lab.js';
import {runCli} from '../../source/containers/cli.js';
import type {Profile} from '../../source/targets/profile-schema.js';
import {runProfile, simulatorPair, urlProfile} from '../helpers/targets.js';
import {tempFolder} from '../helpers/temp-folder.js';

const containerChecks = ['security.non-root.whoami', 'security.no-shell.sh', 'security.secret-handling.logs', 'known-differences.init-system.pid1', 'performance.cold-start.run', 'performance.memory-idle.stats'];

let pair: Awaited<ReturnType<typeof simulatorPair>>;
beforeAll(async () => {
	pair = await simulatorPair();
});
afterAll(async () => {
	await pair.close();
});

function withContainers(runtime: 'docker' | 'podman'): Profile {
	return urlProfile(pair.baseline.url, pair.candidate.url, {
		baseline: {url: pair.baseline.url, key: 'sk-test-master-key-1234', container: {name: 'litellm-parity-test-baseline', runtime}},
		candidate: {url: pair.candidate.url, key: 'sk-test-master-key-1234', container: {name: 'litellm-parity-test-candidate', runtime}},
	});
}

async function withEnv<T>(changes: Record<string, string>, work: () => Promise<T>): Promise<T> {
	const saved = Object.fromEntries(Object.keys(changes).map(name => [name, process.env[name]]));
	Object.assign(process.env, changes);
	try {
		return await work();
	} finally {
		for (const [name, value] of Object.entries(saved)) {
			if (value === undefined) delete process.env[name];
			else process.env[name] = value;
		}
	}
}

describe('container rows without a usable runtime', () => {
	it('skips with "no container configured" when the profile names none', async () => {
		const {byCheck} = await runProfile(urlProfile(pair.baseline.url, pair.candidate.url), {checks: containerChecks});
		for (const check of containerChecks) {
			expect(byCheck[check]!.verdict).toBe('skipped');
			expect(byCheck[check]!.reason).toContain('no container configured for baseline');
		}
	});

	it('is an error "<runtime>: command not found" on both sides when the CLI is not installed', async () => {
		for (const runtime of ['docker', 'podman'] as const) {
			const {byCheck} = await withEnv({PATH: '/nonexistent-litellm-parity'}, () => runProfile(withContainers(runtime), {checks: containerChecks}));
			for (const check of containerChecks) {
				expect(byCheck[check]!.verdict, check).toBe('error');
				expect(byCheck[check]!.baseline.error, check).toBe(`${runtime}: command not found`);
				expect(byCheck[check]!.candidate.error, check).toBe(`${runtime}: command not found`);
			}
		}
	});

	it('is an error "the engine is down" when no engine answers at the socket', async context => {
		const cli = await runCli('docker', ['--version'], {timeoutMs: 10_000});
		if (cli.exitCode !== 0) context.skip('the docker CLI is not installed here');
		const {byCheck} = await withEnv({DOCKER_HOST: 'unix:///tmp/litellm-parity-no-daemon.sock'}, () => runProfile(withContainers('docker'), {checks: containerChecks}));
		for (const check of containerChecks) {
			expect(byCheck[check]!.verdict, check).toBe('error');
			for (const side of ['baseline', 'candidate'] as const) {
				expect(byCheck[check]![side].error).toMatch(/^cannot connect to the Docker daemon: the engine is down \(Cannot connect to the Docker daemon at unix:\/\/\/tmp\/litellm-parity-no-daemon\.sock/);
			}
		}
	});
});

describe('lab without an engine', () => {
	it('refuses lab up and lab down with the reason, and prints its help when no action is given', async () => {
		const home = tempFolder('litellm-parity-lab-');
		const out = new PassThrough();
		await withEnv({PATH: '/nonexistent-litellm-parity', LITELLM_PARITY_HOME: home}, async () => {
			await expect(labCommand('up', {}, out)).rejects.toThrow('lab up needs a container engine: docker: command not found');
			await expect(labCommand('down', {runtime: 'podman'}, out)).rejects.toThrow('lab down needs the container engine: podman: command not found');
			await expect(labCommand('up', {runtime: 'lxc'}, out)).rejects.toThrow("unknown runtime 'lxc'");
		});
		const help = new PassThrough();
		expect(await labCommand(undefined, {}, help)).toBe(2);
		expect(String(help.read())).toContain('imitate the layout of the real images');
	});
});
