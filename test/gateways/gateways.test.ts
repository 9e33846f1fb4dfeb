// The tool on real OpenAI-compatible gateways that are not LiteLLM: the Portkey AI gateway from npm (1.15.2), each
// instance in front of the mock upstream behind OpenAI's key and model rules. Verdicts a person
// would agree with: identical gateways are at parity in the openai flavour; the litellm flavour says why its rows do
// not apply; a real difference (a missing key accepted, an endpoint missing) is found on its row.
import {mkdtemp, readFile, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {execa} from 'execa';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startPortkey, startPrefixIngress, startStrictUpstream, type Running, type StrictUpstream} from './portkey.js';

const cli = path.resolve('dist/source/cli.js');
const key = 'sk-gateway-suite-key';
const models = ['gpt-4o-mini', 'gpt-3.5-turbo-instruct', 'text-embedding-3-small', 'dall-e-3', 'whisper-1', 'tts-1'];
/** Every category but performance: its load rows measure the machine (their noise handling is the verdict work's). */
const functional = ['api', 'health', 'management', 'routing', 'persistence', 'observability', 'llmrouter', 'database', 'caching', 'security', 'known-differences'];

type Result = {check: string; row: string; verdict: string; reason?: string; baseline: {status?: number}; candidate: {status?: number; error?: string}; differences: Array<{path: string; kind: string; candidate: unknown}>};
type Report = {flavour?: string; headlines?: string[]; results: Result[]; summary: Record<string, number>};

let upstream: StrictUpstream;
let current: Running;
let twin: Running;

beforeAll(async () => {
	upstream = await startStrictUpstream(models, key);
	[current, twin] = await Promise.all([startPortkey(), startPortkey()]);
}, 60_000);

afterAll(async () => {
	await Promise.all([current?.close(), twin?.close(), upstream?.close()]);
});

/** Portkey's own routing headers: forward to the OpenAI-compatible upstream with the caller's key. */
const openAiRoute = (side: 'baseline' | 'candidate') => [`--${side}-header`, 'x-portkey-provider: openai', `--${side}-header`, `x-portkey-custom-host: ${upstream.url}/v1`];

/**
 * A run on two gateways: their URLs in a profile with a generous check timeout and latency rule (this suite judges
 * flavours and answers, not speed, on a machine that may be busy), everything else as the ad-hoc flags.
 */
async function run(baseline: Running, candidate: Running, args: string[]): Promise<{exitCode: number; report: Report; stderr: string}> {
	const home = await mkdtemp(path.join(tmpdir(), 'parity-gateways-'));
	const profile = path.join(home, 'gateways.yaml');
	await writeFile(profile, `name: gateways\nbaseline: {url: '${baseline.url}', key: ${key}}\ncandidate: {url: '${candidate.url}', key: ${key}}\nthresholds: {latency: {maxRatio: 5, minDeltaMs: 3000}}\noptions: {timeoutMs: 60000}\n`);
	const result = await execa('node', [cli, 'run', '--format', 'json', '--no-history', '--profile-file', profile, ...args], {reject: false, env: {LITELLM_PARITY_HOME: home}, timeout: 280_000});
	if (!result.stdout.trim().startsWith('{')) throw new Error(`no JSON report (exit ${result.exitCode}): ${result.stderr}`);
	return {exitCode: result.exitCode ?? -1, report: JSON.parse(result.stdout) as Report, stderr: result.stderr};
}

const categories = (list: string[]) => list.flatMap(category => ['--category', category]);
const byCheck = (report: Report) => new Map(report.results.map(result => [result.check, result]));

