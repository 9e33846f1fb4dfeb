// The explorer on a small terminal (80×24, a laptop) and a large one (160×45), drawn from states the reducer builds:
// the header keeps every word whole (abbreviating or dropping parts on purpose), the Diff tab keeps the first
// differences in view under a long reason, and what each target turned out to be (LiteLLM x.y.z, or not LiteLLM) is
// on screen, masked.
import {createServer, type Server} from 'node:http';
import {renderToString} from 'ink';
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {verdicts, type CheckResult, type Difference, type RunEvent, type RunSummary} from '../../source/domain.js';
import {identityNotice, type GatewayIdentity} from '../../source/targets/identify.js';
import {registerSecret} from '../../source/targets/secrets.js';
import {screenGeometry} from '../../source/ui/components/geometry.js';
import {countsLine, segmentsWidth, shortUrl, targetLine, type HeaderInput} from '../../source/ui/components/header-layout.js';
import {Layout} from '../../source/ui/components/Layout.js';
import {diffLayout} from '../../source/ui/components/tabs/diff-layout.js';
import {reducer, type Action} from '../../source/ui/model/reducer.js';
import {initialState, type ExplorerState} from '../../source/ui/model/state.js';
import {InlineBackend} from '../../source/ui/host/inline-backend.js';
import {loadProfileFile, ProfileStore} from '../../source/targets/profiles.js';
import {renderExplorer, shippedCatalog, temporaryFolder, type Harness} from './harness.js';

let harness: Harness | undefined;
let server: Server | undefined;
afterEach(async () => {
	await harness?.cleanup();
	harness = undefined;
	await new Promise(resolve => (server ? server.close(resolve) : resolve(undefined)));
	server = undefined;
});

const small = {columns: 80, rows: 24} as const;
const large = {columns: 160, rows: 45} as const;
const secret = 'sk-parity-narrow-secret-5a4b3c2d1e0f1807';
registerSecret(secret);

const row = 'api.chat-completions';
const check = 'api.chat-completions.basic';
const ref = {category: 'api', categoryTitle: 'API Endpoints', row, feature: '/v1/chat/completions', check, title: 'basic', probe: 'http'};
const differences: Difference[] = Array.from({length: 12}, (_, index) => ({path: `$.choices[${index}].text`, kind: 'value', baseline: `a-${index}`, candidate: `b-${index}`, noise: false}));
// Long enough to wrap to three lines and more at 80 columns.
const reason = differences.map(difference => `${difference.path} differs between the sides`).join('; ');
const summary: RunSummary = {parity: 37, gap: 3, drift: 5, bonus: 11, 'both-fail': 1, expected: 2, skipped: 14, error: 2};

function draw(state: ExplorerState, size: {columns: number; rows: number}): string {
	return renderToString(<Layout state={state} columns={size.columns} rows={size.rows} frame={0} />, {columns: size.columns});
}

/** A state built as the explorer builds it: catalog, an open profile, a finished run, the row's Diff tab focused. */
async function stateAfterRun(extra: Action[] = []): Promise<ExplorerState> {
	const catalog = await shippedCatalog({rows: [row]});
	const profile = await loadProfileFile('profiles/demo.yaml');
	const result: CheckResult = {...ref, verdict: 'drift', reason, baseline: {ok: true, status: 200, failures: []}, candidate: {ok: true, status: 200, failures: []}, differences, durationMs: 3};
	const targets = {baseline: {url: 'http://127.0.0.1:37217'}, candidate: {url: 'http://127.0.0.1:38129'}};
	const events: RunEvent[] = [
		{type: 'run-started', runId: 'r1', startedAt: '2026-01-01T00:00:00.000Z', profile: 'demo', targets, checks: [ref]},
		{type: 'check-finished', check, result, observations: {}},
		{type: 'run-finished', finishedAt: '2026-01-01T00:00:01.000Z', durationMs: 1000, cancelled: false, summary: {...summary, drift: 1}, results: [result]},
	];
	const actions: Action[] = [
		{type: 'catalog-loaded', catalog},
		{type: 'profile-opened', profile, origin: 'profiles/demo.yaml', targets},
		{type: 'run-requested', label: 'everything'},
		{type: 'run-events', events},
		{type: 'move', delta: 1},
		{type: 'focus', focus: 'detail'},
		...extra,
	];
	const state = actions.reduce<ExplorerState>((current, action, index) => reducer(current, action, {id: index + 1, at: '2026-01-01T00:00:00.000Z'}), initialState());
	return {...state, toast: undefined};
}

