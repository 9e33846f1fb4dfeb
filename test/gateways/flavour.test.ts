// The flavour rules, prefix and header validation, and the same-failure notice: pure functions, judged on real shapes.
import path from 'node:path';
import {mkdtemp} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {execa} from 'execa';
import {describe, expect, it} from 'vitest';
import {loadCatalog} from '../../source/catalog/catalog.js';
import {checkSchema, type Check} from '../../source/catalog/schema.js';
import {evaluateExpectation} from '../../source/compare/asserts.js';
import type {Observation} from '../../source/domain.js';
import {SameFailureWatch} from '../../source/report/same-failure.js';
import {flavourRules, notApplicableToOpenAi, reportTitle} from '../../source/engine/flavour.js';
import {parseHeaderFlag} from '../../source/targets/header-flag.js';
import {redact, resolveHeaderValue} from '../../source/targets/secrets.js';
import {checkPathPrefix, pathPrefixProblem} from '../../source/targets/path-prefix.js';
import {profileSchema} from '../../source/targets/profile-schema.js';
import {loadProfileFile} from '../../source/targets/profiles.js';

const observation = (status: number, body: unknown): Observation => ({side: 'baseline', reached: true, status, headers: {'content-type': 'application/json'}, body, bodyText: JSON.stringify(body), timing: {totalMs: 1}});

describe('flavour applicability', () => {
	it('skips LiteLLM and LLMRouter rows on openai, LLMRouter rows on litellm, and nothing on litellm-llmrouter', async () => {
		const catalog = await loadCatalog();
		const verdictsFor = (flavour: 'openai' | 'litellm' | 'litellm-llmrouter') => {
			const rules = flavourRules({flavour});
			return new Map(catalog.rows.map(row => [row.id, rules.notApplicable(row)]));
		};
		const openai = verdictsFor('openai');
		expect(openai.get('management.key-generate')).toBe(notApplicableToOpenAi);
		expect(openai.get('llmrouter.knn-router')).toBe(notApplicableToOpenAi);
		expect(openai.get('health.readiness')).toBe(notApplicableToOpenAi);
		expect(openai.get('api.chat-completions')).toBeUndefined();
		expect(openai.get('performance.overhead')).toBeUndefined();
		const litellm = verdictsFor('litellm');
		expect(litellm.get('llmrouter.knn-router')).toMatch(/no LLMRouter additions/);
		expect(litellm.get('management.key-generate')).toBeUndefined();
		const both = verdictsFor('litellm-llmrouter');
		expect([...both.values()].filter(Boolean)).toEqual([]);
		// The check-level tag: /model/info is LiteLLM's, /v1/models is everyone's.
		const models = catalog.rows.find(row => row.id === 'api.models')!;
		const rules = flavourRules({flavour: 'openai'});
		expect(models.checks.map(check => rules.notApplicable(models, check))).toEqual([undefined, notApplicableToOpenAi, notApplicableToOpenAi]);
	});

	it('skips the LiteLLM rows with the evidence when neither target answers like LiteLLM', () => {
		const rules = flavourRules({flavour: 'litellm'}, {baseline: {litellm: false, evidence: 'GET /health/readiness → 404'}, candidate: {litellm: false, evidence: 'GET /health/readiness → 404'}});
		expect(rules.notApplicable({tags: ['litellm']})).toMatch(/neither target answers like LiteLLM.*404.*flavour: openai/);
		expect(rules.notApplicable({})).toBeUndefined();
		const oneSide = flavourRules({flavour: 'litellm'}, {baseline: {litellm: true, evidence: 'x'}, candidate: {litellm: false, evidence: 'y'}});
		expect(oneSide.notApplicable({tags: ['litellm']})).toBeUndefined();
	});
});

