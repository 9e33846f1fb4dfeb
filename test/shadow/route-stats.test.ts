// A route's verdict is the worst of its exchanges by the one ranking of domain.ts, as a row's is of its checks.
import {describe, expect, test} from 'vitest';
import {rowVerdict, type Verdict} from '../../source/domain.js';
import type {ShadowExchange} from '../../source/shadow/exchange.js';
import {RouteStats} from '../../source/shadow/route-stats.js';

const exchange = (id: number, verdict: Verdict): ShadowExchange => ({
	id,
	at: '2026-11-29T00:00:00.000Z',
	route: 'POST /v1/chat/completions',
	streamed: false,
	request: {method: 'POST', path: '/v1/chat/completions', headers: {}, body: ''} as unknown as ShadowExchange['request'],
	verdict,
	reason: `${verdict} #${id}`,
	differences: [],
	baseline: {side: 'baseline', reached: true, headers: {}, timing: {totalMs: 1}},
	candidate: {side: 'candidate', reached: true, headers: {}, timing: {totalMs: 1}},
	noiseSample: false,
});

describe('route stats', () => {
	test.each([
		[['parity', 'parity'], 'parity'],
		[['parity', 'drift', 'gap'], 'gap'],
		[['gap', 'error', 'parity'], 'error'],
		[['bonus', 'expected'], 'expected'],
		[['both-fail', 'drift'], 'both-fail'],
	] as Array<[Verdict[], Verdict]>)('%j makes the route %s, the same as a row of those checks', (seen, worst) => {
		const stats = new RouteStats('POST /v1/chat/completions');
		for (const [index, verdict] of seen.entries()) stats.judged(exchange(index, verdict));
		const {verdict, reason} = stats.verdict();
		expect(verdict).toBe(worst);
		expect(verdict).toBe(rowVerdict(seen.map(entry => ({verdict: entry}))));
		if (worst !== 'parity') expect(reason).toContain(`${seen.filter(entry => entry === worst).length} of ${seen.length} compared: ${worst} #`);
	});
});
