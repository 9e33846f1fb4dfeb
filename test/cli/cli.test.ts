// The command line as a user runs it: the built binary, real processes, real exit codes.
import {mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {execa} from 'execa';
import {describe, expect, it} from 'vitest';
import {closedPort, silentServer} from '../helpers/targets.js';

const cli = path.resolve('dist/source/cli.js');

async function run(args: string[], env: Record<string, string> = {}) {
	const home = await mkdtemp(path.join(tmpdir(), 'parity-home-'));
	return execa('node', [cli, ...args], {reject: false, env: {LITELLM_PARITY_HOME: home, ...env}, timeout: 60_000});
}

async function tempFile(name: string, text: string): Promise<string> {
	const directory = await mkdtemp(path.join(tmpdir(), 'parity-cli-'));
	const file = path.join(directory, name);
	await writeFile(file, text);
	return file;
}

const oneLine = (text: string) => text.trim().split('\n');

describe('litellm-parity list', () => {
	it('lists the 52 rows (the plan\'s 50, the supply-chain row and the route-surface row) in 12 categories as JSON', async () => {
		const result = await run(['list', '--format', 'json']);
		expect(result.exitCode).toBe(0);
		const json = JSON.parse(result.stdout) as {categoryCount: number; rowCount: number; categories: Array<{rows: unknown[]}>};
		expect(json.categoryCount).toBe(12);
		expect(json.rowCount).toBe(52);
		expect(json.categories.reduce((total, category) => total + category.rows.length, 0)).toBe(52);
	});
});

describe('litellm-parity run --profile demo', () => {
	it('exits 1 on the demo gaps and reports real exchanges in the JSON shape of DESIGN.md', async () => {
		const result = await run(['run', '--profile', 'demo', '--format', 'json', '--category', 'health', '--category', 'api']);
		expect(result.exitCode).toBe(1);
		const report = JSON.parse(result.stdout) as {
			schemaVersion: number;
			profile: string;
			targets: {baseline: {url: string}; candidate: {url: string}};
			results: Array<{category: string; row: string; check: string; verdict: string; baseline: {ok: boolean; status?: number; latencyMs?: number}; candidate: {status?: number}; differences: unknown[]}>;
			summary: Record<string, number>;
		};
		expect(report.schemaVersion).toBe(1);
		expect(report.profile).toBe('demo');
		expect(report.targets.baseline.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		const byRow = (row: string) => report.results.filter(entry => entry.row === row);
		for (const row of ['health.health', 'health.liveliness', 'health.readiness', 'api.models', 'api.chat-completions']) {
			expect(byRow(row).length).toBeGreaterThan(0);
			for (const entry of byRow(row)) {
				expect(entry.baseline.status).toBeGreaterThanOrEqual(200);
				expect(entry.baseline.latencyMs).toBeGreaterThan(0);
			}
		}

		expect(report.results.find(entry => entry.check === 'health.liveliness.public')!.verdict).toBe('parity');
		expect(report.summary.gap).toBeGreaterThan(0);
		expect(report.results.length).toBe(Object.values(report.summary).reduce((a, b) => a + b, 0));
		expect(result.stdout).not.toContain('sk-demo-master-key-0000');
	}, 90_000);
});

describe('bad input: one line naming what and where, exit 2, no stack', () => {
	it('malformed YAML in a check file', async () => {
		const file = await tempFile('broken.yaml', 'schemaVersion: 1\ncategory: {id: x, title: X, section: core\nrows: []\n');
		const result = await run(['list', '--checks', path.dirname(file)]);
		expect(result.exitCode).toBe(2);
		expect(oneLine(result.stderr)).toHaveLength(1);
		expect(result.stderr).toMatch(/broken\.yaml:\d+(:\d+)?: malformed YAML/);
		expect(result.stderr).not.toMatch(/\n\s+at /);
	});

	it('an unknown probe kind', async () => {
		const file = await tempFile('alpha.yaml', 'schemaVersion: 1\ncategory: {id: alpha, title: Alpha, section: core}\nrows:\n  - id: alpha.row\n    feature: /x\n    checks:\n      - {id: alpha.check, probe: telepathy, request: {path: /x}}\n');
		const result = await run(['list', '--checks', path.dirname(file)]);
		expect(result.exitCode).toBe(2);
		expect(oneLine(result.stderr)).toHaveLength(1);
		expect(result.stderr).toContain('alpha.yaml:7');
		expect(result.stderr).toContain('rows[0].checks[0].probe');
		expect(result.stderr).toContain('telepathy');
	});

	it('a duplicate id', async () => {
		const directory = await mkdtemp(path.join(tmpdir(), 'parity-dupes-'));
		const file = (category: string) => `schemaVersion: 1\ncategory: {id: ${category}, title: ${category}, section: core}\nrows:\n  - {id: same.row, feature: /x}\n`;
		await writeFile(path.join(directory, 'a.yaml'), file('a'));
		await writeFile(path.join(directory, 'b.yaml'), file('b'));
		const result = await run(['list', '--checks', directory]);
		expect(result.exitCode).toBe(2);
		expect(oneLine(result.stderr)).toHaveLength(1);
		expect(result.stderr).toMatch(/b\.yaml:4 rows\[0\]\.id: duplicate id 'same\.row' \(first defined at .*a\.yaml:4\)/);
	});

	it('a profile naming an unset environment variable', async () => {
		const file = await tempFile('needs-env.yaml', 'name: needs-env\nbaseline: {url: "http://127.0.0.1:1", key: "${env.PARITY_SURELY_UNSET}"}\ncandidate: {url: "http://127.0.0.1:2"}\n');
		const result = await run(['run', '--profile-file', file, '--check', 'health.liveliness.public']);
		expect(result.exitCode).toBe(2);
		expect(oneLine(result.stderr)).toHaveLength(1);
		expect(result.stderr).toContain("profile 'needs-env' baseline.key");
		expect(result.stderr).toContain('PARITY_SURELY_UNSET is not set');
	});

	it('a refused connection and a target that never answers', async () => {
		const port = await closedPort();
		const silent = await silentServer();
		try {
			const file = await tempFile('down.yaml', `name: down\nbaseline: {url: "http://127.0.0.1:${port}"}\ncandidate: {url: "${silent.url}"}\noptions: {timeoutMs: 500}\n`);
			// Pre-flight: neither answers, so nothing runs: exit 2, one line per target, then what to do.
			const stopped = await run(['run', '--profile-file', file, '--format', 'json']);
			expect(stopped.exitCode).toBe(2);
			expect(stopped.stdout).toBe('');
			const lines = stopped.stderr.trim().split('\n');
			expect(lines).toHaveLength(3);
			expect(lines[0]).toBe(`litellm-parity: baseline http://127.0.0.1:${port} does not answer: connection refused by 127.0.0.1:${port}: is the proxy running on that port?`);
			expect(lines[1]).toMatch(new RegExp(`^litellm-parity: candidate ${silent.url.replaceAll('.', '\\.')} does not answer: timed out after 500 ms`));
			expect(lines[2]).toContain('--run-anyway');
			// Run anyway: every check is an error naming the side and the cause, never a gap.
			const result = await run(['run', '--profile-file', file, '--check', 'health.liveliness.public', '--format', 'json', '--run-anyway']);
			expect(result.exitCode).toBe(1);
			const report = JSON.parse(result.stdout) as {results: Array<{verdict: string; reason: string; baseline: {error: string}; candidate: {error: string}}>};
			expect(report.results[0]!.verdict).toBe('error');
			expect(report.results[0]!.reason).toMatch(new RegExp(`^baseline unreachable: connection refused by 127\\.0\\.0\\.1:${port}: is the proxy running on that port\\?; candidate unreachable: timed out after 500 ms`));
			expect(report.results[0]!.baseline.error).toBe(`connection refused by 127.0.0.1:${port}: is the proxy running on that port?`);
			expect(report.results[0]!.candidate.error).toMatch(/^timed out after 500 ms/);
		} finally {
			await silent.close();
		}
	});

	it('an unknown flag or command', async () => {
		const flag = await run(['run', '--frobnicate']);
		expect(flag.exitCode).toBe(2);
		expect(flag.stderr).toBe("litellm-parity: unknown option --frobnicate for run; see 'litellm-parity run --help'");
		const command = await run(['launch']);
		expect(command.exitCode).toBe(2);
		expect(command.stderr).toContain("unknown command 'launch'");
	});
});

describe('litellm-parity profiles', () => {
	it('saves, lists, shows masked, uses and deletes', async () => {
		const home = await mkdtemp(path.join(tmpdir(), 'parity-home-'));
		const env = {LITELLM_PARITY_HOME: home, PARITY_KEY: 'sk-secret-value-123456'};
		const cli2 = (args: string[]) => execa('node', [cli, ...args], {reject: false, env});
		const save = await cli2(['profiles', 'save', 'mine', '--baseline', 'http://127.0.0.1:4000', '--candidate', 'http://127.0.0.1:4001', '--key', 'sk-literal-key-abcdef', '--use']);
		expect(save.exitCode).toBe(0);
		expect(save.stderr).toContain('literal key');
		const list = await cli2(['profiles', 'list']);
		expect(list.stdout).toMatch(/\* mine\s+saved/);
		expect(list.stdout).toContain('demo');
		const show = await cli2(['profiles', 'show', 'mine']);
		expect(show.stdout).toContain('http://127.0.0.1:4000');
		expect(show.stdout).not.toContain('sk-literal-key-abcdef');
		expect(show.stdout).toContain('sk-****cdef');
		const removed = await cli2(['profiles', 'delete', 'mine']);
		expect(removed.exitCode).toBe(0);
		expect((await cli2(['profiles', 'show', 'mine'])).exitCode).toBe(2);
	});
});