describe('openai-flavour judging', () => {
	const missingKey: Check = checkSchema.parse({
		id: 'x.missing-key',
		probe: 'http',
		request: {method: 'POST', path: '/v1/chat/completions', auth: 'none', json: {}},
		expect: {status: 401, asserts: [{query: 'jsonpath $.error.message', equals: 'Authentication Error, No api key passed in.'}, {query: 'jsonpath $.error.type', equals: 'auth_error'}]},
		compare: {body: 'exact', presence: ['x-litellm-version', 'x-request-id']},
	});

	it('judges an error by its status class and the OpenAI envelope instead of LiteLLM texts', () => {
		const adapted = flavourRules({flavour: 'openai'}).adapt(missingKey);
		const openAiAnswer = observation(401, {error: {message: 'You did not provide an API key.', type: 'invalid_request_error', param: null, code: null}});
		expect(evaluateExpectation(openAiAnswer, adapted.expect).every(outcome => outcome.passed)).toBe(true);
		// A 403 is still a refusal; a 200 is not; a refusal without the envelope breaks the promise.
		expect(evaluateExpectation(observation(403, {error: {message: 'no'}}), adapted.expect).every(outcome => outcome.passed)).toBe(true);
		const accepted = evaluateExpectation(observation(200, {id: 'chatcmpl-1'}), adapted.expect);
		expect(accepted.find(outcome => !outcome.passed)?.description).toBe('status is 4xx');
		expect(evaluateExpectation(observation(400, {status: 'failure', message: 'header required'}), adapted.expect).some(outcome => !outcome.passed)).toBe(true);
		expect(adapted.compare.presence).toEqual(['x-request-id']);
		expect(adapted.compare.status).toBe(false);
		// On LiteLLM the exact texts stay.
		const liteLlm = flavourRules({flavour: 'litellm'}).adapt(missingKey);
		expect(evaluateExpectation(openAiAnswer, liteLlm.expect).some(outcome => !outcome.passed)).toBe(true);
	});

	it('drops asserts tagged litellm only where the flavour lacks the tag', async () => {
		const catalog = await loadCatalog();
		const list = catalog.checks.find(entry => entry.check.id === 'api.models.list')!.check;
		const asOpenAi = flavourRules({flavour: 'openai'}).adapt(list);
		const asLiteLlm = flavourRules({flavour: 'litellm'}).adapt(list);
		expect(asOpenAi.expect.asserts!.length).toBe(list.expect.asserts!.length - 2);
		expect(asLiteLlm.expect.asserts).toEqual(list.expect.asserts);
	});

	it('calls a route that both gateways answer 404 not served, not a failure', () => {
		const rules = flavourRules({flavour: 'openai'});
		const check = rules.adapt(checkSchema.parse({id: 'x.speech', probe: 'http', request: {method: 'POST', path: '/v1/audio/speech', json: {}}}));
		expect(rules.neitherServes(check, observation(404, {}), {...observation(404, {}), side: 'candidate'})).toMatch(/neither gateway serves POST \/v1\/audio\/speech/);
		expect(rules.neitherServes(check, observation(404, {}), {...observation(200, {}), side: 'candidate'})).toBeUndefined();
		expect(flavourRules({flavour: 'litellm'}).neitherServes(check, observation(404, {}), {...observation(404, {}), side: 'candidate'})).toBeUndefined();
	});

	it('titles the report after the profile, else after the flavour', () => {
		expect(reportTitle({flavour: 'openai'})).toBe('OpenAI-compatible gateway parity');
		expect(reportTitle({})).toBe('LiteLLM + LLMRouter feature parity');
		expect(reportTitle({title: 'Portkey 1.15 vs 1.9', flavour: 'openai'})).toBe('Portkey 1.15 vs 1.9');
	});
});

