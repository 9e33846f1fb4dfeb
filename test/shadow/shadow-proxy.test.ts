// The shadow proxy over real HTTP: what the client gets is the baseline's answer byte for byte (streams too, chunk by
// chunk); differences land on their route only; a candidate that is down, hanging or saturated never touches the
// client's answer and is counted as dropped.
import {readdirSync, readFileSync} from 'node:fs';
import {afterEach, describe, expect, test, vi} from 'vitest';
import {request} from 'undici';
import {loadCatalog} from '../../source/catalog/catalog.js';
import {startSimulator} from '../../source/testbed/simulator/index.js';
import {mirrorNice} from '../../source/shadow/mirror-priority.js';
import {startShadow, type ShadowOptions, type ShadowProxy} from '../../source/shadow/proxy.js';
import {RouteRules} from '../../source/shadow/rules.js';
import {profileSchema} from '../../source/targets/profile-schema.js';
import {openTargets, type OpenTargets} from '../../source/targets/open.js';
import {standIns} from '../../source/testbed/index.js';
import {closedPort, silentServer, testKey} from '../helpers/targets.js';
import {binaryBody, deterministicServer, injectingServer} from './servers.js';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const candidateKey = 'sk-candidate-only-key-5678';

async function targetsFor(baseline: string, candidate: string): Promise<OpenTargets> {
	const profile = profileSchema.parse({name: 'shadow-test', baseline: {url: baseline, key: testKey}, candidate: {url: candidate, key: candidateKey, headers: {'x-shadow-candidate': 'yes'}}});
	const opened = await openTargets(profile, {standIns});
	cleanups.push(() => opened.close());
	return opened;
}

async function shadowOf(baseline: string, candidate: string, options: Partial<ShadowOptions> = {}): Promise<ShadowProxy> {
	const opened = await targetsFor(baseline, candidate);
	// No load shedding here: these tests count every mirror exactly, whatever else the machine is doing.
	const shadow = await startShadow({targets: opened.targets, rules: new RouteRules(await loadCatalog()), shedWhenBusy: false, ...options});
	cleanups.push(() => shadow.close());
	return shadow;
}

type Answer = {status: number; headers: Record<string, string | string[] | undefined>; body: Buffer};

async function call(base: string, path: string, init: {method?: string; body?: unknown; headers?: Record<string, string>} = {}): Promise<Answer> {
	const answer = await request(base + path, {
		method: (init.method ?? (init.body === undefined ? 'GET' : 'POST')) as 'GET',
		headers: {authorization: `Bearer ${testKey}`, ...(init.body === undefined ? {} : {'content-type': 'application/json'}), ...init.headers},
		body: init.body === undefined ? undefined : JSON.stringify(init.body),
	});
	return {status: answer.statusCode, headers: answer.headers, body: Buffer.from(await answer.body.arrayBuffer())};
}

/** Headers a client may legitimately see differ on another hop: framing, connection handling and the clock. */
function endToEnd(headers: Answer['headers']) {
	const {date: _date, connection: _connection, 'keep-alive': _keepAlive, 'transfer-encoding': _transferEncoding, ...rest} = headers;
	return rest;
}

