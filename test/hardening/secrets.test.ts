// Secrets never leave the tool unmasked: a full demo run with a known master key, every output searched for it.
import {mkdtemp, readdir, readFile, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {execa} from 'execa';
import {beforeAll, describe, expect, it} from 'vitest';

const secret = 'sk-parity-secret-9f8e7d6c5b4a3210';
const cli = path.resolve('dist/source/cli.js');
let home: string;
let profileFile: string;
const outputs: Record<string, string> = {};

beforeAll(async () => {
	home = await mkdtemp(path.join(tmpdir(), 'parity-secrets-'));
	profileFile = path.join(home, 'secret.yaml');
	const demo = await readFile('profiles/demo.yaml', 'utf8');
	await writeFile(profileFile, demo.replaceAll('sk-demo-master-key-0000', secret).replace('name: demo', 'name: secret-demo'));
	const env = {LITELLM_PARITY_HOME: home, LITELLM_PARITY_DEBUG: '1'};
	const skipMeasuring = ['api', 'health', 'management', 'routing', 'persistence', 'observability', 'llmrouter', 'database', 'caching', 'security', 'known-differences'].flatMap(category => ['--category', category]);
	for (const format of ['table', 'json', 'markdown', 'junit']) {
		const result = await execa('node', [cli, 'run', '--profile-file', profileFile, '--format', format, ...skipMeasuring], {reject: false, env});
		outputs[`run ${format} stdout`] = result.stdout;
		outputs[`run ${format} stderr`] = result.stderr;
	}

	const out = path.join(home, 'report.md');
	await execa('node', [cli, 'run', '--profile-file', profileFile, '--format', 'markdown', '--out', out, '--check', 'api.models'], {reject: false, env});
	outputs['--out file'] = await readFile(out, 'utf8');
	// An error message that names the target: the candidate points at a closed port.
	const broken = path.join(home, 'broken.yaml');
	await writeFile(broken, `name: broken\nbaseline: {url: "http://127.0.0.1:9", key: "${secret}"}\ncandidate: {url: "http://127.0.0.1:9", key: "${secret}"}\n`);
	const failing = await execa('node', [cli, 'run', '--profile-file', broken, '--check', 'health.health.status', '--format', 'json'], {reject: false, env});
	outputs['error run'] = failing.stdout + failing.stderr;
	const show = await execa('node', [cli, 'profiles', 'save', 'secret', '--profile-file', profileFile], {reject: false, env});
	outputs['profiles save'] = show.stdout + show.stderr;
	outputs['profiles show'] = (await execa('node', [cli, 'profiles', 'show', 'secret'], {reject: false, env})).stdout;
	outputs['profiles list'] = (await execa('node', [cli, 'profiles', 'list'], {reject: false, env})).stdout;
	outputs['profiles export (stdout)'] = (await execa('node', [cli, 'profiles', 'export', 'secret'], {reject: false, env})).stdout;
	outputs['history list'] = (await execa('node', [cli, 'history'], {reject: false, env})).stdout;
	for (const file of await readdir(path.join(home, 'history'))) outputs[`history/${file}`] = await readFile(path.join(home, 'history', file), 'utf8');
}, 180_000);

describe('a full demo run with a known master key', () => {
	it('produced real reports (so the search below means something)', () => {
		expect(JSON.parse(outputs['run json stdout']!).results.length).toBeGreaterThan(50);
		expect(outputs['run markdown stdout']).toContain('| Feature | Original LiteLLM | Our Container | Status | Notes |');
		expect(outputs['run junit stdout']).toContain('<testsuites');
		expect(Object.keys(outputs).filter(name => name.startsWith('history/')).length).toBeGreaterThanOrEqual(4);
		expect(outputs['profiles show']).toContain('sk-****3210');
	});

	it('leaks the key in none of the outputs: table, JSON, markdown, JUnit, files, history, errors, debug logs, profiles', () => {
		const leaks = Object.entries(outputs).filter(([, text]) => text.includes(secret)).map(([name]) => name);
		expect(leaks).toEqual([]);
	});

	it('leaks no virtual key the run created either', () => {
		const json = outputs['run json stdout']!;
		// Keys the management checks generate look like sk-<random>; only masked forms may appear.
		const unmasked = json.match(/sk-[A-Za-z0-9_-]{16,}/g) ?? [];
		expect(unmasked).toEqual([]);
	});
});
