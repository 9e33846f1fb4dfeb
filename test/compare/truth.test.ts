// Each class of wrong verdict from issue 12, with a case that must come out differently.
import {describe, expect, it} from 'vitest';
import {checkSchema, type Check} from '../../source/catalog/schema.js';
import {diffObservations} from '../../source/compare/diff.js';
import {pinMatches, valueAt} from '../../source/compare/expected.js';
import {judgeLatency} from '../../source/compare/latency.js';
import {acknowledgeDifference, judge, type JudgeInput} from '../../source/compare/verdict.js';
import {rowVerdict, verdictSeverity, worstVerdict, type Observation, type Side} from '../../source/domain.js';
import {expectedEntrySchema, type ExpectedEntry} from '../../source/targets/profile-schema.js';

function observation(side: Side, extra: Partial<Observation> = {}): Observation {
	return {side, reached: true, status: 200, headers: {'content-type': 'application/json'}, body: {}, timing: {totalMs: 10}, ...extra};
}

function check(partial: Record<string, unknown> = {}): Check {
	return checkSchema.parse({id: 'kd.user.config', probe: 'exec', ...partial});
}

const run = (input: Partial<JudgeInput> & Pick<JudgeInput, 'check'>) => judge({candidateOnly: false, rowId: 'kd.user', categoryId: 'kd', today: '2026-06-01', ...input});

