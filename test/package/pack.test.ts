// The package as people get it: `npm pack` (its prepack builds), installed from the tarball into an empty temporary
// folder outside the repository, then the installed binary run from there: --version, list and a demo run. The
// runtime must find its check files, profiles and schemas inside the installed package, not in this repository.
import {spawn, spawnSync} from 'node:child_process';
import {mkdir, mkdtemp, readFile, readdir, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {execa} from 'execa';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

const repo = path.resolve('.');
const manifest = JSON.parse(await readFile(path.join(repo, 'package.json'), 'utf8')) as {name: string; version: string};
let work: string;
let packed: {filename: string; files: Array<{path: string}>};
let installed: string;
let bin: string;
const hasScript = spawnSync('script', ['--version']).status === 0;

/** The installed binary, run from the install folder with a private home (history, profiles) and no terminal. */
const parity = (args: string[]) => execa(bin, args, {cwd: installed, reject: false, stdin: 'ignore', env: {LITELLM_PARITY_HOME: path.join(work, 'home')}, timeout: 5 * 60_000});

beforeAll(async () => {
	work = await mkdtemp(path.join(tmpdir(), 'parity-package-'));
	const pack = await execa('npm', ['pack', '--json', '--pack-destination', work], {cwd: repo});
	// Lifecycle scripts may print before npm's JSON; the JSON is the last thing on stdout.
	packed = (JSON.parse(pack.stdout.slice(pack.stdout.lastIndexOf('\n[') + 1)) as Array<typeof packed>)[0]!;
	installed = path.join(work, 'app');
	await mkdir(installed);
	await execa('npm', ['init', '-y'], {cwd: installed});
	// The registry's packages come from npm's cache when it holds them (npm ci filled it); else from the registry.
	await execa('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(work, packed.filename)], {cwd: installed});
	bin = path.join(installed, 'node_modules', '.bin', 'litellm-parity');
});

afterAll(async () => {
	if (work) await rm(work, {recursive: true, force: true});
});

describe('the packed tarball', () => {
	it('holds the built code and what the runtime reads, not the tests or the TypeScript sources', () => {
		const files = packed.files.map(file => file.path);
		for (const needed of ['package.json', 'README.md', 'dist/source/cli.js', 'dist/ui/start.js', 'dist/source/ui/host/engine-host.js', 'profiles/demo.yaml', 'schemas/report.schema.json', 'schemas/profile.schema.json']) expect(files).toContain(needed);
		expect(files.filter(file => file.startsWith('checks/') && file.endsWith('.yaml')).length).toBeGreaterThan(5);
		expect(files.filter(file => file.startsWith('test/') || file.startsWith('source/') || file.startsWith('scripts/') || file.endsWith('.ts') || file.endsWith('.tsx'))).toEqual([]);
		expect(files).not.toContain('dist/.tsbuildinfo');
		expect(files).not.toContain('dist/.build-stamp');
	});

	it('installs as a real copy, not a link back to this repository', async () => {
		const root = path.join(installed, 'node_modules', manifest.name);
		expect((await stat(root)).isSymbolicLink()).toBe(false);
		expect(await readdir(path.join(root, 'checks'))).toEqual(await readdir(path.join(repo, 'checks')));
	});
});

describe('the installed binary, run outside the repository', () => {
	it('--version prints the package version', async () => {
		const result = await parity(['--version']);
		expect(result.exitCode).toBe(0);
		expect(result.stdout).toBe(manifest.version);
		// npx finds it too, without installing anything.
		const npx = await execa('npx', ['--no', '--', 'litellm-parity', '--version'], {cwd: installed, reject: false, stdin: 'ignore'});
		expect(npx.stdout).toBe(manifest.version);
	});

	it('list reads the check files shipped in the package', async () => {
		const result = await parity(['list', '--format', 'json']);
		expect(result.exitCode).toBe(0);
		const matrix = JSON.parse(result.stdout) as {categoryCount: number; rowCount: number; checkCount: number; categories: Array<{id: string}>};
		// The same matrix as this checkout's, read from the installed copy.
		const fromRepo = JSON.parse((await execa('node', [path.join(repo, 'dist/source/cli.js'), 'list', '--format', 'json'])).stdout) as typeof matrix;
		expect(matrix).toEqual(fromRepo);
		expect(matrix.categories.map(category => category.id)).toContain('api');
		expect(matrix.rowCount).toBeGreaterThan(40);
	});

	it('a demo run of the api category on the embedded simulators: real exchanges, the demo gaps, exit 1', async () => {
		const result = await parity(['run', '--profile', 'demo', '--category', 'api', '--format', 'json', '--no-history']);
		const report = JSON.parse(result.stdout) as {results: Array<{category: string; verdict: string; baseline: {status?: number}}>};
		expect(report.results.length).toBeGreaterThan(5);
		expect(new Set(report.results.map(entry => entry.category))).toEqual(new Set(['api']));
		expect(report.results.filter(entry => entry.verdict === 'parity').length).toBeGreaterThan(0);
		expect(report.results.some(entry => entry.verdict === 'gap')).toBe(true);
		expect(report.results.some(entry => entry.baseline.status === 200)).toBe(true);
		expect(result.exitCode).toBe(1);
	});
});

describe.skipIf(!hasScript)('plain npx litellm-parity in a terminal, from the install', () => {
	it('draws the explorer on the embedded demo with the shipped matrix, and q quits with 0', async () => {
		// A pseudo-terminal from util-linux `script`; the frame is awaited as text on the screen, not timed.
		const child = spawn('script', ['-qfec', 'stty cols 160 rows 45; exec npx --no -- litellm-parity', '/dev/null'], {
			cwd: installed,
			// CI=true as on a CI machine: Ink then draws nothing until exit unless the explorer keeps it from seeing that.
			env: {...process.env, LITELLM_PARITY_HOME: path.join(work, 'home-tui'), TERM: 'xterm-256color', CI: 'true'},
			stdio: ['pipe', 'pipe', 'inherit'],
		});
		let screen = '';
		let quit = false;
		const code = await new Promise<number | null>(resolve => {
			child.stdout.on('data', (chunk: Buffer) => {
				screen += chunk.toString('utf8').replace(/\u001B\[[0-9;?]*[ -/]*[@-~]/g, '');
				// The header, and a category title read from the installed check files.
				if (!quit && /litellm-parity[^\n]*profile/.test(screen) && screen.includes('API Endpoints')) {
					quit = true;
					child.stdin.write('q');
				}
			});
			child.on('exit', resolve);
			// A frame that never comes fails the test instead of leaving the process behind.
			setTimeout(() => child.kill('SIGKILL'), 180_000).unref();
		});
		expect(quit, `no explorer frame; the screen ended with:\n${screen.slice(-400)}`).toBe(true);
		expect(code).toBe(0);
	});
});