describe('what the client gets', () => {
	test('byte-identical to talking to the baseline directly: JSON, an event stream, binary, a 404', async () => {
		const baseline = await deterministicServer();
		const candidate = await deterministicServer();
		cleanups.push(() => baseline.close(), () => candidate.close());
		const shadow = await shadowOf(baseline.url, candidate.url);
		const calls: Array<[string, {body?: unknown}]> = [
			['/v1/models', {}],
			['/v1/chat/completions', {body: {model: 'gpt-4o-mini', messages: [{role: 'user', content: 'ping'}]}}],
			['/v1/chat/completions', {body: {model: 'gpt-4o-mini', stream: true, messages: [{role: 'user', content: 'count'}]}}],
			['/binary', {}],
			['/no/such/route', {}],
		];
		for (const [path, init] of calls) {
			const direct = await call(baseline.url, path, init);
			const proxied = await call(shadow.url, path, init);
			expect(proxied.status, path).toBe(direct.status);
			expect(proxied.body.equals(direct.body), `${path}: body bytes`).toBe(true);
			expect(endToEnd(proxied.headers), path).toEqual(endToEnd(direct.headers));
		}

		expect((await call(shadow.url, '/binary')).body.equals(binaryBody)).toBe(true);
		await shadow.settled();
		const routes = Object.fromEntries(shadow.routes().map(route => [route.route, route]));
		expect(routes['GET /v1/models']?.verdict).toBe('parity');
		expect(routes['POST /v1/chat/completions']?.compared).toBe(2);
		expect(routes['POST /v1/chat/completions']?.verdict).toBe('parity');
	});

	test('a stream reaches the client chunk by chunk, before the baseline has finished it', async () => {
		const baseline = await deterministicServer();
		const candidate = await deterministicServer();
		cleanups.push(() => baseline.close(), () => candidate.close());
		const shadow = await shadowOf(baseline.url, candidate.url);
		const answer = await request(`${shadow.url}/v1/chat/completions`, {
			method: 'POST',
			headers: {authorization: `Bearer ${testKey}`, 'content-type': 'application/json', 'x-hold': '1'},
			body: JSON.stringify({model: 'gpt-4o-mini', stream: true, messages: []}),
		});
		expect(answer.headers['content-type']).toBe('text/event-stream');
		const iterator = (answer.body as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
		// The baseline holds the rest of its stream until released: this first chunk can only come through if the proxy
		// passes chunks on as they arrive.
		const first = await iterator.next();
		expect(first.value.toString()).toContain('"content":"one"');
		baseline.release();
		candidate.release();
		let rest = '';
		for (let next = await iterator.next(); !next.done; next = await iterator.next()) rest += next.value.toString();
		expect(rest).toContain('data: [DONE]');
	});

	test('a client that hangs up mid-stream is not a baseline error, and that exchange is not compared', async () => {
		const baseline = await deterministicServer();
		const candidate = await deterministicServer();
		cleanups.push(() => baseline.close(), () => candidate.close());
		const shadow = await shadowOf(baseline.url, candidate.url, {noiseFraction: 0});
		const answer = await request(`${shadow.url}/v1/chat/completions`, {
			method: 'POST',
			headers: {authorization: `Bearer ${testKey}`, 'content-type': 'application/json', 'x-hold': '1'},
			body: JSON.stringify({model: 'gpt-4o-mini', stream: true, messages: []}),
		});
		const iterator = (answer.body as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
		expect((await iterator.next()).value.toString()).toContain('"content":"one"');
		// The client leaves while the baseline still holds the rest of its stream.
		answer.body.destroy();
		// The candidate holds its stream too; let it go once the mirror has reached it.
		await vi.waitFor(() => expect(candidate.seen).toHaveLength(1));
		candidate.release();
		await shadow.settled();
		baseline.release();
		const [route] = shadow.routes();
		expect(route).toMatchObject({route: 'POST /v1/chat/completions', requests: 1, compared: 0});
		expect(route!.baseline.errors).toBe(0);
		expect(route!.candidate.answers).toBe(1);
	});

	test("the candidate gets the profile's key and headers, never the client's credentials", async () => {
		const baseline = await deterministicServer();
		const candidate = await deterministicServer();
		cleanups.push(() => baseline.close(), () => candidate.close());
		const shadow = await shadowOf(baseline.url, candidate.url, {noiseFraction: 0});
		await call(shadow.url, '/v1/models');
		await shadow.settled();
		expect(baseline.seen.map(entry => entry.authorization)).toEqual([`Bearer ${testKey}`]);
		expect(candidate.seen.map(entry => entry.authorization)).toEqual([`Bearer ${candidateKey}`]);
		const [exchange] = shadow.recent('GET /v1/models');
		expect(exchange).toBeUndefined();
	});
});

describe('differences', () => {
	test("what two baseline answers disagree on is learned as the route's noise, reported on the route and not a finding", async () => {
		const upstream = await deterministicServer();
		cleanups.push(() => upstream.close());
		// Every other baseline answer carries one more field: a client answer and its noise sample always disagree.
		let served = 0;
		const baseline = await injectingServer(upstream.url, {method: 'GET', path: '/v1/models'}, json => (served++ % 2 === 0 ? json : {...json, sometimes: true}));
		cleanups.push(() => baseline.close());
		const shadow = await shadowOf(baseline.url, upstream.url, {noiseFraction: 1});
		for (let round = 0; round < 3; round++) {
			await call(shadow.url, '/v1/models');
			await shadow.settled();
		}

		const [route] = shadow.routes();
		expect(route).toMatchObject({route: 'GET /v1/models', compared: 3, verdict: 'parity'});
		expect(route!.noisePaths).toEqual(['$.sometimes']);
	});

	test('one injected difference in the candidate shows on its route and nowhere else', async () => {
		const baselineSim = await startSimulator({personality: 'baseline', masterKey: testKey, seed: 1});
		const twin = await startSimulator({personality: 'baseline', masterKey: candidateKey, seed: 99});
		cleanups.push(() => baselineSim.close(), () => twin.close());
		const candidate = await injectingServer(twin.url, {method: 'POST', path: '/v1/embeddings'}, json => ({...json, data: (json.data as Array<Record<string, unknown>>).map(item => ({...item, embedding: 'not-a-vector'}))}));
		cleanups.push(() => candidate.close());
		const shadow = await shadowOf(baselineSim.url, candidate.url, {noiseFraction: 0.5});
		const seen: string[] = [];
		shadow.onExchange(exchange => seen.push(`${exchange.route} ${exchange.verdict}`));
		for (let round = 0; round < 4; round++) {
			await call(shadow.url, '/v1/chat/completions', {body: {model: 'gpt-4o-mini', messages: [{role: 'user', content: `ping ${round}`}], mock_response: 'pong'}});
			await call(shadow.url, '/v1/chat/completions', {body: {model: 'gpt-4o-mini', stream: true, messages: [{role: 'user', content: 'count'}], mock_response: 'one two three'}});
			await call(shadow.url, '/v1/embeddings', {body: {model: 'text-embedding-3-small', input: `text ${round}`}});
			await call(shadow.url, '/v1/models');
			await call(shadow.url, '/health/liveliness');
			await call(shadow.url, '/model/info');
		}

		await shadow.settled();
		const routes = shadow.routes();
		const differing = routes.filter(route => route.verdict !== 'parity');
		expect(differing.map(route => route.route), JSON.stringify(seen)).toEqual(['POST /v1/embeddings']);
		const embeddings = differing[0]!;
		expect(embeddings.verdict).toBe('drift');
		expect(embeddings.differingShare).toBe(1);
		expect(embeddings.rule).toMatch(/^api\.embeddings\./);
		const [exchange] = shadow.recent('POST /v1/embeddings');
		expect(exchange?.differences.some(difference => difference.path === '$.data[0].embedding' && difference.kind === 'type' && !difference.noise)).toBe(true);
		expect(routes.length).toBe(5);
		for (const route of routes) expect(route.compared, route.route).toBe(route.route === 'POST /v1/chat/completions' ? 8 : 4);
	}, 60_000);
});

/** The nice value of each thread of this process (Linux: field 19 of /proc/self/task/TID/stat). */
function threadNiceValues(): number[] {
	return readdirSync('/proc/self/task').flatMap(tid => {
		try {
			const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
			return [Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16])];
		} catch {
			return [];
		}
	});
}