describe('known differences pin the value each side shows', () => {
	const userCheck = check({compare: {body: 'ignore', facts: ['configUser']}, expect: {asserts: [{query: 'fact configUser', type: 'string'}]}});
	const entry: ExpectedEntry = expectedEntrySchema.parse({id: 'user', check: 'kd.user.config', path: 'fact:configUser', baseline: {matches: '^root'}, candidate: {oneOf: ['litellm', 1000]}, reason: 'security hardening'});
	const facts = (baseline: string, candidate: string) => ({baseline: observation('baseline', {facts: {configUser: baseline}}), candidate: observation('candidate', {facts: {configUser: candidate}})});

	it('reads expected when both sides show the pinned values', () => {
		const result = run({check: userCheck, expected: [entry], ...facts('root (Config.User empty)', 'litellm')});
		expect(result.verdict).toBe('expected');
		expect(result.reason).toBe('security hardening');
		expect(result.entries).toEqual({user: 'used'});
		expect(run({check: userCheck, expected: [entry], ...facts('root', '1000')}).verdict).toBe('expected');
	});

	it('a candidate running as someone else is a finding with both values and the pinned ones', () => {
		const result = run({check: userCheck, expected: [entry], ...facts('root', 'nobody')});
		expect(result.verdict).toBe('drift');
		expect(result.reason).toBe('outside the expected values: fact:configUser: baseline "root", candidate "nobody" — expected baseline matching /^root/, candidate one of "litellm", 1000 (security hardening)');
		expect(result.entries).toEqual({user: 'violated'});
	});

	it('a candidate running as root like the baseline (no difference at all) is a finding too', () => {
		const result = run({check: userCheck, expected: [entry], ...facts('root', 'root')});
		expect(result.verdict).toBe('drift');
		expect(result.differences).toContainEqual(expect.objectContaining({path: 'fact:configUser', kind: 'expectation', baseline: 'root', candidate: 'root'}));
		// Without the entry the same answers are parity: the pin is what makes it a finding.
		expect(run({check: userCheck, ...facts('root', 'root')}).verdict).toBe('parity');
	});

	it('check files pin values too', () => {
		const pinned = check({compare: {body: 'ignore', facts: ['init']}, expectedDifferences: [{path: 'fact:init', baseline: 'supervisord', candidate: 'tini', reason: 'plan'}]});
		const seen = (b: string, c: string) => run({check: pinned, baseline: observation('baseline', {facts: {init: b}}), candidate: observation('candidate', {facts: {init: c}})});
		expect(seen('supervisord', 'tini').verdict).toBe('expected');
		expect(seen('supervisord', 'dumb-init').verdict).toBe('drift');
		expect(seen('supervisord', 'dumb-init').reason).toContain('candidate "dumb-init" — expected baseline "supervisord", candidate "tini"');
	});

	it('several differences are expected only when every one is covered; partial cover says which', () => {
		const exact = check({probe: 'http', request: {path: '/x'}, compare: {body: 'exact'}});
		const b = observation('baseline', {body: {a: 1, b: 1, c: 1}});
		const c = observation('candidate', {body: {a: 2, b: 2, c: 2}});
		const entries = [
			{id: 'a', check: 'kd.user.config', path: '$.a', reason: 'a moved'},
			{id: 'b', row: 'kd.user', path: '$.b', reason: 'b moved'},
		];
		const partial = run({check: exact, baseline: b, candidate: c, expected: entries});
		expect(partial.verdict).toBe('drift');
		expect(partial.reason).toBe('2 of 3 differences expected ($.a, $.b); not covered: $.c: 1 ≠ 2');
		expect(partial.differences.map(difference => difference.expectedReason)).toEqual(['a moved', 'b moved', undefined]);
		const full = run({check: exact, baseline: b, candidate: c, expected: [...entries, {id: 'c', category: 'kd', path: '$.c', reason: 'c moved'}]});
		expect(full.verdict).toBe('expected');
		expect(full.reason).toBe('a moved; b moved; c moved');
	});

	it('entries scoped to another row or category do not apply', () => {
		const exact = check({probe: 'http', request: {path: '/x'}, compare: {body: 'exact'}});
		const input = {check: exact, baseline: observation('baseline', {body: {a: 1}}), candidate: observation('candidate', {body: {a: 2}})};
		expect(run({...input, expected: [{id: 'x', row: 'other.row', path: '$.a', reason: 'r'}]}).verdict).toBe('drift');
		expect(run({...input, expected: [{id: 'x', category: 'other', path: '$.a', reason: 'r'}]}).verdict).toBe('drift');
		expect(run({...input, expected: [{id: 'x', category: 'kd', path: '$.a', reason: 'r'}]}).verdict).toBe('expected');
	});

	it('an entry that matches nothing is unused (the run reports it stale); an expired one is inactive and says so', () => {
		const exact = check({probe: 'http', request: {path: '/x'}, compare: {body: 'exact'}});
		const input = {check: exact, baseline: observation('baseline', {body: {a: 1}}), candidate: observation('candidate', {body: {a: 2}})};
		expect(run({...input, expected: [{id: 'other', check: 'kd.user.config', path: '$.zzz', reason: 'r'}]}).entries).toEqual({other: 'unused'});
		const expired = run({...input, expected: [{id: 'old', check: 'kd.user.config', path: '$.a', reason: 'was fine', expires: '2026-01-31'}]});
		expect(expired.verdict).toBe('drift');
		expect(expired.reason).toContain("expected difference 'old' expired on 2026-01-31 and is inactive: was fine");
		expect(expired.entries).toEqual({old: 'expired'});
	});

	it('marking differences one by one in the explorer ends at expected once all are marked', () => {
		const exact = check({probe: 'http', request: {path: '/x'}, compare: {body: 'exact'}});
		const result = run({check: exact, baseline: observation('baseline', {body: {a: 1, b: 1}}), candidate: observation('candidate', {body: {a: 2, b: 2}})});
		const one = acknowledgeDifference(result, '$.a', 'first');
		expect(one.verdict).toBe('drift');
		expect(one.reason).toContain('1 of 2 differences expected ($.a)');
		const two = acknowledgeDifference(one, '$.b', 'second');
		expect(two.verdict).toBe('expected');
		expect(two.reason).toBe('first; second');
	});

	it('pins compare as text and read every kind of path', () => {
		expect(pinMatches(1000, '1000')).toBe(true);
		expect(pinMatches('1000', 1000)).toBe(true);
		expect(pinMatches({matches: '^root'}, undefined)).toBe(false);
		expect(pinMatches(null, undefined)).toBe(true);
		const seen = observation('candidate', {status: 201, headers: {'x-a': 'b'}, facts: {os: 'debian'}, body: {data: [{id: 'm1', n: 1}, {id: 'm2', n: 2}]}});
		expect([valueAt(seen, 'status'), valueAt(seen, 'header:X-A'), valueAt(seen, 'fact:os'), valueAt(seen, '$.data[id=m2].n'), valueAt(seen, 'count $.data')]).toEqual([201, 'b', 'debian', 2, 2]);
	});

	it('rejects a pinned regex that does not compile, and an entry that names no scope', () => {
		expect(expectedEntrySchema.safeParse({id: 'x', check: 'c', path: 'fact:a', candidate: {matches: '(['}, reason: 'r'}).success).toBe(false);
		expect(expectedEntrySchema.safeParse({id: 'x', path: 'fact:a', reason: 'r'}).success).toBe(false);
	});
});

