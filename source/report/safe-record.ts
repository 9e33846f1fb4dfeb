// What every reporter (and the history) renders: a run record whose kept values are bounded (a difference or a
// failure keeps at most a few KB of each value, cut with a marker) and whose strings carry no secret and no terminal
// control character. Done once per record.
import type {CheckResult, SideResult} from '../domain.js';
import {redactValue} from '../targets/secrets.js';
import {bounded, keptBounds, recordBounds} from '../values/bounded.js';
import type {RunRecord} from './json.js';

const safe = new WeakMap<RunRecord, RunRecord>();

function boundSide(side: SideResult): SideResult {
	return side.failures.length === 0 ? side : {...side, failures: side.failures.map(failure => ({...failure, actual: bounded(failure.actual, keptBounds)}))};
}

function boundResult(result: CheckResult): CheckResult {
	return {
		...result,
		baseline: boundSide(result.baseline),
		candidate: boundSide(result.candidate),
		differences: result.differences.map(difference => ({...difference, baseline: bounded(difference.baseline, keptBounds), candidate: bounded(difference.candidate, keptBounds)})),
		...(result.facts ? {facts: bounded(result.facts, keptBounds)} : {}),
	};
}

export function safeRecord(record: RunRecord): RunRecord {
	let out = safe.get(record);
	if (!out) {
		out = redactValue({...record, results: record.results.map(boundResult)}, recordBounds);
		safe.set(record, out);
		safe.set(out, out);
	}

	return out;
}