const headerLines = (frame: string, state: ExplorerState, columns: number) => frame.split('\n').slice(0, screenGeometry({columns, rows: 24}, state).headerHeight);
const words = (lines: string[]) => lines.join(' ').split(/\s+/).filter(Boolean);

describe('the header at 80 columns keeps every word whole', () => {
	const input: HeaderInput = {
		profileName: 'demo',
		origin: 'profiles/demo.yaml',
		connection: {phase: 'open'},
		targets: {baseline: {url: 'http://127.0.0.1:37217'}, candidate: {url: 'http://127.0.0.1:38129'}},
		health: {baseline: {ok: false, error: 'connect ECONNREFUSED 127.0.0.1:37217', checkedAt: 0} as never, candidate: {ok: true, status: 200, checkedAt: 0} as never},
		counts: summary,
		run: {runId: 'r', label: 'Published routes (/openapi.json, /routes)', total: 73, finished: 69, startedAt: '', cancelling: false},
		versions: {baseline: '1.81.13', candidate: '1.81.13'},
	};
	const text = (segments: {text: string}[]) => segments.map(segment => segment.text).join('');

	it('a down target says "refused" whole, and the URLs give way first (to their port)', () => {
		const line = targetLine(input, 80);
		expect(segmentsWidth(line)).toBeLessThanOrEqual(80);
		expect(text(line)).toMatch(/ baseline :37217 refused ⇄ /);
		expect(text(line)).toContain('candidate :38129');
		// At 160 nothing is abbreviated: the origin, the whole URLs and each side's version.
		expect(text(targetLine(input, 160))).toBe('litellm-parity · profile demo (profiles/demo.yaml)   ● baseline http://127.0.0.1:37217 refused ⇄ ● candidate http://127.0.0.1:38129 · LiteLLM 1.81.13');
	});

	it('the counts become symbols with their numbers (zeros dropped) instead of losing the last verdicts', () => {
		const line = text(countsLine({...input, counts: {...summary, expected: 0}}, 80));
		expect(line.length).toBeLessThanOrEqual(80);
		// Every non-zero verdict is there with its count, the error one (the last) included; the zero is dropped.
		expect(line).toContain('✓37 ✗3 ≠5 +11 ‼1 -14 !2');
		expect(line).not.toContain('≈');
		expect(line).toContain('69/73');
		// At 160: all eight verdicts in words, zeros included, and the run's label.
		const wide = text(countsLine(input, 160));
		for (const verdict of verdicts) expect(wide).toContain(`${summary[verdict]} ${verdict}`);
		expect(wide).toContain('Published routes (/openapi.json, /routes): 69/73');
		expect(text(countsLine({counts: {...summary, parity: 0, gap: 0, drift: 0, bonus: 0, 'both-fail': 0, expected: 0, skipped: 0, error: 0}}, 80))).toBe('no verdicts yet');
	});

	it('a host name loses its first labels, an IP address keeps only its port', () => {
		expect(shortUrl('https://litellm.prod.example.com:4000', 20)).toBe('…example.com:4000');
		expect(shortUrl('http://127.0.0.1:37217', 12)).toBe(':37217');
		expect(shortUrl('http://127.0.0.1:37217', 15)).toBe('127.0.0.1:37217');
	});

	it('drawn at 80×24, every word of the header is one the 160-column header has (or a count, or a port)', async () => {
		const state = await stateAfterRun([
			{type: 'health', side: 'baseline', liveness: input.health.baseline!},
			{type: 'health', side: 'candidate', liveness: input.health.candidate!},
			{type: 'run-events', events: [{type: 'run-finished', finishedAt: '2026-01-01T00:00:02.000Z', durationMs: 1, cancelled: false, summary, results: []}]},
		]);
		const full = {...state, checks: Object.fromEntries(verdicts.map((verdict, index) => [`c${index}`, {id: `c${index}`, row, category: 'api', title: '', probe: 'http', status: 'done' as const, result: {...ref, verdict, reason: '', baseline: {ok: true, failures: []}, candidate: {ok: true, failures: []}, differences: [], durationMs: 1}}]))};
		const narrow = headerLines(draw(full, small), full, 80);
		const wide = new Set(words(headerLines(draw(full, large), full, 160)));
		expect(narrow.join('\n')).toMatch(/\brefused\b/);
		for (const word of words(narrow)) {
			const allowed = wide.has(word) || /^[✓✗≠+‼≈\-!]\d+$/.test(word) || /^:\d+$/.test(word);
			expect(allowed, `"${word}" in\n${narrow.join('\n')}`).toBe(true);
		}

		// One check of each verdict: the narrow header shows all eight, the error one too.
		expect(narrow[1]).toContain('✓1 ✗1 ≠1 +1 ‼1 ≈1 -1 !1');
	});
});