describe('both-fail still compares the two answers', () => {
	const wants200 = check({probe: 'http', request: {path: '/x'}, expect: {status: 200}, compare: {body: 'shape'}});

	it('two sides failing the same way stay both-fail, with both failures in the reason', () => {
		const result = run({check: wants200, baseline: observation('baseline', {status: 500, body: {error: 'x'}}), candidate: observation('candidate', {status: 500, body: {error: 'y'}})});
		expect(result.verdict).toBe('both-fail');
		expect(result.reason).toBe('baseline: expected status == 200, got 500; candidate: expected status == 200, got 500');
	});

	it('a route missing on one side only is a finding naming both answers', () => {
		const result = run({check: wants200, baseline: observation('baseline', {status: 500, body: {error: 'x'}}), candidate: observation('candidate', {status: 404, body: {error: 'x'}})});
		expect(result.verdict).toBe('drift');
		expect(result.reason).toContain('both fail, differently: baseline: expected status == 200, got 500; candidate: expected status == 200, got 404');
		expect(result.differences).toContainEqual(expect.objectContaining({path: 'status', baseline: 500, candidate: 404}));
	});

	it('one side refusing a missing key while the other accepts it is a finding even when statuses are not compared', () => {
		const refuses = check({probe: 'http', request: {path: '/x', auth: 'none'}, expect: {status: 403}, compare: {body: 'ignore', status: false}});
		const result = run({check: refuses, baseline: observation('baseline', {status: 401}), candidate: observation('candidate', {status: 200})});
		expect(result.verdict).toBe('drift');
		expect(result.differences).toContainEqual(expect.objectContaining({path: 'status', kind: 'status', baseline: 401, candidate: 200}));
	});

	it('a different body shape between two failing answers is a finding', () => {
		const ignoreBody = check({probe: 'http', request: {path: '/x'}, expect: {status: 200}, compare: {body: 'shape'}});
		const same = run({check: ignoreBody, baseline: observation('baseline', {status: 500, body: {error: {message: 'a'}}}), candidate: observation('candidate', {status: 500, body: {error: {message: 'b'}}})});
		expect(same.verdict).toBe('both-fail');
		const different = run({check: ignoreBody, baseline: observation('baseline', {status: 500, body: {error: {message: 'a'}}}), candidate: observation('candidate', {status: 500, body: {detail: 'b'}})});
		expect(different.verdict).toBe('drift');
	});
});

describe('a target that cannot be reached is an error, never a gap', () => {
	const basic = check({probe: 'http', request: {path: '/x'}});
	const unreached = (side: Side, error: string): Observation => ({side, reached: false, headers: {}, timing: {totalMs: 1}, error});

	it.each([
		['connection refused by 127.0.0.1:9: is the proxy running on that port?'],
		['host not found: nowhere.invalid'],
		['timed out after 100 ms waiting for the response headers (127.0.0.1:4000)'],
		['TLS certificate rejected by the tool (DEPTH_ZERO_SELF_SIGNED_CERT); set tls.ca or tls.insecure in the profile'],
	])('%s', error => {
		const result = run({check: basic, baseline: observation('baseline'), candidate: unreached('candidate', error)});
		expect(result.verdict).toBe('error');
		expect(result.reason).toBe(`candidate unreachable: ${error}`);
		expect(run({check: basic, baseline: unreached('baseline', error), candidate: observation('candidate')}).reason).toBe(`baseline unreachable: ${error}`);
	});

	it('a candidate-only row with an unreachable candidate is an error, not a gap', () => {
		expect(judge({check: basic, candidateOnly: true, rowId: 'x', candidate: unreached('candidate', 'connection refused by x')}).verdict).toBe('error');
	});
});

describe('header noise', () => {
	it('content types compare by media type unless the check asks for the exact value', () => {
		const b = observation('baseline', {headers: {'content-type': 'application/json'}});
		const c = observation('candidate', {headers: {'content-type': 'application/json; charset=utf-8'}});
		const media = check({probe: 'http', request: {path: '/x'}, compare: {headers: ['content-type']}});
		expect(run({check: media, baseline: b, candidate: c}).verdict).toBe('parity');
		const exact = check({probe: 'http', request: {path: '/x'}, compare: {headers: ['content-type'], contentType: 'exact'}});
		expect(run({check: exact, baseline: b, candidate: c}).verdict).toBe('drift');
		const other = observation('candidate', {headers: {'content-type': 'text/plain; charset=utf-8'}});
		expect(run({check: media, baseline: b, candidate: other}).verdict).toBe('drift');
	});
});

