// The secrets sweep, second half: canaries that travel through the per-side flags and gateway settings — header
// flags (--baseline-header / --candidate-header, one with an auth scheme in front), profile headers (literal and
// ${env.X}), per-side key files, path prefixes and a gateway-flavour run of the built-in checks — against two servers
// that echo what they receive (one as is, one in other forms: case, base64, reversed, split across stream chunks, the
// credential without its "Bearer "). Then every output — every report format on stdout and in --out files, the
// history, profiles list/show/export, stdout and stderr of every command with debug on, and the one-line errors of
// malformed flags — is searched for every canary in every form: zero hits.
import {mkdir, readdir, readFile, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {execa} from 'execa';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {echoForms, echoServer} from '../helpers/echo-server.js';
import {tempFolder} from '../helpers/temp-folder.js';

const cli = path.resolve('dist/source/cli.js');
const canaries = {
	baselineKey: 'sk-FlagBaseKeyCanary-H1j2K3l4',
	candidateKey: 'sk-FlagCandKeyCanary-N5m6B7v8',
	baselineHeader: 'FlagBaseHdrCanary-R4t5Y6u7',
	candidateHeader: 'FlagCandHdrCanary-W8e9Q1a2',
	profileHeader: 'FlagProfileHdrCanary-D3f4G5h6',
	profileEnvHeader: 'FlagProfileEnvCanary-Z7x8C9v0',
};

/** Every form a canary could leak in: itself, other case, reversed, base64 (plain, URL-safe, inside Basic/Bearer). */
const leakForms: Array<[string, string]> = Object.entries(canaries).flatMap(([name, value]) => [
	[name, value] as [string, string],
	...Object.entries(echoForms(value)).map(([form, text]) => [`${name} ${form}`, text.replace(/=+$/, '')] as [string, string]),
]);

const checks = `schemaVersion: 1
category: {id: echo, title: Echoing server, section: core}
rows:
  - id: echo.models
    feature: models with the headers echoed
    checks:
      - id: echo.models.exact
        probe: http
        request: {method: GET, path: /v1/models}
        expect: {status: 200, json: {echo: {key: not-the-key}}}
        compare: {body: exact, noise: false, headers: [x-echo-x-api-key, x-echo-x-tenant-auth, x-echo-x-litellm-api-key, x-echo-x-team-secret]}
  - id: echo.stream
    feature: stream with the headers split across chunks
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
    feature: error message with the headers echoed
    checks:
      - id: echo.error.exact
        probe: http
        request: {method: GET, path: /v1/echo-error}
        expect: {status: 200}
        compare: {body: exact, noise: false}
`;

const home = tempFolder('parity-sweep-flags-');
let servers: Array<Awaited<ReturnType<typeof echoServer>>> = [];
const outputs: Record<string, string> = {};
const exitCodes: Record<string, number | undefined> = {};

beforeAll(async () => {
	servers = await Promise.all([echoServer('plain'), echoServer('variants')]);
	const [baseline, candidate] = servers;
	const checksDirectory = path.join(home, 'checks');
	await mkdir(checksDirectory);
	await writeFile(path.join(checksDirectory, 'echo.yaml'), checks);
	const keyFiles = {baseline: path.join(home, 'baseline.key'), candidate: path.join(home, 'candidate.key')};
	await writeFile(keyFiles.baseline, `${canaries.baselineKey}\n`, {mode: 0o600});
	await writeFile(keyFiles.candidate, `${canaries.candidateKey}\n`, {mode: 0o600});
	const env = {LITELLM_PARITY_HOME: home, LITELLM_PARITY_DEBUG: '1', SWEEP_TEAM_SECRET: canaries.profileEnvHeader};
	const node = async (name: string, args: string[]) => {
		const result = await execa('node', [cli, ...args], {reject: false, env});
		outputs[`${name} stdout`] = result.stdout;
		outputs[`${name} stderr`] = result.stderr;
		exitCodes[name] = result.exitCode;
		return result;
	};

	// Ad-hoc targets: per-side key files, header flags (one with an auth scheme in front), path prefixes.
	const flags = [
		'--baseline', baseline!.url, '--candidate', candidate!.url,
		'--baseline-key-file', keyFiles.baseline, '--candidate-key-file', keyFiles.candidate,
		'--baseline-header', `x-api-key: ${canaries.baselineHeader}`,
		'--candidate-header', `x-tenant-auth: Bearer ${canaries.candidateHeader}`,
		'--baseline-prefix', '/gw/base', '--candidate-prefix', '/gw/cand',
	];
	const run = ['run', ...flags, '--checks', checksDirectory];
	for (const format of ['table', 'json', 'markdown', 'junit']) await node(`flags run ${format}`, [...run, '--format', format]);
	for (const format of ['json', 'markdown', 'junit']) {
		const out = path.join(home, `flags-report.${format}`);
		await node(`flags run --out ${format}`, [...run, '--format', format, '--out', out, '--no-history']);
		outputs[`flags --out ${format} file`] = await readFile(out, 'utf8');
	}

	// A gateway-flavour run of the built-in checks through the same flags: every applicable row, each echoing.
	const gateway = ['run', ...flags, '--flavour', 'openai', '--run-anyway'];
	for (const format of ['json', 'markdown']) await node(`gateway run ${format}`, [...gateway, '--format', format]);

	// A profile with headers: a literal and an ${env.X} one, and path prefixes; saved, listed, shown, exported, run.
	const profileFile = path.join(home, 'headers.yaml');
	await writeFile(
		profileFile,
		[
			'name: headers',
			`baseline: {url: "${baseline!.url}", pathPrefix: /gw/base, key: "${canaries.baselineKey}", headers: {x-litellm-api-key: "Bearer ${canaries.profileHeader}"}}`,
			`candidate: {url: "${candidate!.url}", pathPrefix: /gw/cand, key: "${canaries.candidateKey}", headers: {x-team-secret: "\${env.SWEEP_TEAM_SECRET}"}}`,
			'',
		].join('\n'),
	);
	await node('profile file run', ['run', '--profile-file', profileFile, '--checks', checksDirectory, '--format', 'json']);
	await node('profiles save headers', ['profiles', 'save', 'headers', '--profile-file', profileFile]);
	// Saved from flags: the header flags and key files end up in the store.
	await node('profiles save flagged', ['profiles', 'save', 'flagged', ...flags]);
	await node('profiles list', ['profiles', 'list']);
	for (const name of ['headers', 'flagged']) {
		await node(`profiles show ${name}`, ['profiles', 'show', name]);
		await node(`profiles export ${name}`, ['profiles', 'export', name]);
		await node(`run saved ${name}`, ['run', '--profile', name, '--checks', checksDirectory, '--format', 'markdown']);
	}

	// Malformed flags carrying a canary: refused with one line that does not repeat the value.
	await node('header flag without colon', ['run', '--baseline', baseline!.url, '--candidate', candidate!.url, '--baseline-header', `x-api-key ${canaries.baselineHeader}`]);
	await node('header flag with a bad name', ['run', '--baseline', baseline!.url, '--candidate', candidate!.url, '--candidate-header', `x tenant auth: Bearer ${canaries.candidateHeader}`]);
	await node('header flag with a line break', ['run', '--baseline', baseline!.url, '--candidate', candidate!.url, '--candidate-header', `x-tenant-auth: Bearer ${canaries.candidateHeader}\r\nx-evil: 1`]);
	await node('bad prefix after header flags', ['run', ...flags.slice(0, -4), '--baseline-prefix', 'gw/base', '--candidate-prefix', '/gw/cand']);

	await node('history list', ['history', 'list']);
	await node('history diff', ['history', 'diff']);
	for (const file of await readdir(path.join(home, 'history'))) outputs[`history/${file}`] = await readFile(path.join(home, 'history', file), 'utf8');
}, 300_000);

afterAll(async () => {
	await Promise.all(servers.map(async server => server.close()));
});

describe('the secrets sweep through header flags, key files, path prefixes and a gateway flavour', () => {
	it('produced real outputs: the runs reached the servers under their prefixes and the echoes were masked', () => {
		const json = JSON.parse(outputs['flags run json stdout']!) as {results: Array<{check: string; baseline: {status?: number}}>};
		expect(json.results).toHaveLength(3);
		// /v1/models answered 200 only under the prefix (the echo server strips /gw/NAME).
		expect(json.results.find(result => result.check === 'echo.models.exact')?.baseline.status).toBe(200);
		expect(outputs['flags run junit stdout']).toContain('<testsuites');
		expect(outputs['flags run markdown stdout']).toContain('echo.');
		const gateway = JSON.parse(outputs['gateway run json stdout']!) as {flavour?: string; results: unknown[]};
		expect(gateway.flavour).toBe('openai');
		expect(gateway.results.length).toBeGreaterThan(20);
		expect(JSON.parse(outputs['profile file run stdout']!).results).toHaveLength(3);
		expect(Object.keys(outputs).filter(name => name.startsWith('history/')).length).toBeGreaterThanOrEqual(6);
		// The echoed values are where the canaries were, masked.
		const flagged = outputs['flags run json stdout']!;
		expect(flagged).toContain('sk-****K3l4');
		expect(flagged).toContain('Fla****Y6u7');
		expect(outputs['profile file run stdout']).toContain('Bea****G5h6');
		expect(outputs['profile file run stdout']).toContain('Fla****C9v0');
		// Saved from flags: the headers are in the profile, shown masked.
		expect(outputs['profiles show flagged stdout']).toMatch(/x-api-key: \S*\*{4}/);
		expect(outputs['profiles show flagged stdout']).toMatch(/x-tenant-auth: \S*\*{4}/);
	});

	it('refuses malformed flags with exit 2 and one line naming the flag', () => {
		for (const name of ['header flag without colon', 'header flag with a bad name', 'header flag with a line break', 'bad prefix after header flags']) {
			expect(exitCodes[name], name).toBe(2);
			expect(outputs[`${name} stderr`]!.trim().split('\n'), name).toHaveLength(1);
			expect(outputs[`${name} stderr`], name).toMatch(/--(baseline|candidate)-(header|prefix)/);
		}
	});

	it.each(leakForms)('no output holds the %s canary form', (_name, form) => {
		const hits = Object.entries(outputs).filter(([, text]) => text.includes(form)).map(([name]) => name);
		expect(hits).toEqual([]);
	});
});