describe('the Diff tab keeps the first differences in view', () => {
	it('at 80×24, under a reason that wraps to three lines and more, the verdict and the first differing lines are drawn', async () => {
		const state = await stateAfterRun([{type: 'versions', versions: {baseline: '1.81.13', candidate: '1.80.0'}}]);
		const frame = draw(state, small);
		expect(frame.split('\n')).toHaveLength(screenGeometry(small, state).height);
		expect(frame).toContain('≠ drift · api.chat-completions.basic');
		for (const index of [0, 1, 2]) expect(frame, `difference ${index}\n${frame}`).toMatch(new RegExp(`\\$\\.choices\\[${index}\\]\\.text +value`));
		// The reason is cut between words and says so.
		expect(frame).toMatch(/differs between the…|the sides…/);

		const wide = draw(state, large);
		expect(wide).toContain('≠ drift · api.chat-completions.basic');
		expect(wide).toContain('baseline ✓ meets expectations · HTTP 200');
		for (const index of [0, 1, 2, 3, 4, 5]) expect(wide).toMatch(new RegExp(`\\$\\.choices\\[${index}\\]\\.text +value`));
	});

	it('the window is a function of the size: never taller than the tab, the first differences always in it', () => {
		const result: CheckResult = {...ref, verdict: 'drift', reason, baseline: {ok: true, failures: []}, candidate: {ok: true, failures: []}, differences, durationMs: 1};
		for (const height of [5, 6, 8, 10, 14, 30]) {
			const layout = diffLayout({result, rows: differences, width: 76, height, offset: 0, focused: true, hiddenNoise: 0});
			const drawn = 1 + layout.reasonLines.length + (layout.showSides ? 2 : 0) + 1 + layout.listHeight + (layout.showSelected ? 1 : 0) + (layout.showFooter ? 1 : 0);
			expect(drawn, `height ${height}`).toBeLessThanOrEqual(height);
			expect(layout.start).toBe(0);
			expect(layout.listHeight).toBeGreaterThanOrEqual(3);
		}

		// Scrolled to the end, the last difference is in the window.
		const end = diffLayout({result, rows: differences, width: 76, height: 8, offset: differences.length - 1, focused: true, hiddenNoise: 0});
		expect(end.start + end.listHeight).toBe(differences.length);
	});
});