describe('order-free arrays are matched by the key the check names', () => {
	const models = (...ids: string[]) => ({object: 'list', data: ids.map(id => ({id, object: 'model', owned_by: 'openai'}))});

	it('one model removed from the front of a list is one missing model, not a shifted array', () => {
		const keyed = check({probe: 'http', request: {path: '/v1/models'}, compare: {body: 'exact', keys: {'$.data': 'id'}}}).compare;
		const positional = check({probe: 'http', request: {path: '/v1/models'}, compare: {body: 'exact'}}).compare;
		const b = observation('baseline', {body: models('a', 'b', 'c', 'd')});
		const c = observation('candidate', {body: models('b', 'c', 'd')});
		expect(diffObservations(b, c, keyed).map(difference => [difference.path, difference.kind])).toEqual([['$.data[id=a]', 'missing']]);
		expect(diffObservations(b, c, positional).length).toBeGreaterThan(1);
	});

	it('the same members in another order are parity; nested fields are compared per key', () => {
		const keyed = check({probe: 'http', request: {path: '/v1/models'}, compare: {body: 'exact', keys: {'$.data': 'id'}}});
		expect(run({check: keyed, baseline: observation('baseline', {body: models('a', 'b')}), candidate: observation('candidate', {body: models('b', 'a')})}).verdict).toBe('parity');
		const changed = {object: 'list', data: [{id: 'b', object: 'model', owned_by: 'me'}, {id: 'a', object: 'model', owned_by: 'openai'}]};
		const result = run({check: keyed, baseline: observation('baseline', {body: models('a', 'b')}), candidate: observation('candidate', {body: changed})});
		expect(result.differences.map(difference => difference.path)).toEqual(['$.data[id=b].owned_by']);
	});

	it('lists of plain values key by the value itself ($), and ignore patterns still apply', () => {
		const callbacks = check({probe: 'http', request: {path: '/r'}, compare: {body: 'exact', keys: {'$.callbacks': '$', '$.endpoints': 'model'}, ignore: ['$.endpoints[*].latency']}});
		const b = observation('baseline', {body: {callbacks: ['otel', 'langfuse', 'prometheus'], endpoints: [{model: 'x', latency: 1}, {model: 'y', latency: 2}]}});
		const c = observation('candidate', {body: {callbacks: ['prometheus', 'otel'], endpoints: [{model: 'y', latency: 7}, {model: 'x', latency: 9}]}});
		expect(run({check: callbacks, baseline: b, candidate: c}).differences.map(difference => [difference.path, difference.kind])).toEqual([['$.callbacks[langfuse]', 'missing']]);
	});

	it('field lists under a keyed array compare as sets', () => {
		const ids = check({probe: 'http', request: {path: '/v1/models'}, compare: {body: 'ignore', fields: ['$.data[*].id'], keys: {'$.data': 'id'}}});
		const result = run({check: ids, baseline: observation('baseline', {body: models('a', 'b', 'c')}), candidate: observation('candidate', {body: models('c', 'b')})});
		expect(result.differences).toEqual([expect.objectContaining({path: '$.data[*].id', kind: 'missing', baseline: ['a']})]);
	});
});

describe('one order of severity', () => {
	it('ranks worst first, and a row is skipped only when nothing ran', () => {
		expect(verdictSeverity).toEqual(['error', 'gap', 'both-fail', 'drift', 'expected', 'bonus', 'parity', 'skipped']);
		expect(worstVerdict(['parity', 'drift', 'gap', 'skipped'])).toBe('gap');
		expect(worstVerdict(['both-fail', 'gap'])).toBe('gap');
		expect(worstVerdict(['error', 'gap'])).toBe('error');
		expect(rowVerdict([{verdict: 'skipped'}, {verdict: 'parity'}])).toBe('parity');
		expect(rowVerdict([{verdict: 'skipped'}])).toBe('skipped');
		expect(rowVerdict([])).toBe('skipped');
	});
});

describe('latency judged on noise, not on one sample', () => {
	const rule = {maxRatio: 1.3, minDeltaMs: 50};

	it('identical targets with a noisy machine: a few slow candidate samples are not a finding', () => {
		// Baseline and candidate alike, with load spikes landing on either side (each spike hits one sample).
		const baseline = [20, 21, 19, 22, 250, 20, 21, 20, 19, 22];
		const candidate = [21, 300, 20, 19, 21, 280, 20, 22, 21, 20];
		const judged = judgeLatency({baseline, candidate}, rule);
		expect(judged.slower).toBe(false);
		expect(judged.summary).toContain('10 interleaved pairs');
	});

	it('a candidate slower in most pairs, beyond the rule and the noise, is a finding', () => {
		const baseline = [20, 21, 19, 22, 20, 20, 21, 20, 19, 22];
		const judged = judgeLatency({baseline, candidate: baseline.map(value => value + 80)}, rule);
		expect(judged).toMatchObject({slower: true, pairs: 10, slowerPairs: 10, baselineMedianMs: 20, candidateMedianMs: 100});
	});

	it('a noisy baseline widens the margin: the same shift inside the noise is not a finding', () => {
		const baseline = [20, 120, 40, 160, 30, 140, 25, 110, 35, 150];
		const candidate = baseline.map((value, index) => value + 60 + (index % 2 ? -50 : 50));
		expect(judgeLatency({baseline, candidate}, rule).slower).toBe(false);
	});

	it('fewer pairs than the minimum never judge a candidate slower', () => {
		expect(judgeLatency({baseline: [20, 20, 20], candidate: [200, 200, 200]}, rule).slower).toBe(false);
	});
});