describe.skipIf(process.platform !== 'linux')('the mirror yields the CPU to the client path', () => {
	test('its thread runs at nice +10 while the rest of the process keeps its priority', async () => {
		const before = threadNiceValues();
		expect(before).not.toContain(mirrorNice);
		const baseline = await deterministicServer();
		const candidate = await deterministicServer();
		cleanups.push(() => baseline.close(), () => candidate.close());
		const shadow = await shadowOf(baseline.url, candidate.url);
		await call(shadow.url, '/v1/models');
		await shadow.settled();
		const after = threadNiceValues();
		expect(after.filter(nice => nice === mirrorNice)).toHaveLength(1);
		expect(after.filter(nice => nice !== mirrorNice).every(nice => nice === before[0])).toBe(true);
	});
});

describe('a candidate that cannot take the mirror', () => {
	test('down: the client is answered as if the candidate did not exist, and the mirrors are counted as dropped', async () => {
		const baseline = await deterministicServer();
		cleanups.push(() => baseline.close());
		const shadow = await shadowOf(baseline.url, `http://127.0.0.1:${await closedPort()}`, {noiseFraction: 0});
		for (let index = 0; index < 5; index++) {
			const direct = await call(baseline.url, '/v1/models');
			const proxied = await call(shadow.url, '/v1/models');
			expect(proxied.status).toBe(200);
			expect(proxied.body.equals(direct.body)).toBe(true);
		}

		await shadow.settled();
		const [route] = shadow.routes();
		expect(route).toMatchObject({route: 'GET /v1/models', requests: 5, compared: 0, dropped: 5, verdict: 'error'});
		expect(route!.drops.down).toBe(5);
		expect(route!.reason).toContain('5 down');
	});

	test('hanging: the client has its whole answer while the mirror is still waiting; then it is dropped as slow', async () => {
		const baseline = await deterministicServer();
		const silent = await silentServer();
		cleanups.push(() => baseline.close(), () => silent.close());
		const shadow = await shadowOf(baseline.url, silent.url, {noiseFraction: 0, candidateTimeoutMs: 300});
		const proxied = await call(shadow.url, '/v1/chat/completions', {body: {model: 'gpt-4o-mini', stream: true, messages: []}});
		expect(proxied.body.toString()).toContain('data: [DONE]');
		// The client's answer is complete while the candidate has not answered at all.
		expect(shadow.totals().inFlight).toBe(1);
		await shadow.settled();
		expect(shadow.totals()).toMatchObject({dropped: 1, compared: 0, inFlight: 0});
		expect(shadow.routes()[0]!.drops.slow).toBe(1);
	});

	test('saturated: beyond the in-flight limit and the queue, mirrors are dropped as full and the clients still get every answer', async () => {
		const baseline = await deterministicServer();
		const silent = await silentServer();
		cleanups.push(() => baseline.close(), () => silent.close());
		const shadow = await shadowOf(baseline.url, silent.url, {noiseFraction: 0, maxInFlight: 2, maxQueue: 3, candidateTimeoutMs: 300});
		const answers = await Promise.all(Array.from({length: 12}, () => call(shadow.url, '/v1/models')));
		expect(answers.every(answer => answer.status === 200)).toBe(true);
		expect(shadow.totals().inFlight).toBeLessThanOrEqual(2);
		expect(shadow.totals().queued).toBeLessThanOrEqual(3);
		await shadow.settled();
		const [route] = shadow.routes();
		expect(route!.drops.full).toBe(7);
		expect(route!.drops.full + route!.drops.slow).toBe(12);
	});

	test('state-changing routes are not mirrored unless a pattern allows them', async () => {
		const baseline = await deterministicServer();
		const candidate = await deterministicServer();
		cleanups.push(() => baseline.close(), () => candidate.close());
		const {parseMirrorPattern} = await import('../../source/shadow/routes.js');
		const shadow = await shadowOf(baseline.url, candidate.url, {noiseFraction: 0, mirror: [parseMirrorPattern('POST /team/*')]});
		await call(shadow.url, '/key/generate', {body: {}});
		await call(shadow.url, '/team/new', {body: {}});
		await shadow.settled();
		expect(candidate.seen.map(entry => entry.path)).toEqual(['/team/new']);
		const routes = Object.fromEntries(shadow.routes().map(route => [route.route, route]));
		expect(routes['POST /key/generate']).toMatchObject({mirrored: 0, verdict: 'skipped'});
		expect(routes['POST /team/new']).toMatchObject({mirrored: 1});
	});
});
