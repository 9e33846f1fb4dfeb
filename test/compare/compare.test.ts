import {describe, expect, it} from 'vitest';
import {checkSchema, type Check} from '../../source/catalog/schema.js';
import {diffBodies, diffObservations, ignoredPointers, markNoise} from '../../source/compare/diff.js';
import {judge, latencyLimit} from '../../source/compare/verdict.js';
import type {Observation, Side} from '../../source/domain.js';

function observation(side: Side, body: unknown, extra: Partial<Observation> = {}): Observation {
	return {side, reached: true, status: 200, headers: {'content-type': 'application/json'}, body, timing: {totalMs: 10}, ...extra};
}

function check(partial: Record<string, unknown> = {}): Check {
	return checkSchema.parse({id: 'x.check', probe: 'http', request: {path: '/x'}, ...partial});
}

describe('body comparison', () => {
	it('shape mode sees missing, extra and type changes, not values', () => {
		const differences = diffBodies({a: 1, b: 'x', c: {d: true}, arr: [1, 2]}, {a: 2, b: 5, c: {}, e: null, arr: [3]}, 'shape', new Set());
		expect(differences.map(difference => [difference.path, difference.kind])).toEqual([
			['$.b', 'type'],
			['$.c.d', 'missing'],
			['$.e', 'extra'],
		]);
	});

	it('exact mode also sees values and array lengths', () => {
		const differences = diffBodies({a: 1, list: ['x', 'y']}, {a: 2, list: ['x']}, 'exact', new Set());
		expect(differences.map(difference => [difference.path, difference.kind, difference.baseline, difference.candidate])).toEqual([
			['$.a', 'value', 1, 2],
			['$.list[1]', 'missing', 'y', undefined],
		]);
	});

	it('ignore patterns (JSONPath) remove whole subtrees on both sides', () => {
		const baseline = {id: 'a', choices: [{message: {content: 'hi', role: 'assistant'}}]};
		const candidate = {id: 'b', choices: [{message: {content: 7, role: 'assistant'}}]};
		const ignored = ignoredPointers(['$.id', '$.choices[*].message.content'], baseline, candidate);
		expect(diffBodies(baseline, candidate, 'exact', ignored)).toEqual([]);
		expect(diffBodies(baseline, candidate, 'exact', new Set())).toHaveLength(2);
	});

	it('compares selected fields and headers by value', () => {
		const spec = check({compare: {body: 'ignore', fields: ['$.version', 'count $.data'], headers: ['content-type'], presence: ['x-litellm-version']}}).compare;
		const b = observation('baseline', {version: '1.81.3', data: [1, 2]}, {headers: {'content-type': 'application/json', 'x-litellm-version': '1.81.3'}});
		const c = observation('candidate', {version: '1.80.0', data: [1, 2, 3]}, {headers: {'content-type': 'text/plain'}});
		const paths = diffObservations(b, c, spec).map(difference => `${difference.path}:${difference.kind}`);
		expect(paths).toEqual(['header:content-type:header', 'header:x-litellm-version:missing', '$.version:value', 'count $.data:value']);
	});
});

describe('noise from a second baseline sample', () => {
	it('marks fields that also differ between two baseline answers', () => {
		const spec = check({compare: {body: 'exact'}}).compare;
		const b1 = observation('baseline', {id: 'one', model: 'gpt'});
		const b2 = observation('baseline', {id: 'two', model: 'gpt'});
		const c = observation('candidate', {id: 'three', model: 'other'});
		const marked = markNoise(diffObservations(b1, c, spec), b1, b2, spec);
		expect(marked.map(difference => [difference.path, difference.noise])).toEqual([
			['$.id', true],
			['$.model', false],
		]);
	});
});