describe('two identical Portkey gateways', () => {
	it('openai flavour: exit 0, only parity and skipped, the API rows measured', async () => {
		const {exitCode, report} = await run(current, twin, [...openAiRoute('baseline'), ...openAiRoute('candidate'), '--flavour', 'openai', ...categories(functional)]);
		const problems = report.results.filter(result => result.verdict !== 'parity' && result.verdict !== 'skipped').map(result => `${result.check}: ${result.verdict} ${result.reason}`);
		expect(problems).toEqual([]);
		expect(exitCode).toBe(0);
		expect(report.flavour).toBe('openai');
		const checks = byCheck(report);
		// The OpenAI rows really ran on both sides: chat, stream, embeddings, files, and the refusals judged by class.
		for (const id of ['api.chat-completions.basic', 'api.chat-completions.stream', 'api.embeddings.batch-input', 'api.files.lifecycle', 'api.batches.lifecycle', 'api.audio-speech.mp3']) {
			expect([id, checks.get(id)!.verdict, checks.get(id)!.baseline.status]).toEqual([id, 'parity', 200]);
		}

		expect(checks.get('api.chat-completions.missing-key')!.verdict).toBe('parity');
		expect(checks.get('api.chat-completions.missing-key')!.baseline.status).toBe(401);
		expect(checks.get('api.chat-completions.unknown-model')!.baseline.status).toBe(404);
		// LiteLLM's and LLMRouter's own rows do not apply, and say so.
		// The health row applies through the target's health path (/v1/models here); its LiteLLM-only checks do not.
		expect(checks.get('health.liveliness.health-path')!.verdict).toBe('parity');
		const notApplicable = report.results.filter(
			result => /^(health|management|routing|persistence|observability|llmrouter|database|caching|known-differences)\./.test(result.check) && result.check !== 'health.liveliness.health-path' || ['api.models.info', 'api.models.alias'].includes(result.check),
		);
		expect(notApplicable.length).toBeGreaterThan(30);
		for (const result of notApplicable) expect([result.check, result.verdict, result.reason]).toEqual([result.check, 'skipped', 'not applicable to an OpenAI-compatible gateway']);

		// Neither publishes a route list: the route-surface row says what each answered.
		expect(checks.get('api.route-surface.routes')!.reason).toMatch(/^neither gateway publishes its routes: baseline publishes no route list \(GET \/openapi\.json → 404, GET \/routes → 404\)/);
		expect(report.summary.parity).toBeGreaterThanOrEqual(15);
	}, 300_000);

	it('litellm flavour: no wall of both-fail; every LiteLLM-only row says why it does not apply, the rest what they missed', async () => {
		const {exitCode, report, stderr} = await run(current, twin, [...openAiRoute('baseline'), ...openAiRoute('candidate'), '--flavour', 'litellm', ...categories(functional)]);
		expect(report.headlines?.[0]).toMatch(/^flavour litellm, but neither target answers like LiteLLM \(baseline: GET \/health\/readiness → 404/);
		expect(stderr).toContain('neither target answers like LiteLLM');
		const bothFail = report.results.filter(result => result.verdict === 'both-fail');
		// Only the shared OpenAI rows judged by LiteLLM's exact texts fail, each naming the text it expected and got.
		// (and the health path, LiteLLM's /health/liveliness on this flavour, which these gateways do not serve).
		expect(bothFail.map(result => result.check).sort()).toEqual(['api.chat-completions.missing-key', 'api.chat-completions.unknown-model', 'api.models.list', 'health.liveliness.health-path']);
		expect(byCheck(report).get('health.liveliness.health-path')!.reason).toMatch(/^baseline: expected status is 2xx, got 404/);
		expect(byCheck(report).get('api.chat-completions.missing-key')!.reason).toMatch(/expected jsonpath \$\.error\.message == "Authentication Error, No api key passed in\.", got "openai error: [^"]*API key[^"]*"/);
		const liteLlmRows = report.results.filter(result => /^(health|management|routing|persistence|observability|database|caching|known-differences)\./.test(result.check));
		expect(liteLlmRows.length).toBeGreaterThan(20);
		for (const result of liteLlmRows.filter(entry => entry.check !== 'health.liveliness.health-path')) {
			if (result.verdict === 'skipped' && /no container configured/.test(result.reason ?? '')) continue;
			expect([result.check, result.verdict, result.reason]).toEqual([result.check, 'skipped', expect.stringMatching(/^not applicable: the flavour is litellm but neither target answers like LiteLLM/)]);
		}

		for (const result of report.results.filter(entry => entry.check.startsWith('llmrouter.'))) expect(result.reason).toMatch(/flavour litellm has no LLMRouter additions/);
		expect(exitCode).toBe(1);
	}, 300_000);
});

describe('two different gateways', () => {
	it('finds the candidate that accepts a missing key and lacks embeddings, each on its row', async () => {
		// The candidate: Portkey routed through its groq provider with a key of its own (x-portkey-config), as a gateway
		// holding the provider key would be deployed. It answers without a caller's key and has no embeddings.
		// (Portkey 1.9.8 in this role resets the connection now and then on a request without a key: an error, not a gap.)
		const config = JSON.stringify({provider: 'groq', api_key: key, custom_host: `${upstream.url}/v1`});
		const {exitCode, report} = await run(current, twin, [...openAiRoute('baseline'), '--candidate-header', `x-portkey-config: ${config}`, '--flavour', 'openai', '--category', 'api']);
		expect(exitCode).toBe(1);
		const checks = byCheck(report);
		const missingKey = checks.get('api.chat-completions.missing-key')!;
		expect([missingKey.verdict, missingKey.baseline.status, missingKey.candidate.status], JSON.stringify(missingKey.candidate)).toEqual(['gap', 401, 200]);
		expect(missingKey.reason).toBe('candidate: expected status is 4xx, got 200');
		const embeddings = checks.get('api.embeddings.vector')!;
		expect([embeddings.verdict, embeddings.baseline.status]).toEqual(['gap', 200]);
		expect(embeddings.reason).toMatch(/^candidate: /);
		// Chat works on both; the groq route adds a field of its own to the answer, and that is all that differs.
		const chat = checks.get('api.chat-completions.basic')!;
		expect([chat.verdict, chat.baseline.status, chat.candidate.status]).toEqual(['drift', 200, 200]);
		expect(chat.differences.filter(difference => difference.kind !== 'latency').map(difference => [difference.path, difference.kind, difference.candidate])).toEqual([['$.provider', 'extra', 'groq']]);
	}, 300_000);
});

describe('configuration mistakes on a real gateway', () => {
	it('names a gateway that refuses every request the same way at the top, with its own error text', async () => {
		const {report, stderr} = await run(current, twin, [...openAiRoute('baseline'), '--flavour', 'openai', '--category', 'api']);
		expect(report.headlines).toEqual([expect.stringMatching(/^configuration mistake: every request to the candidate failed the same way \(\d+ answers, all HTTP 400: .*Either x-portkey-config or x-portkey-provider header is required/)]);
		expect(stderr).toMatch(/^litellm-parity: configuration mistake: every request to the candidate/m);
	}, 300_000);

	it('sends the path prefix: a prefix the gateway does not have is every request a 404, named as such', async () => {
		const {report} = await run(current, twin, [...openAiRoute('baseline'), ...openAiRoute('candidate'), '--candidate-prefix', '/gateway/openai', '--flavour', 'openai', '--category', 'api']);
		expect(report.headlines).toEqual([expect.stringMatching(/^configuration mistake: every request to the candidate failed the same way \(\d+ answers, all HTTP 404/)]);
		expect(report.results.find(result => result.check === 'api.chat-completions.basic')!.candidate.status).toBe(404);
	}, 300_000);
});

describe('the worked example profile (profiles/openai-gateway.yaml)', () => {
	it('compares two Portkey gateways behind an ingress under /ai with its headers and prefix: parity, exit 0', async () => {
		const [baselineIngress, candidateIngress] = await Promise.all([startPrefixIngress('/ai', current), startPrefixIngress('/ai', twin)]);
		try {
			// The shipped file as it is, only pointed at this machine's ingresses.
			const home = await mkdtemp(path.join(tmpdir(), 'parity-example-'));
			const example = (await readFile('profiles/openai-gateway.yaml', 'utf8')).replace('http://127.0.0.1:8787', baselineIngress.url).replace('http://127.0.0.1:8788', candidateIngress.url);
			const file = path.join(home, 'openai-gateway.yaml');
			await writeFile(file, example + 'thresholds: {latency: {maxRatio: 5, minDeltaMs: 3000}}\n');
			const result = await execa('node', [cli, 'run', '--format', 'markdown', '--no-history', '--profile-file', file, '--category', 'api'], {
				reject: false,
				env: {LITELLM_PARITY_HOME: home, OPENAI_API_KEY: key, UPSTREAM_URL: `${upstream.url}/v1`},
				timeout: 280_000,
			});
			expect(result.stderr).toBe('');
			expect(result.exitCode).toBe(0);
			expect(result.stdout).toMatch(/^# Portkey AI gateway — current release vs candidate build\n\nTwo OpenAI-compatible gateways compared/);
			expect(result.stdout).toContain('### Core Gateway Features');
			expect(result.stdout).toContain('| Feature | Baseline | Candidate | Status | Notes |');
			expect(result.stdout).not.toContain('LLMRouter Enhancements');
			expect(result.stdout).toMatch(/\| `\/v1\/chat\/completions` \| ✅ \| ✅ \| ✅ Parity \|/);
		} finally {
			await Promise.all([baselineIngress.close(), candidateIngress.close()]);
		}
	}, 300_000);
});
