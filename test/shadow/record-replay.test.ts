// Record then replay: the exchanges a shadow session keeps (redacted, bounded, valid against the published schema)
// turn into checks that find the same differences when run against both targets again.
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Ajv} from 'ajv';
import {afterEach, describe, expect, test} from 'vitest';
import {request} from 'undici';
import {loadCatalog} from '../../source/catalog/catalog.js';
import {runChecks} from '../../source/engine/run.js';
import {startSimulator} from '../../source/testbed/simulator/index.js';
import type {ShadowExchange} from '../../source/shadow/exchange.js';
import {startShadow} from '../../source/shadow/proxy.js';
import {Recorder} from '../../source/shadow/recorder.js';
import {loadRecording, replayRows} from '../../source/shadow/replay.js';
import {RouteRules} from '../../source/shadow/rules.js';
import {profileSchema} from '../../source/targets/profile-schema.js';
import {openTargets} from '../../source/targets/open.js';
import {standIns} from '../../source/testbed/index.js';
import {testKey} from '../helpers/targets.js';
import {injectingServer} from './servers.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const candidateKey = 'sk-candidate-only-key-5678';
const clientKey = 'sk-client-own-secret-key-4242';

async function pair() {
	const baseline = await startSimulator({personality: 'baseline', masterKey: testKey, seed: 1});
	const twin = await startSimulator({personality: 'baseline', masterKey: candidateKey, seed: 7});
	const candidate = await injectingServer(twin.url, {method: 'GET', path: '/v1/models'}, json => ({...json, object: 'catalogue'}));
	cleanups.push(() => baseline.close(), () => twin.close(), () => candidate.close());
	const profile = profileSchema.parse({name: 'replay-test', baseline: {url: baseline.url, key: testKey}, candidate: {url: candidate.url, key: candidateKey}});
	const opened = await openTargets(profile, {standIns});
	cleanups.push(() => opened.close());
	return {profile, opened};
}

