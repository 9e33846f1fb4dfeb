// The demo's throughput row finds the candidate's planted difference whatever the machine's load: the built binary
// runs the demo's throughput check. The candidate's chat calls take their 80 ms in turn (chat-one-at-a-time), so its
// rate has a ceiling of 12.5 req/s that load can only lower; the baseline has no such ceiling.
import {mkdtemp} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {execa} from 'execa';
import {describe, expect, it} from 'vitest';

const cli = path.resolve('dist/source/cli.js');

type Side = {rate?: number; requests?: number; errors?: number};
type Result = {check: string; verdict: string; reason?: string; facts?: {baseline?: Side; candidate?: Side}};

describe('the demo throughput row', () => {
	it('is drift: the candidate stays under its 12.5 req/s ceiling, far below the baseline', async () => {
		const home = await mkdtemp(path.join(tmpdir(), 'parity-demo-throughput-'));
		const result = await execa('node', [cli, 'run', '--profile', 'demo', '--check', 'performance.throughput', '--format', 'json', '--no-history'], {reject: false, stdin: 'ignore', env: {LITELLM_PARITY_HOME: home}, timeout: 120_000});
		const {results} = JSON.parse(result.stdout) as {results: Result[]};
		const throughput = results.find(entry => entry.check === 'performance.throughput.chat')!;
		const {baseline, candidate} = throughput.facts!;
		expect(candidate!.errors).toBe(0);
		expect(candidate!.rate).toBeLessThanOrEqual(12.5);
		expect(baseline!.rate).toBeGreaterThan(2 * candidate!.rate!);
		expect(throughput.verdict).toBe('drift');
		expect(result.exitCode).toBe(1);
	}, 150_000);
});
