// The client path's side of the mirror worker: a worker that dies costs the requests it held (reported as drops, so
// nothing waits for them forever) and the next request gets a new worker; the backlog handed over stays bounded.
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterEach, describe, expect, test} from 'vitest';
import {MirrorClient} from '../../source/shadow/mirror-client.js';
import type {MirrorDone, MirrorSettings} from '../../source/shadow/mirror-protocol.js';
import {RouteRules} from '../../source/shadow/rules.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const target = (url: string) => ({url, pathPrefix: '', headers: {}, spec: {url} as MirrorSettings['baseline']['spec']});
const settings = (maxInFlight = 4, maxQueue = 4): Omit<MirrorSettings, 'secrets'> => ({
	baseline: target('http://127.0.0.1:9'),
	candidate: target('http://127.0.0.1:9'),
	rules: new RouteRules().toData(),
	maxInFlight,
	maxQueue,
	candidateTimeoutMs: 1000,
	maxCompareBytes: 1024,
	maxRecordedBodyBytes: 1024,
});
const request = (id: number) => ({type: 'request' as const, id, route: 'POST /v1/chat/completions', method: 'POST', path: '/v1/chat/completions', headers: {}, at: 0, noise: false});

const clients: MirrorClient[] = [];
afterEach(async () => {
	for (const client of clients.splice(0)) await client.close();
});

describe('mirror client', () => {
	test('a worker that dies: its requests are reported as dropped, and the next request starts a new worker', async () => {
		const done: MirrorDone[] = [];
		const client = new MirrorClient(settings(), report => done.push(report), {workerPath: path.join(here, 'fixtures/dying-worker.mjs')});
		clients.push(client);
		expect(client.request(request(1))).toBe(true);
		expect(client.request(request(2))).toBe(true);
		await client.idle();
		expect(done.map(report => [report.id, report.drop])).toEqual([
			[1, 'full'],
			[2, 'full'],
		]);
		expect(client.outstanding).toBe(0);
		// A second worker (dying the same way) takes the next request: mirroring goes on after a crash.
		expect(client.request(request(3))).toBe(true);
		await client.idle();
		expect(done.at(-1)).toMatchObject({id: 3, drop: 'full'});
	});

	test('what it holds is bounded: beyond in-flight plus queue a request is refused at once', async () => {
		// A worker that never answers (it dies only when closed): the backlog fills and stays at its bound.
		const client = new MirrorClient(settings(2, 3), () => undefined, {workerPath: path.join(here, 'fixtures/silent-worker.mjs')});
		clients.push(client);
		const taken = Array.from({length: 10}, (_, index) => client.request(request(index + 1)));
		expect(taken).toEqual([true, true, true, true, true, false, false, false, false, false]);
		expect(client.outstanding).toBe(5);
	});
});
