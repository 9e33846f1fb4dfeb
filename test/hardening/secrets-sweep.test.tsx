// The secrets sweep: canaries in the key, an admin key, an extra header and a target URL, two servers that echo
// what they receive (one as is, one in other forms: case, base64, reversed, split across stream chunks), then every
// output — all report formats, --out files, the history, profiles list/show/export, stdout and stderr of every
// command (debug on), and every frame the explorer draws — searched for every canary in every form: zero hits.
import {mkdir, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {mkdtemp} from 'node:fs/promises';
import {execa} from 'execa';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {loadCatalog} from '../../source/catalog/catalog.js';
import {echoForms, echoServer} from '../helpers/echo-server.js';
import {keys, renderExplorer} from '../ui/harness.js';

const cli = path.resolve('dist/source/cli.js');
const canaries = {
	key: 'sk-SweepKeyCanary-A1b2C3d4E5f6',
	admin: 'sk-SweepAdminCanary-Q7w8E9r0T1',
	header: 'hdr-SweepHeaderCanary-Z9y8X7w6',
	url: 'SweepUrlCanary-M3n4B5v6C7',
};

/** Every form a canary could leak in: itself, other case, reversed, base64 (plain, URL-safe, inside Basic/Bearer). */
function leakForms(): Array<[string, string]> {
	return Object.entries(canaries).flatMap(([name, value]) => [[`${name}`, value] as [string, string], ...Object.entries(echoForms(value)).map(([form, text]) => [`${name} ${form}`, text.replace(/=+$/, '')] as [string, string])]);
}

const checks = `schemaVersion: 1
category: {id: echo, title: Echoing server, section: core}
rows:
  - id: echo.models
    feature: models with the key echoed
    checks:
      - id: echo.models.exact
        probe: http
        request: {method: GET, path: /v1/models}
        expect: {status: 200, json: {echo: {key: not-the-key}}}
        compare: {body: exact, noise: false, headers: [x-echo-key, x-echo-token]}
  - id: echo.stream
    feature: stream with the key split across chunks
    checks:
      - id: echo.stream.exact
        probe: sse
        request: {method: POST, path: /v1/chat/completions, json: {model: gpt-4o-mini, stream: true, messages: [{role: user, content: hi}]}}
        expect:
          status: 200
          asserts:
            - {query: 'jsonpath $.text', equals: nothing}
        compare: {body: exact, noise: false}
  - id: echo.error
    feature: error message with the key echoed
    checks:
      - id: echo.error.exact
        probe: http
        request: {method: GET, path: /v1/echo-error}
        expect: {status: 200}
        compare: {body: exact, noise: false}
`;

let home = '';
let servers: Array<Awaited<ReturnType<typeof echoServer>>> = [];
const outputs: Record<string, string> = {};

beforeAll(async () => {
	home = await mkdtemp(path.join(tmpdir(), 'parity-sweep-'));
	servers = await Promise.all([echoServer('plain'), echoServer('variants')]);
	const [baseline, candidate] = servers;
	const checksDirectory = path.join(home, 'checks');
	await mkdir(checksDirectory);
	await writeFile(path.join(checksDirectory, 'echo.yaml'), checks);
	const profileFile = path.join(home, 'sweep.yaml');
	await writeFile(
		profileFile,
		`name: sweep\nbaseline: {url: "${baseline!.url}", key: "\${env.SWEEP_KEY}", adminKey: "${canaries.admin}", headers: {x-gateway-token: "${canaries.header}"}}\ncandidate: {url: "${candidate!.url}", key: "\${env.SWEEP_KEY}", headers: {x-gateway-token: "\${env.SWEEP_TOKEN}"}}\n`,
	);
	const env = {LITELLM_PARITY_HOME: home, LITELLM_PARITY_DEBUG: '1', SWEEP_KEY: canaries.key, SWEEP_TOKEN: canaries.header};
	const node = async (name: string, args: string[]) => {
		const result = await execa('node', [cli, ...args], {reject: false, env});
		outputs[`${name} stdout`] = result.stdout;
		outputs[`${name} stderr`] = result.stderr;
		return result;
	};

	const run = ['run', '--profile-file', profileFile, '--checks', checksDirectory];
	for (const format of ['table', 'json', 'markdown', 'junit']) await node(`run ${format}`, [...run, '--format', format]);
	for (const format of ['json', 'markdown', 'junit']) {
		const out = path.join(home, `report.${format}`);
		await node(`run --out ${format}`, [...run, '--format', format, '--out', out, '--no-history']);
		outputs[`--out ${format} file`] = await readFile(out, 'utf8');
	}

	// The key on the command line and from a file (ad-hoc targets).
	const keyFile = path.join(home, 'key.txt');
	await writeFile(keyFile, `${canaries.key}\n`, {mode: 0o600});
	await node('ad-hoc --key-file', ['run', '--baseline', baseline!.url, '--candidate', candidate!.url, '--key-file', keyFile, '--checks', checksDirectory, '--format', 'json']);
	await node('ad-hoc --key', ['run', '--baseline', baseline!.url, '--candidate', candidate!.url, '--key', canaries.key, '--checks', checksDirectory]);
	// A URL with credentials and one with a key in its query: refused, the message masked.
	await node('url credentials', ['run', '--baseline', baseline!.url.replace('http://', `http://user:${canaries.url}@`), '--candidate', candidate!.url, '--checks', checksDirectory]);
	await node('url query', ['run', '--baseline', baseline!.url, '--candidate', `${candidate!.url}/?api_key=${canaries.url}`, '--checks', checksDirectory]);
	// A profile file that carries the URL canary: saved, then listed, shown and exported.
	const leakyUrl = path.join(home, 'leaky-url.yaml');
	await writeFile(leakyUrl, `name: leaky-url\nbaseline: {url: "http://user:${canaries.url}@127.0.0.1:9"}\ncandidate: {url: "http://127.0.0.1:9/?key=${canaries.url}"}\n`);
	await node('profiles save sweep', ['profiles', 'save', 'sweep', '--profile-file', profileFile]);
	await node('profiles save leaky-url', ['profiles', 'save', 'leaky-url', '--profile-file', leakyUrl]);
	await node('profiles list', ['profiles', 'list']);
	for (const name of ['sweep', 'leaky-url']) {
		await node(`profiles show ${name}`, ['profiles', 'show', name]);
		await node(`profiles export ${name}`, ['profiles', 'export', name]);
	}

	await node('run saved profile', ['run', '--profile', 'sweep', '--checks', checksDirectory, '--format', 'markdown']);
	await node('run leaky profile', ['run', '--profile', 'leaky-url', '--checks', checksDirectory]);
	await node('history list', ['history', 'list']);
	await node('history diff', ['history', 'diff']);
	for (const file of await readdir(path.join(home, 'history'))) outputs[`history/${file}`] = await readFile(path.join(home, 'history', file), 'utf8');
	outputs['profile store'] = ''; // the store holds the literal admin key and header on purpose (owner-only file); not an output

	// The explorer (in this process): run everything, then open every tab of every row and scroll through it.
	process.env.SWEEP_KEY = canaries.key;
	process.env.SWEEP_TOKEN = canaries.header;
	const harness = await renderExplorer({home, choice: {profileFile}, columns: 160, rows: 45, loadCatalog: () => loadCatalog(checksDirectory)});
	try {
		await harness.waitFor(frame => frame.includes('models with the key echoed') && frame.includes(baseline!.url), {what: 'the sweep profile', timeout: 20_000});
		await harness.press('a');
		await harness.waitForText('finished in', 30_000);
		for (const feature of ['models with the key', 'stream with the key', 'error message with']) {
			await harness.press('/');
			await harness.type(feature);
			await harness.press(keys.enter, 'j', keys.enter);
			await harness.waitForText('Tab/. check');
			for (const tab of ['1', '2', '3', '4', '5', '6', '7']) {
				await harness.press(tab);
				for (let page = 0; page < 6; page++) await harness.press('\u001B[6~');
				for (let line = 0; line < 8; line++) await harness.press(keys.down);
			}

			await harness.press(keys.escape, keys.escape);
			await harness.waitFor(frame => !frame.includes('filter "'), {what: 'the filter to clear'});
		}

		outputs['explorer frames'] = harness.stdout.frames.join('\n');
	} finally {
		await harness.cleanup();
		delete process.env.SWEEP_KEY;
		delete process.env.SWEEP_TOKEN;
	}
}, 300_000);

afterAll(async () => {
	await Promise.all(servers.map(async server => server.close()));
	await rm(home, {recursive: true, force: true});
});

describe('the secrets sweep', () => {
	it('produced real outputs: reports, history, profiles and explorer frames with the echoed values masked', () => {
		expect(JSON.parse(outputs['run json stdout']!).results).toHaveLength(3);
		expect(outputs['run junit stdout']).toContain('<testsuites');
		expect(outputs['run markdown stdout']).toContain('echo.');
		expect(Object.keys(outputs).filter(name => name.startsWith('history/')).length).toBeGreaterThanOrEqual(4);
		expect(outputs['profiles show sweep stdout']).toContain('x-gateway-token: hdr****Z9y8'.replace('Z9y8', 'X7w6'));
		expect(outputs['url credentials stderr']).toMatch(/'http:\/\/\*\*\*\*@127\.0\.0\.1:\d+' holds credentials/);
		expect(outputs['url query stderr']).toMatch(/has a query/);
		const json = outputs['run json stdout']!;
		// The servers did echo: the masked forms are where the canaries were.
		expect(json).toContain('sk-****E5f6');
		expect(json).toMatch(/"reversed": "\*{4}"/);
		expect(json).toMatch(/"basic": "[^"]*\*{4}/);
		expect(outputs['explorer frames']).toContain('Your key: sk-****E5f6 and token: hdr****X7w6 end');
		expect(outputs['explorer frames']).toContain('models with the key echoed');
		expect(outputs['explorer frames']).toContain('sk-****E5f6');
	});

	it.each(leakForms())('no output holds the %s canary form', (_name, form) => {
		const hits = Object.entries(outputs).filter(([, text]) => text.includes(form)).map(([name]) => name);
		expect(hits).toEqual([]);
	});
});
