// Starts the real pair once for the whole real-proxy suite (and stops exactly it afterwards). A pair that cannot
// start fails the suite: a suite that could not start its dependency has not passed.
import {execFileSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import type {TestProject} from 'vitest/node';
import {startRealPair, stopRealPair, type PairState} from '../../source/testbed/real-pair/pair.js';

declare module 'vitest' {
	export interface ProvidedContext {
		realPair: PairState;
	}
}

function has(command: string): boolean {
	try {
		execFileSync('sh', ['-c', `command -v ${command}`], {stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
}

/** redis-server from Debian's packages when it is missing and we may install it (root with apt-get). */
function ensureRedis(): void {
	if (has('redis-server')) return;
	if (process.getuid?.() !== 0 || !has('apt-get')) return; // startRealPair then says what to install
	console.log('[real] redis-server is missing: apt-get install -y redis-server');
	const install = () => execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'redis-server'], {stdio: 'inherit', env: {...process.env, DEBIAN_FRONTEND: 'noninteractive'}});
	try {
		install();
	} catch {
		execFileSync('apt-get', ['update'], {stdio: 'inherit'});
		install();
	}
}

export default async function setup(project: TestProject) {
	ensureRedis();
	const dir = mkdtempSync(path.join(tmpdir(), 'litellm-parity-real-'));
	const state = await startRealPair({dir, log: line => console.log(`[real] ${line}`)});
	console.log(`[real] pair start-up: ${state.startupSeconds} s (baseline ready after ${state.baseline.readySeconds} s, candidate ${state.candidate.readySeconds} s)`);
	project.provide('realPair', state);
	const suiteStart = Date.now();
	return async () => {
		console.log(`[real] suite wall time (after start-up): ${Math.round((Date.now() - suiteStart) / 100) / 10} s; pair start-up ${state.startupSeconds} s`);
		const stopped = await stopRealPair(dir, {quiet: true});
		console.log(`[real] stopped ${stopped.join(', ') || 'nothing (already stopped)'}`);
		rmSync(dir, {recursive: true, force: true});
	};
}
