// Expectations evaluated on one side, in the spirit of Hurl: a query, one predicate, a value.
import type {Assert, Expectation, LocatedAssert} from '../catalog/schema.js';
import type {AssertionOutcome, Observation} from '../domain.js';
import {evaluateThreshold, type ThresholdFacts} from '../shared/thresholds.js';
import {countAt, queryFirst} from '../shared/json-path.js';

const predicates = ['equals', 'notEquals', 'contains', 'notContains', 'containsAll', 'matches', 'exists', 'oneOf', 'type', 'lt', 'lte', 'gt', 'gte'] as const;
type PredicateName = (typeof predicates)[number];

/** Resolve a query such as `header content-type` or `jsonpath $.data[0].id` against an observation. */
export function runQuery(observation: Observation, query: string): unknown {
	const [head, ...restParts] = query.trim().split(/\s+/);
	const rest = restParts.join(' ');
	switch (head) {
		case 'status':
			return observation.status;
		case 'header':
			return observation.headers[rest.toLowerCase()];
		case 'jsonpath':
			return queryFirst(observation.body, rest);
		case 'count':
			return countAt(observation.body, rest);

		case 'duration':
			return observation.timing.totalMs;
		case 'ttft':
			return observation.stream?.ttftMs ?? observation.timing.firstByteMs;
		case 'body':
			return observation.bodyText;
		case 'bytes':
			return observation.bytes;
		case 'chunks':
			return (observation.body as {chunkCount?: number} | undefined)?.chunkCount;
		case 'done':
			return observation.stream?.done;
		case 'exit':
			return observation.exec?.at(-1)?.exitCode;
		case 'stdout':
			return observation.exec?.at(-1)?.stdout;
		case 'fact':
			return observation.facts?.[rest];
		default:
			throw new Error(`unknown assert query '${query}'`);
	}
}

function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

function deepEqual(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

function evaluatePredicate(name: PredicateName, expected: unknown, actual: unknown): boolean {
	switch (name) {
		case 'equals':
			return deepEqual(actual, expected) || (typeof actual === 'number' && String(actual) === String(expected));
		case 'notEquals':
			return !deepEqual(actual, expected);
		case 'contains':
		case 'notContains': {
			let found = false;
			if (typeof actual === 'string') found = actual.includes(String(expected));
			else if (Array.isArray(actual)) found = actual.some(item => deepEqual(item, expected));
			return name === 'contains' ? found : !found;
		}

		case 'containsAll':
			return Array.isArray(expected) && expected.every(item => (Array.isArray(actual) ? actual.some(value => deepEqual(value, item)) : typeof actual === 'string' && actual.includes(String(item))));
		case 'matches':
			return typeof actual === 'string' && new RegExp(String(expected)).test(actual);
		case 'exists':
			return (actual !== undefined) === expected;
		case 'oneOf':
			return (expected as unknown[]).some(option => deepEqual(option, actual));
		case 'type':
			return typeOf(actual) === expected;
		case 'lt':
			return typeof actual === 'number' && actual < (expected as number);
		case 'lte':
			return typeof actual === 'number' && actual <= (expected as number);
		case 'gt':
			return typeof actual === 'number' && actual > (expected as number);
		case 'gte':
			return typeof actual === 'number' && actual >= (expected as number);
	}
}

const words: Record<PredicateName, string> = {
	equals: '==',
	notEquals: '!=',
	contains: 'contains',
	notContains: 'does not contain',
	containsAll: 'contains all of',
	matches: 'matches',
	exists: 'exists',
	oneOf: 'is one of',
	type: 'is of type',
	lt: '<',
	lte: '<=',
	gt: '>',
	gte: '>=',
};

export function describeAssert(assert: Assert): string {
	if (assert.label) return assert.label;
	const name = predicates.find(key => key in assert)!;
	const value = (assert as Record<string, unknown>)[name];
	if (name === 'exists') return `${assert.query} ${value ? 'exists' : 'is absent'}`;
	return `${assert.query} ${words[name]} ${JSON.stringify(value)}`;
}

export function evaluateAssert(observation: Observation, assert: Assert): AssertionOutcome {
	const name = predicates.find(key => key in assert)!;
	const actual = runQuery(observation, assert.query);
	if (assert.optional && actual === undefined) return {description: `${describeAssert(assert)} (absent here: not judged)`, passed: true};
	const passed = evaluatePredicate(name, (assert as Record<string, unknown>)[name], actual);
	const at = (assert as LocatedAssert).at;
	return {description: describeAssert(assert), passed, actual, ...(!passed && at ? {at} : {})};
}

/** A whole class (the openai flavour's 4xx) reads as "is 4xx", not a hundred codes. */
function statusList(list: number[]): string {
	const classes = [...new Set(list.map(status => Math.floor(status / 100)))];
	const whole = classes.every(hundred => Array.from({length: 100}, (_, index) => hundred * 100 + index).every(status => list.includes(status)));
	return whole && list.length === classes.length * 100 ? `is ${classes.map(hundred => `${hundred}xx`).join('/')}` : `in ${list.join('/')}`;
}

function statusMatches(expected: number | number[] | undefined, actual: number | undefined): boolean {
	if (actual === undefined) return false;
	if (expected === undefined) return actual >= 200 && actual < 300;
	return Array.isArray(expected) ? expected.includes(actual) : expected === actual;
}

function subsetMatches(expected: unknown, actual: unknown): boolean {
	if (expected && typeof expected === 'object' && !Array.isArray(expected)) {
		if (!actual || typeof actual !== 'object') return false;
		return Object.entries(expected).every(([key, value]) => subsetMatches(value, (actual as Record<string, unknown>)[key]));
	}

	return deepEqual(expected, actual);
}

/** Every expectation of a check on one observation; an unreached side fails with its transport error. */
export function evaluateExpectation(observation: Observation, expectation: Expectation): AssertionOutcome[] {
	if (!observation.reached) return [{description: 'the target answers', passed: false, actual: observation.error}];
	const outcomes: AssertionOutcome[] = [];
	if (observation.status !== undefined || expectation.status !== undefined) {
		const expected = expectation.status;
		outcomes.push({
			description: expected === undefined ? 'status is 2xx' : `status ${Array.isArray(expected) ? statusList(expected) : `== ${expected}`}`,
			passed: statusMatches(expected, observation.status),
			actual: observation.status,
		});
	}

	for (const [key, value] of Object.entries(expectation.json ?? {})) {
		const actual = (observation.body as Record<string, unknown> | undefined)?.[key];
		outcomes.push({description: `body.${key} == ${JSON.stringify(value)}`, passed: subsetMatches(value, actual), actual});
	}

	for (const threshold of expectation.thresholds ?? []) outcomes.push(evaluateThreshold(threshold, observation.facts as ThresholdFacts | undefined));

	for (const assert of expectation.asserts ?? []) {
		try {
			outcomes.push(evaluateAssert(observation, assert));
		} catch (error) {
			outcomes.push({description: describeAssert(assert), passed: false, actual: (error as Error).message, ...((assert as LocatedAssert).at ? {at: (assert as LocatedAssert).at} : {})});
		}
	}

	return outcomes;
}

/** Merge the check's expectation with a side's override (the override's fields win, asserts add up). */
export function expectationFor(base: Expectation, override: Expectation | undefined): Expectation {
	if (!override) return base;
	return {
		status: override.status ?? base.status,
		json: override.json ?? base.json,
		asserts: [...(base.asserts ?? []), ...(override.asserts ?? [])],
		thresholds: override.thresholds ?? base.thresholds,
	};
}
