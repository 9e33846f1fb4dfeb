// Plain `litellm-parity` as a user runs it, from the built binary: without a terminal it is a headless run that
// honours every flag `run` takes; in a terminal (a pseudo-terminal from util-linux `script`) the explorer refuses
// run-only flags with a message instead of ignoring them.
import {spawnSync} from 'node:child_process';
import {mkdtemp, readFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {execa} from 'execa';
import {describe, expect, it} from 'vitest';

const cli = path.resolve('dist/source/cli.js');
const hasScript = spawnSync('script', ['--version']).status === 0;

describe('plain litellm-parity without a terminal', () => {
	it('takes --check, --category, --format, --out, --fail-on, --concurrency and --no-history like run', async () => {
		const home = await mkdtemp(path.join(tmpdir(), 'parity-plain-'));
		const out = path.join(home, 'report.json');
		const args = ['--profile', 'demo', '--category', 'health', '--check', 'api.audio-speech', '--format', 'json', '--out', out, '--fail-on', 'error', '--concurrency', '2', '--no-history'];
		const result = await execa('node', [cli, ...args], {reject: false, stdin: 'ignore', env: {LITELLM_PARITY_HOME: home}});
		expect(result.stderr).toContain('no terminal attached; running headless');
		const report = JSON.parse(await readFile(out, 'utf8')) as {results: Array<{check: string; row: string; category: string; verdict: string}>};
		// Only the health category and the one check asked for: the selection flags were honoured.
		expect(new Set(report.results.map(entry => entry.category))).toEqual(new Set(['health', 'api']));
		expect(new Set(report.results.filter(entry => entry.category === 'api').map(entry => entry.row))).toEqual(new Set(['api.audio-speech']));
		// --fail-on error: the demo's speech gap does not fail the run; nothing was kept in the history.
		expect(report.results.some(entry => entry.verdict === 'gap')).toBe(true);
		expect(result.exitCode).toBe(report.results.some(entry => entry.verdict === 'error') ? 1 : 0);
		expect(result.stdout).toBe('');
		await expect(readFile(path.join(home, 'history'), 'utf8')).rejects.toThrow();
	});

	it('refuses a bad value of a run flag with exit 2, as run does', async () => {
		const home = await mkdtemp(path.join(tmpdir(), 'parity-plain-'));
		const result = await execa('node', [cli, '--profile', 'demo', '--fail-on', 'sometimes'], {reject: false, stdin: 'ignore', env: {LITELLM_PARITY_HOME: home}});
		expect(result.exitCode).toBe(2);
		expect(result.stderr).toContain("--fail-on: unknown verdict 'sometimes'");
	});
});

describe.skipIf(!hasScript)('the explorer in a terminal', () => {
	it('refuses run-only flags with a message naming them and the run command, exit 2', async () => {
		const home = await mkdtemp(path.join(tmpdir(), 'parity-plain-'));
		const result = await execa('script', ['-qfec', `node ${JSON.stringify(cli)} --format json --category health`, '/dev/null'], {reject: false, stdin: 'ignore', env: {LITELLM_PARITY_HOME: home, TERM: 'xterm-256color'}});
		expect(result.exitCode).toBe(2);
		expect(result.stdout).toContain('--category, --format are for headless runs: use `litellm-parity run --category …`');
		// It never drew the explorer.
		expect(result.stdout).not.toContain('Matrix');
	});
});
