import {mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {closedPort, runProfile, silentServer, simulatorPair, urlProfile} from '../helpers/targets.js';
import {profileSchema} from '../../source/targets/profile-schema.js';
import {startSimulator} from '../../source/testbed/simulator/index.js';

/** An HTTP server that reads every request and never answers; open() counts the requests not yet closed. */
async function holdingServer() {
	let open = 0;
	const server = createServer(request => {
		open++;
		request.resume();
		request.socket.once('close', () => open--);
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		open: () => open,
		close: () => new Promise<void>(resolve => (server.closeAllConnections(), server.close(() => resolve()))),
	};
}

const coreRows = ['health.health', 'health.liveliness', 'health.readiness', 'api.models', 'api.chat-completions'];

describe('engine against identical targets', () => {
	let pair: Awaited<ReturnType<typeof simulatorPair>>;
	beforeAll(async () => {
		pair = await simulatorPair({}, {personality: 'baseline'});
	});
	afterAll(() => pair.close());

	it('gives parity on every core row, with events in order', async () => {
		const {finished, events} = await runProfile(urlProfile(pair.baseline.url, pair.candidate.url), {checks: coreRows});
		expect(finished.results.length).toBeGreaterThanOrEqual(10);
		for (const result of finished.results) expect([result.check, result.verdict, result.reason]).toEqual([result.check, 'parity', undefined]);
		expect(events[0]!.type).toBe('run-started');
		expect(events.at(-1)!.type).toBe('run-finished');
		const started = events.filter(event => event.type === 'check-started').length;
		expect(events.filter(event => event.type === 'check-finished')).toHaveLength(started);
		expect(events.some(event => event.type === 'side-progress' && event.progress.kind === 'chunk')).toBe(true);
	});
});

describe('engine against the demo pair (deliberate gaps)', () => {
	let result: Awaited<ReturnType<typeof runProfile>>;
	beforeAll(async () => {
		const demo = profileSchema.parse({
			name: 'demo-test',
			baseline: {embedded: 'baseline', key: 'sk-demo-test-key-0000'},
			candidate: {embedded: 'candidate', key: 'sk-demo-test-key-0000', adminKey: 'sk-demo-test-key-0000'},
			expected: [{id: 'models-router-group', check: 'api.models', side: 'candidate', path: '$.data', reason: 'router group'}],
		});
		result = await runProfile(demo, {categories: ['api', 'health', 'llmrouter']});
	}, 60_000);

	it('finds the missing batches API and the failing speech endpoint as gaps', () => {
		expect(result.byCheck['api.batches.lifecycle']!.verdict).toBe('gap');
		expect(result.byCheck['api.batches.lifecycle']!.reason).toContain('candidate');
		expect(result.byCheck['api.audio-speech.mp3']!.verdict).toBe('gap');
		expect(result.byCheck['api.audio-speech.mp3']!.reason).toContain('500');
	});

	it('finds the slower chat as latency drift and the old readiness shape as drift', () => {
		const chat = result.byCheck['api.chat-completions.basic']!;
		expect(chat.verdict).toBe('drift');
		expect(chat.differences.find(difference => difference.kind === 'latency')).toBeDefined();
		const readiness = result.byCheck['health.readiness.body']!;
		expect(readiness.verdict).toBe('drift');
		expect(readiness.differences.filter(difference => !difference.noise).map(difference => difference.path).sort()).toEqual(['$.is_detailed_debug', '$.log_level']);
	});

	it('acknowledges the extra router model group as expected, with its reason', () => {
		expect(result.byCheck['api.models.list']!.verdict).toBe('expected');
		expect(result.byCheck['api.models.list']!.reason).toBe('router group');
	});

	it('reports the LLMRouter additions as bonus, and the missing MLP router as a gap', () => {
		expect(result.byCheck['llmrouter.knn-router.registered']!.verdict).toBe('bonus');
		expect(result.byCheck['llmrouter.mlp-router.registered']!.verdict).toBe('gap');
	});

	it('finds the dropped batches routes on the route-surface row and lists the LLMRouter routes as added, not as findings', () => {
		const routes = result.byCheck['api.route-surface.routes']!;
		expect(routes.verdict).toBe('drift');
		const findings = routes.differences.filter(difference => !difference.noise);
		expect(findings.length).toBeGreaterThan(0);
		for (const difference of findings) expect([difference.kind, difference.path]).toEqual(['missing', expect.stringMatching(/batches/)]);
		const facts = routes.facts!.candidate!;
		expect(facts.added).toEqual(expect.arrayContaining(['POST /llmrouter/reload']));
		expect(facts.dropped).toEqual(expect.arrayContaining(['POST /v1/batches']));
	});

	it('keeps every other API and health check at parity', () => {
		const deliberate = new Set(['api.route-surface.routes', 'api.batches.lifecycle', 'api.audio-speech.mp3', 'api.chat-completions.basic', 'health.readiness.body', 'api.models.list', 'api.models.alias', 'api.models.info']);
		const others = result.finished.results.filter(entry => (entry.category === 'api' || entry.category === 'health') && !deliberate.has(entry.check));
		expect(others.filter(entry => entry.verdict !== 'parity').map(entry => `${entry.check}: ${entry.verdict} ${entry.reason}`)).toEqual([]);
	});
});

describe('engine failure modes', () => {
	it('reports a refused connection in plain words', async () => {
		const pair = await simulatorPair();
		try {
			const port = await closedPort();
			const {byCheck} = await runProfile(urlProfile(pair.baseline.url, `http://127.0.0.1:${port}`), {checks: ['health.liveliness.public']});
			const result = byCheck['health.liveliness.public']!;
			expect(result.verdict).toBe('error');
			expect(result.reason).toBe(`candidate unreachable: connection refused by 127.0.0.1:${port}: is the proxy running on that port?`);
			expect(result.candidate.error).toBe(`connection refused by 127.0.0.1:${port}: is the proxy running on that port?`);
			expect(result.baseline.ok).toBe(true);
		} finally {
			await pair.close();
		}
	});

	it('times a target that never answers out after the check timeout', async () => {
		const silent = await silentServer();
		const baseline = await startSimulator({personality: 'baseline'});
		try {
			const profile = urlProfile(baseline.url, silent.url, {options: {timeoutMs: 400}});
			const {byCheck} = await runProfile(profile, {checks: ['health.liveliness.public']});
			// The check's own time limit ended it (the message names it), not the test's.
			expect(byCheck['health.liveliness.public']!.verdict).toBe('error');
			expect(byCheck['health.liveliness.public']!.candidate.error).toMatch(/^timed out after 400 ms waiting for the response headers/);
		} finally {
			await Promise.all([silent.close(), baseline.close()]);
		}
	});

	it('cancels mid-request through the AbortSignal: the requests in flight are closed, every check is skipped', async () => {
		// Servers that hold every request open: only the cancel can end this run (the check timeout is 10 minutes).
		const held = await Promise.all([holdingServer(), holdingServer()]);
		try {
			const controller = new AbortController();
			const profile = urlProfile(held[0]!.url, held[1]!.url, {options: {timeoutMs: 600_000}});
			const running = runProfile(profile, {checks: ['health.liveliness.public', 'api.models.list']}, {signal: controller.signal});
			await vi.waitFor(() => expect(held.every(server => server.open() > 0)).toBe(true), {timeout: 30_000, interval: 10});
			controller.abort();
			const {finished} = await running;
			expect(finished.cancelled).toBe(true);
			expect(finished.results.every(entry => entry.verdict === 'skipped' && entry.reason === 'cancelled')).toBe(true);
			await vi.waitFor(() => expect(held.map(server => server.open())).toEqual([0, 0]), {timeout: 30_000, interval: 10});
		} finally {
			await Promise.all(held.map(server => server.close()));
		}
	});

	it('reports rows without checks as skipped with "no check yet"', async () => {
		const pair = await simulatorPair();
		const directory = await mkdtemp(path.join(tmpdir(), 'parity-rows-'));
		await writeFile(path.join(directory, 'later.yaml'), 'schemaVersion: 1\ncategory: {id: later, title: Later, section: validation}\nrows:\n  - {id: later.row, feature: Arrives later}\n');
		try {
			const {finished} = await runProfile(urlProfile(pair.baseline.url, pair.candidate.url), {}, {checksDirectory: directory});
			expect(finished.results).toHaveLength(1);
			expect(finished.results[0]).toMatchObject({verdict: 'skipped', reason: 'no check yet'});
		} finally {
			await pair.close();
		}
	});
});