describe('what each target turned out to be', () => {
	const identity: GatewayIdentity = {
		baseline: {litellm: true, evidence: 'GET /health/readiness reports litellm_version 1.81.13'},
		candidate: {litellm: false, evidence: `GET /health/readiness → 404 without litellm_version (?key=${secret})`},
	};
	const notice = identityNotice('litellm', identity)!;

	for (const size of [small, large]) {
		it(`at ${size.columns}×${size.rows}: the version of the LiteLLM side, "not LiteLLM" on the other, the notice above, masked`, async () => {
			const state = await stateAfterRun([
				{type: 'versions', versions: {baseline: '1.81.13'}},
				{type: 'gateway', gateway: {identity, notice}},
			]);
			const frame = draw(state, size);
			expect(frame.split('\n')).toHaveLength(screenGeometry(size, state).height);
			const header = headerLines(frame, state, size.columns).join('\n');
			// At 160 both sides are named; at 80 the stranger is (the version gives way before it does).
			if (size.columns === 160) expect(header).toContain('baseline http://127.0.0.1:37217 LiteLLM 1.81.13');
			expect(header).toMatch(/candidate \S+ not LiteLLM/);
			expect(header).toContain('sk-****1807');
			expect(header).toContain('⚠ flavour litellm, but the candidate does not answer like LiteLLM');
			expect(frame).not.toContain(secret);
		});
	}

	it('both sides on one version: said once when the line is short', async () => {
		const state = await stateAfterRun([
			{type: 'versions', versions: {baseline: '1.81.13', candidate: '1.81.13'}},
			{type: 'gateway', gateway: {identity: {baseline: identity.baseline!, candidate: identity.baseline!}}},
		]);
		const narrow = headerLines(draw(state, small), state, 80);
		expect(narrow).toHaveLength(2);
		expect(narrow[0]).toContain('· LiteLLM 1.81.13');
		expect(headerLines(draw(state, large), state, 160)[0]).toMatch(/baseline http:\/\/127\.0\.0\.1:37217 LiteLLM 1\.81\.13 ⇄ .*candidate http:\/\/127\.0\.0\.1:38129 LiteLLM 1\.81\.13/);
	});
});

describe('the explorer on a real pair: a LiteLLM simulator and a gateway that is not LiteLLM', () => {
	it('says so in the header once the targets are open, at 80×24 and at 160×45', async () => {
		// Another gateway: answers every request, 404 without a litellm_version.
		server = createServer((_request, response) => response.writeHead(404, {'content-type': 'application/json'}).end('{"error":"not found"}'));
		await new Promise<void>(resolve => server!.listen(0, '127.0.0.1', resolve));
		const {port} = server.address() as {port: number};
		const home = await temporaryFolder();
		new ProfileStore({cwd: home}).save({name: 'stranger', baseline: {embedded: {personality: 'baseline'}}, candidate: {url: `http://127.0.0.1:${port}`, key: 'sk-test-key-000000'}});
		const catalog = await shippedCatalog({rows: ['health.liveliness']});
		harness = await renderExplorer({...small, home, choice: {profile: 'stranger'}, backend: new InlineBackend(), loadCatalog: async () => catalog});
		let frame = await harness.waitForText('not LiteLLM');
		const lines = frame.split('\n');
		for (const line of lines) expect([...line].length).toBeLessThanOrEqual(80);
		expect(frame).toMatch(/⚠ flavour [\w-]+, but the candidate does not answer like LiteLLM/);
		expect(lines.find(line => line.includes('not LiteLLM') && line.includes('⇄'))).toMatch(new RegExp(`candidate :${port}( HTTP 404)? not LiteLLM`));
		harness.stdout.resize(large.columns, large.rows);
		// The health poll may have found the 404 by now: its word stands between the URL and the identity.
		frame = await harness.waitForText(new RegExp(`candidate http://127\\.0\\.0\\.1:${port}( HTTP 404)? not LiteLLM`));
		expect(frame).toMatch(/baseline http:\/\/127\.0\.0\.1:\d+ LiteLLM 1\.81\.13 ⇄/);
	});
});