async function send(base: string, path: string, body?: unknown, key = testKey) {
	const answer = await request(base + path, {
		method: body === undefined ? 'GET' : 'POST',
		headers: {authorization: `Bearer ${key}`, ...(body === undefined ? {} : {'content-type': 'application/json'})},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	await answer.body.arrayBuffer();
}

describe('record and replay', () => {
	test('a recording replays into checks that reproduce the differences, route by route', async () => {
		const {profile, opened} = await pair();
		const catalog = await loadCatalog();
		const shadow = await startShadow({targets: opened.targets, rules: new RouteRules(catalog), noiseFraction: 0.5});
		cleanups.push(() => shadow.close());
		const recorder = new Recorder();
		shadow.onExchange(exchange => recorder.add(exchange));
		for (let round = 0; round < 3; round++) {
			await send(shadow.url, '/v1/models');
			await send(shadow.url, '/v1/chat/completions', {model: 'gpt-4o-mini', messages: [{role: 'user', content: `hello ${round}`}], mock_response: 'hi'});
			await send(shadow.url, '/v1/chat/completions', {model: 'gpt-4o-mini', stream: true, messages: [{role: 'user', content: 'count'}], mock_response: 'one two'});
			await send(shadow.url, '/v1/embeddings', {model: 'text-embedding-3-small', input: 'x'});
		}

		await shadow.settled();
		const live = Object.fromEntries(shadow.routes().map(route => [route.route, route.verdict]));
		expect(live).toEqual({'GET /v1/models': 'drift', 'POST /v1/chat/completions': 'parity', 'POST /v1/embeddings': 'parity'});

		const folder = await mkdtemp(join(tmpdir(), 'shadow-record-'));
		cleanups.push(() => rm(folder, {recursive: true, force: true}));
		const file = join(folder, 'traffic.json');
		await recorder.save(file, {profile: profile.name, targets: opened.targets});
		const text = await readFile(file, 'utf8');
		const schema = JSON.parse(await readFile('schemas/shadow-record.schema.json', 'utf8')) as object;
		const validate = new Ajv({strict: false}).compile(schema);
		expect(validate(JSON.parse(text)), JSON.stringify(validate.errors)).toBe(true);
		expect(text).not.toContain(testKey);
		expect(text).not.toContain(candidateKey);

		const recording = await loadRecording(file);
		expect(recording.exchanges).toHaveLength(12);
		const {rows, left} = replayRows(recording, catalog, file);
		expect(left).toEqual([]);
		const finished = await runChecks({rows, profile, targets: opened.targets});
		const verdictsByRoute = new Map<string, Set<string>>();
		for (const result of finished.results) {
			const set = verdictsByRoute.get(result.feature) ?? new Set();
			set.add(result.verdict);
			verdictsByRoute.set(result.feature, set);
		}

		expect(Object.fromEntries([...verdictsByRoute].map(([route, set]) => [route, [...set].sort()]))).toEqual({
			'GET /v1/models': ['drift'],
			'POST /v1/chat/completions': ['parity'],
			'POST /v1/embeddings': ['parity'],
		});
		const models = finished.results.find(result => result.feature === 'GET /v1/models')!;
		expect(models.differences.some(difference => difference.path === '$.object' && !difference.noise)).toBe(true);
		expect(models.reason).toBeDefined();
		// The replay sent the streamed request as a stream and judged it with the stream check's rules.
		expect(finished.results.filter(result => result.title.includes('rules of api.chat-completions.stream'))).toHaveLength(3);

		// The profile's acknowledgement of the models row holds for the replayed models requests too.
		const acknowledged = replayRows(recording, catalog, file, [{id: 'renamed-object', check: 'api.models', path: '$.object', reason: 'the candidate names its list a catalogue'}]);
		const again = await runChecks({rows: acknowledged.rows, profile, targets: opened.targets});
		expect([...new Set(again.results.filter(result => result.feature === 'GET /v1/models').map(result => result.verdict))]).toEqual(['expected']);
	}, 60_000);

	test("the client's own key never reaches the recording, headers or bodies", async () => {
		const {profile, opened} = await pair();
		const shadow = await startShadow({targets: opened.targets, noiseFraction: 0});
		cleanups.push(() => shadow.close());
		const recorder = new Recorder();
		const exchanges: ShadowExchange[] = [];
		shadow.onExchange(exchange => {
			exchanges.push(exchange);
			recorder.add(exchange);
		});
		// LiteLLM without that key answers 401 and echoes nothing secret; the body carries the key to prove bodies are scrubbed too.
		await send(shadow.url, '/v1/chat/completions', {model: 'gpt-4o-mini', messages: [{role: 'user', content: `my key is ${clientKey}`}]}, clientKey);
		await shadow.settled();
		const saved = JSON.stringify(recorder.document({profile: profile.name, targets: opened.targets}));
		expect(saved).not.toContain(clientKey);
		expect(JSON.stringify(exchanges)).not.toContain(clientKey);
		expect(exchanges[0]!.request.headers.authorization).toMatch(/^Bearer sk-\*+/);
	});

	test('recordings are bounded: per route, overall, and differing exchanges are kept over ones in parity', () => {
		const recorder = new Recorder({maxExchanges: 4, maxPerRoute: 3, maxBodyBytes: 1024});
		const exchange = (id: number, route: string, verdict: ShadowExchange['verdict']): ShadowExchange => ({
			id,
			at: new Date(0).toISOString(),
			route,
			streamed: false,
			request: {method: 'GET', path: '/x', headers: {}},
			verdict,
			differences: [],
			baseline: {side: 'baseline', reached: true, status: 200, headers: {}, timing: {totalMs: 1}},
			candidate: {side: 'candidate', reached: true, status: 200, headers: {}, timing: {totalMs: 1}},
			noiseSample: false,
		});
		for (let id = 1; id <= 5; id++) recorder.add(exchange(id, 'GET /a', 'parity'));
		recorder.add(exchange(6, 'GET /a', 'drift'));
		recorder.add(exchange(7, 'GET /b', 'parity'));
		recorder.add(exchange(8, 'GET /b', 'gap'));
		const kept = recorder.document({profile: 'p', targets: {baseline: {url: 'b'}, candidate: {url: 'c'}}}).exchanges;
		expect(kept.length).toBe(4);
		expect(kept.map(entry => entry.id)).toEqual([3, 6, 7, 8]);
		expect(recorder.skipped).toBe(4);
	});

	test('a broken recording is refused with the file and what is wrong', async () => {
		const folder = await mkdtemp(join(tmpdir(), 'shadow-record-'));
		cleanups.push(() => rm(folder, {recursive: true, force: true}));
		const file = join(folder, 'bad.json');
		const {writeFile} = await import('node:fs/promises');
		await writeFile(file, JSON.stringify({format: 'litellm-parity-shadow-record', schemaVersion: 2}));
		await expect(loadRecording(file)).rejects.toThrow(`${file} schemaVersion: recorded with schemaVersion 2`);
		await writeFile(file, '{"format": "litellm-parity-shadow-record", "schemaVersion": 1, "exchanges": 3}');
		await expect(loadRecording(file)).rejects.toThrow(/bad\.json:1/);
		await expect(loadRecording(join(folder, 'missing.json'))).rejects.toThrow('recording not found');
		await expect(loadRecording(folder)).rejects.toThrow('is a folder');
	});
});