describe('latency rule', () => {
	it('uses the larger of the ratio and the absolute floor', () => {
		expect(latencyLimit(10, {maxRatio: 1.3, minDeltaMs: 50})).toBe(60);
		expect(latencyLimit(1000, {maxRatio: 1.3, minDeltaMs: 50})).toBe(1300);
	});

	it('flags a slow candidate as drift only beyond the limit, judged on the paired samples', () => {
		const spec = check({compare: {body: 'ignore', latency: {samples: 10}}});
		const pairs = (b: number, c: number) => ({baseline: Array.from({length: 10}, (_, i) => b + (i % 3)), candidate: Array.from({length: 10}, (_, i) => c + (i % 3))});
		const input = {check: spec, candidateOnly: false, rowId: 'x', baseline: observation('baseline', {}), candidate: observation('candidate', {})};
		expect(judge({...input, latency: pairs(20, 65)}).verdict).toBe('parity');
		const slow = judge({...input, latency: pairs(20, 75)});
		expect(slow.verdict).toBe('drift');
		expect(slow.differences[0]).toMatchObject({kind: 'latency', baseline: 21, candidate: 76});
		expect(slow.reason).toMatch(/^candidate slower: 76 ms vs 21 ms \(10 interleaved pairs after warm-up: baseline median 21 ms ±1, candidate median 76 ms ±1 \(MAD\); candidate slower in 10 of 10; limit 71 ms, noise margin 3 ms\)$/);
		// Without paired samples (the functional phase) a request/response check's latency is not judged at all.
		expect(judge({...input, baseline: observation('baseline', {}, {timing: {totalMs: 20}}), candidate: observation('candidate', {}, {timing: {totalMs: 500}})}).verdict).toBe('parity');
	});
});

describe('verdicts', () => {
	const base = check({expect: {status: 200}});
	const ok = (side: Side) => observation(side, {a: 1});
	const failing = (side: Side) => observation(side, {detail: 'Not Found'}, {status: 404});
	const unreached = (side: Side): Observation => ({side, reached: false, headers: {}, timing: {totalMs: 1}, error: 'connection refused by 127.0.0.1:9: is the proxy running on that port?'});

	it.each([
		['parity', ok('baseline'), ok('candidate')],
		['gap', ok('baseline'), failing('candidate')],
		['bonus', failing('baseline'), ok('candidate')],
		['both-fail', failing('baseline'), failing('candidate')],
		['error', unreached('baseline'), unreached('candidate')],
		['error', ok('baseline'), unreached('candidate')],
	] as const)('%s', (verdict, baseline, candidate) => {
		expect(judge({check: base, candidateOnly: false, rowId: 'x', baseline, candidate}).verdict).toBe(verdict);
	});

	it('says why in the reason', () => {
		const result = judge({check: base, candidateOnly: false, rowId: 'x', baseline: ok('baseline'), candidate: failing('candidate')});
		expect(result.reason).toBe('candidate: expected status == 200, got 404');
		const refused = judge({check: base, candidateOnly: false, rowId: 'x', baseline: ok('baseline'), candidate: unreached('candidate')});
		expect(refused.reason).toContain('connection refused');
	});

	it('judges candidate-only rows on the candidate alone', () => {
		expect(judge({check: base, candidateOnly: true, rowId: 'x', candidate: ok('candidate')}).verdict).toBe('bonus');
		expect(judge({check: base, candidateOnly: true, rowId: 'x', candidate: failing('candidate')}).verdict).toBe('gap');
	});

	it('turns an acknowledged difference into expected, until it expires', () => {
		const exact = check({compare: {body: 'exact'}});
		const b = observation('baseline', {data: ['a']});
		const c = observation('candidate', {data: ['a', 'b']});
		const entry = {id: 'extra-model', check: 'x.row', side: 'candidate' as const, path: '$.data', reason: 'router group'};
		const acknowledged = judge({check: exact, candidateOnly: false, rowId: 'x.row', baseline: b, candidate: c, expected: [entry], today: '2026-01-01'});
		expect(acknowledged.verdict).toBe('expected');
		expect(acknowledged.reason).toBe('router group');
		const expired = judge({check: exact, candidateOnly: false, rowId: 'x.row', baseline: b, candidate: c, expected: [{...entry, expires: '2025-12-31'}], today: '2026-01-01'});
		expect(expired.verdict).toBe('drift');
		expect(expired.reason).toContain('expired on 2025-12-31');
		const elsewhere = judge({check: exact, candidateOnly: false, rowId: 'x.row', baseline: b, candidate: c, expected: [{...entry, path: '$.other'}]});
		expect(elsewhere.verdict).toBe('drift');
	});
});