describe('path prefixes and headers', () => {
	it('ships a worked example for a gateway that needs headers and a prefix', async () => {
		const example = await loadProfileFile(path.resolve('profiles/openai-gateway.yaml'));
		expect(example.flavour).toBe('openai');
		expect([example.baseline.pathPrefix, example.candidate.pathPrefix]).toEqual(['/ai', '/ai']);
		expect(example.baseline.headers).toEqual({'x-portkey-provider': 'openai', 'x-portkey-custom-host': '${env.UPSTREAM_URL}'});
	});

	it('accepts plain path prefixes and refuses anything that could leave the host', () => {
		expect(checkPathPrefix('/gateway/openai/', 'x')).toBe('/gateway/openai');
		expect(checkPathPrefix(undefined, 'x')).toBe('');
		for (const bad of ['gateway', '//evil.example', '/a/../b', '/%2e%2e/x', '/a b', '/a?x=1', '/a#b', '/a\\b', '/%2F/evil', '/a/%zz']) {
			expect(pathPrefixProblem(bad), bad).toBeDefined();
		}

		expect(() => checkPathPrefix('gateway', 'profile p baseline.pathPrefix')).toThrow(/profile p baseline\.pathPrefix: path prefix 'gateway' must start with \//);
		const parsed = profileSchema.safeParse({name: 'p', baseline: {url: 'http://a', pathPrefix: '//evil'}, candidate: {url: 'http://b', headers: {'bad header': 'x'}}});
		expect(parsed.success).toBe(false);
		expect(parsed.error!.issues.map(issue => issue.path.join('.'))).toEqual(['baseline.pathPrefix', 'candidate.headers.bad header']);
	});

	it('keeps a gateway’s routing headers readable and masks the ones that carry credentials', () => {
		const context = {env: {UPSTREAM_URL: 'http://127.0.0.1:9/v1'}, where: 'test'};
		expect(resolveHeaderValue('openai', context, 'x-portkey-provider')).toBe('openai');
		expect(resolveHeaderValue('${env.UPSTREAM_URL}', context, 'x-portkey-custom-host')).toBe('http://127.0.0.1:9/v1');
		resolveHeaderValue('tenant-secret-value', context, 'x-tenant-token');
		resolveHeaderValue('pk-Z9y8X7w6V5u4T3s2', context, 'x-routing');
		const shown = redact('provider openai at http://127.0.0.1:9/v1 with tenant-secret-value and pk-Z9y8X7w6V5u4T3s2');
		expect(shown).toContain('provider openai at http://127.0.0.1:9/v1');
		expect(shown).not.toContain('tenant-secret-value');
		expect(shown).not.toContain('pk-Z9y8X7w6V5u4T3s2');
	});

	it('parses name: value headers and names the flag on a mistake', () => {
		expect(parseHeaderFlag('x-portkey-provider: openai', '--baseline-header')).toEqual(['x-portkey-provider', 'openai']);
		expect(parseHeaderFlag('x-a:b:c', '--candidate-header')).toEqual(['x-a', 'b:c']);
		expect(() => parseHeaderFlag('no-colon', '--candidate-header')).toThrow(/^--candidate-header needs 'name: value' and the value given has no name before a ':'/);
		expect(() => parseHeaderFlag('bad name: v', '--baseline-header')).toThrow(/--baseline-header: header name 'bad name'/);
	});
});

describe('the same-failure notice', () => {
	it('names a side whose every answer was the same 4xx, with the gateway’s own text', () => {
		const watch = new SameFailureWatch();
		const ref = (check: string) => ({category: 'api', categoryTitle: 'API', row: 'api.x', feature: 'x', check, title: check, probe: 'http'});
		watch.observe({type: 'run-started', runId: 'r', startedAt: '', profile: 'p', targets: {baseline: {url: ''}, candidate: {url: ''}}, checks: [0, 1, 2, 3].map(index => ref(`c${index}`))});
		const text = {status: 'failure', message: 'Either x-portkey-config or x-portkey-provider header is required'};
		for (let index = 0; index < 4; index++) {
			watch.observe({
				type: 'check-finished',
				check: `c${index}`,
				result: undefined as never,
				observations: {baseline: observation(200, {}), candidate: {...observation(400, text), side: 'candidate'}},
			});
		}

		const notices = watch.notices();
		expect(notices).toHaveLength(1);
		expect(notices[0]).toMatch(/^configuration mistake: every request to the candidate failed the same way \(4 answers, all HTTP 400: .*x-portkey-provider header is required/);
	});
});

describe('command-line mistakes', () => {
	const cli = path.resolve('dist/source/cli.js');
	const run = async (args: string[]) => execa('node', [cli, 'run', '--baseline', 'http://127.0.0.1:9', '--candidate', 'http://127.0.0.1:9', '--no-history', ...args], {reject: false, env: {LITELLM_PARITY_HOME: await mkdtemp(path.join(tmpdir(), 'parity-home-'))}});
	it.each([
		[['--flavour', 'portkey'], /^litellm-parity: --flavour 'portkey' is not one of litellm, litellm-llmrouter, openai$/],
		[['--baseline-header', 'x-portkey-provider'], /^litellm-parity: --baseline-header needs 'name: value' and the value given has no name before a ':'/],
		[['--candidate-prefix', 'v1'], /^litellm-parity: --candidate-prefix: path prefix 'v1' must start with \/$/],
		[['--candidate-prefix', '//evil.example'], /^litellm-parity: --candidate-prefix: path prefix '\/\/evil\.example' must not start with \/\//],
		[['--baseline-health-path', 'health'], /^litellm-parity: --baseline-health-path: health path 'health' must start with \/$/],
	])('%j exits 2 with one line', async (args, message) => {
		const result = await run(args);
		expect(result.exitCode).toBe(2);
		expect(result.stderr.trim().split('\n')).toHaveLength(1);
		expect(result.stderr.trim()).toMatch(message);
	});
});
