// From two observations to a verdict (DESIGN.md's table): expectations per side, differences beyond noise, the
// latency rule, and the differences a profile or check acknowledges.
import type {Check, Expectation} from '../catalog/schema.js';
import type {AssertionOutcome, CheckResult, Difference, LatencyFigures, Observation, Side, SideResult, Verdict} from '../domain.js';
import type {ExpectedEntry} from '../targets/profile-schema.js';
import {bounded, boundedJson, keptBounds} from '../values/bounded.js';
import {evaluateThreshold, type ThresholdFacts} from '../shared/thresholds.js';
import {evaluateExpectation, expectationFor} from './asserts.js';
import {defaultLatencyRule, judgeLatency, latencyLimit, measuredNoise, type LatencyJudgement, type LatencyRule, type PairedLatency} from './latency.js';
import {diffObservations, markNoise, type LocatedDifference} from './diff.js';
import {checkPins, describeViolation, entriesFor, isExpired, pathCovers, type Acknowledgement, type EntryState, type PinCheck} from './expected.js';

export {defaultLatencyRule, latencyLimit, type LatencyRule} from './latency.js';

/** Probes that measure the machine: their k6 thresholds are the plan's targets, judged per side and reported. */
const measuringKinds: ReadonlySet<string> = new Set(['load', 'overhead']);

/** Error thresholds stay expectations (a side failing under load is a finding); the rest are performance targets. */
function isTarget(threshold: string): boolean {
	return !/^\s*(errors|error_rate)\b/.test(threshold);
}

/** Each side's targets, met or missed (the plan's > 100 req/s, < 50 ms overhead): reported, not the verdict. */
export function sideTargets(check: Check, observation: Observation | undefined, expectation: Expectation): SideResult['targets'] {
	if (!measuringKinds.has(check.probe) || !observation?.reached) return undefined;
	const targets = (expectation.thresholds ?? []).filter(isTarget);
	if (targets.length === 0) return undefined;
	return targets.map(target => {
		const outcome = evaluateThreshold(target, observation.facts as ThresholdFacts | undefined);
		return {target, met: outcome.passed, actual: outcome.actual};
	});
}

export function sideOutcomes(check: Check, side: Side, observation: Observation | undefined, resolved?: Expectation): AssertionOutcome[] {
	if (!observation) return [];
	if (observation.skipped) return [];
	const full = resolved ?? expectationFor(check.expect, check.expectBySide?.[side]);
	const expectation = measuringKinds.has(check.probe) ? {...full, thresholds: full.thresholds?.filter(threshold => !isTarget(threshold))} : full;
	if (check.probe === 'sequence') {
		// A sequence is judged by its steps (each with its own expectation) plus the check's own asserts.
		const steps: AssertionOutcome[] = (observation.steps ?? [])
			.filter(step => !step.cleanup)
			.map(step => ({description: `step ${step.name}`, passed: step.ok, actual: step.error ?? step.status}));
		const rest = observation.reached ? evaluateExpectation(observation, {asserts: expectation.asserts, json: expectation.json, status: expectation.status}) : [];
		return [...steps, ...(expectation.status === undefined ? rest.filter(outcome => !outcome.description.startsWith('status')) : rest)];
	}

	return evaluateExpectation(observation, expectation);
}

export function sideResult(observation: Observation | undefined, outcomes: AssertionOutcome[]): SideResult {
	if (!observation) return {ok: false, failures: [], skipped: 'not probed'};
	if (observation.skipped) return {ok: false, failures: [], skipped: observation.skipped};
	return {
		ok: observation.reached && !observation.error && outcomes.every(outcome => outcome.passed),
		status: observation.status,
		latencyMs: round(observation.timing.totalMs),
		error: observation.error,
		failures: outcomes.filter(outcome => !outcome.passed).map(outcome => ({...outcome, actual: bounded(outcome.actual, keptBounds)})),
	};
}

function round(value: number): number {
	return Math.round(value * 10) / 10;
}

export type JudgeInput = {
	check: Check;
	candidateOnly: boolean;
	baseline?: Observation;
	baselineNoise?: Observation;
	candidate?: Observation;
	latencyRule?: LatencyRule;
	/** Interleaved paired samples from the latency phase; without them a request/response check's latency is not judged. */
	latency?: PairedLatency;
	expected?: ExpectedEntry[];
	rowId: string;
	categoryId?: string;
	today?: string;
	/** Each side's expectation with its placeholders resolved (defaults to the check's own). */
	expectations?: Partial<Record<Side, Expectation>>;
};

export type Judgement = Pick<CheckResult, 'verdict' | 'reason' | 'baseline' | 'candidate' | 'differences' | 'latency'> & {
	/** What became of each expected-difference entry that applies to this check (for stale and expiry notices). */
	entries: Record<string, EntryState>;
};

/** LiteLLM's answers when no database is connected (contract §7), and when models may not be stored in it. */
// Also the managed-files hook's 500 on files and batches without a database (contract §15).
const noDatabase = /Connect Proxy to database|Database not connected|No connected db|No DB Connected|No db connected|DB not connected|Prisma Client is not initialized|Database not initialized|'NoneType' object has no attribute 'db'/i;
const modelStoreOff = /STORE_MODEL_IN_DB/;

/** Say it in words when a side fails because it has no database (a gap, not a mystery 500). */
export function databaseProblem(side: Side, observation: Observation | undefined): string | undefined {
	const text = observation?.bodyText ?? '';
	if (noDatabase.test(text)) return `no database on ${side} (its answers say the proxy is not connected to a database; set DATABASE_URL)`;
	if (modelStoreOff.test(text)) return `models cannot be stored in the database on ${side} (set STORE_MODEL_IN_DB=True)`;
	return undefined;
}

function describeFailure(side: Side, result: SideResult, observation?: Observation): string {
	const database = result.error ? undefined : databaseProblem(side, observation);
	if (database) return database;
	if (result.error) return `${side}: ${result.error}`;
	const first = result.failures[0];
	if (!first) return `${side}: does not meet the expectations`;
	const got = first.actual === undefined ? 'nothing' : boundedJson(first.actual);
	return `${side}: expected ${first.description}, got ${got.length > 80 ? got.slice(0, 77) + '…' : got}${first.at ? ` (${first.at})` : ''}`;
}

function describeDifferences(differences: Difference[], summary?: string): string {
	const shown = differences.slice(0, 3).map(difference => {
		switch (difference.kind) {
			case 'missing':
				return `${difference.path} missing on candidate`;
			case 'extra':
				return `${difference.path} only on candidate`;
			case 'latency':
				return difference.path === 'throughput'
					? `candidate throughput ${difference.candidate} req/s vs ${difference.baseline} req/s`
					: `candidate slower: ${difference.candidate} ms vs ${difference.baseline} ms${summary ? ` (${summary})` : ''}`;
			default:
				return `${difference.path}: ${JSON.stringify(difference.baseline)} ≠ ${JSON.stringify(difference.candidate)}`;
		}
	});
	const more = differences.length > 3 ? ` (+${differences.length - 3} more)` : '';
	return shown.join('; ') + more;
}

/** Probe kinds whose latency is judged on interleaved pairs (the engine's latency phase). */
const pairedKinds: ReadonlySet<string> = new Set(['http', 'sse']);

function latencySummaryOf(latency: LatencyJudgement): LatencyFigures {
	const {slower: _slower, ...rest} = latency;
	return rest;
}

function describeTargets(baseline: SideResult, candidate: SideResult): string | undefined {
	const sideText = (side: Side, result: SideResult) => result.targets?.map(target => `${target.target} ${target.met ? 'met' : 'missed'} (${typeof target.actual === 'number' ? Math.round(target.actual * 10) / 10 : String(target.actual)})`).join(', ');
	const parts = (['baseline', 'candidate'] as const).flatMap(side => {
		const text = sideText(side, side === 'baseline' ? baseline : candidate);
		return text ? [`${side} ${text}`] : [];
	});
	return parts.length > 0 ? `plan targets: ${parts.join('; ')}` : undefined;
}

function statusClass(status: number | undefined): string {
	if (status === undefined) return 'no status';
	if (status === 404 || status === 405) return `${status} (no such route)`;
	return `${Math.floor(status / 100)}xx`;
}

/**
 * When neither side meets the expectations, the two answers are still compared: a different status class (a route
 * missing on one side, one side refusing what the other accepts), different failed expectations or a different body
 * shape are a finding. Only what is left is "failing the same way".
 */
function failureDifferences(input: JudgeInput, baseline: SideResult, candidate: SideResult, findings: LocatedDifference[]): LocatedDifference[] {
	const out: LocatedDifference[] = [];
	const [b, c] = [input.baseline!, input.candidate!];
	if (!findings.some(difference => difference.kind === 'status') && statusClass(b.status) !== statusClass(c.status)) {
		out.push({path: 'status', pointer: 'status', kind: 'status', baseline: b.status ?? null, candidate: c.status ?? null, noise: false});
	}

	const failed = (side: SideResult) => [...new Set(side.failures.map(failure => failure.description))].sort();
	const [bFailed, cFailed] = [failed(baseline), failed(candidate)];
	if (JSON.stringify(bFailed) !== JSON.stringify(cFailed)) out.push({path: 'expectations', pointer: 'expectations', kind: 'expectation', baseline: bFailed, candidate: cFailed, noise: false});
	// Body shapes are compared as the check says (its findings are already in); `body: ignore` means the check's
	// author declared the body beside the point here.
	return out;
}

export function judge(input: JudgeInput): Judgement {
	const {check} = input;
	const bOutcomes = sideOutcomes(check, 'baseline', input.baseline, input.expectations?.baseline);
	const cOutcomes = sideOutcomes(check, 'candidate', input.candidate, input.expectations?.candidate);
	const baseline = sideResult(input.baseline, bOutcomes);
	const candidate = sideResult(input.candidate, cOutcomes);
	for (const [side, result] of [['baseline', baseline], ['candidate', candidate]] as const) {
		const targets = sideTargets(check, input[side], input.expectations?.[side] ?? expectationFor(check.expect, check.expectBySide?.[side]));
		if (targets) result.targets = targets;
	}

	// A side the tool could not reach (refused, DNS, timeout, TLS, reset) cannot be judged: that is an error naming
	// the side and the cause, never a missing feature.
	const unreached = (['baseline', 'candidate'] as const).filter(side => {
		const observation = input[side];
		return observation !== undefined && !observation.skipped && !observation.reached;
	});
	if (unreached.length > 0) {
		const reason = unreached.map(side => `${side} unreachable: ${input[side]!.error ?? 'no answer'}`).join('; ');
		return {verdict: 'error', reason, baseline, candidate, differences: [], entries: {}};
	}

	let differences: LocatedDifference[] = [];
	let latency: LatencyJudgement | undefined;
	if (input.baseline?.reached && input.candidate?.reached) {
		differences = markNoise(diffObservations(input.baseline, input.candidate, check.compare), input.baseline, input.baselineNoise, check.compare);
		const rule = check.compare.latency === false || check.compare.latency === undefined ? undefined : {...defaultLatencyRule, ...input.latencyRule, ...check.compare.latency};
		if (rule && input.latency) {
			// Request/response checks: judged on interleaved pairs against the baseline's own noise.
			latency = judgeLatency(input.latency, rule);
			if (latency.slower) differences.push({path: 'latency', pointer: 'latency', kind: 'latency', baseline: latency.baselineMedianMs, candidate: latency.candidateMedianMs, noise: false});
		} else if (rule && !pairedKinds.has(check.probe)) {
			// Measuring probes (load p95, overhead median) bring their own many-sample figure per side; beyond the
			// rule, the difference must also exceed twice the spread between one side's own rounds (load).
			const b = input.baseline.timing.totalMs;
			const c = input.candidate.timing.totalMs;
			const margin = measuredNoise(input.baseline, input.candidate, 'p95Rounds');
			if (c > latencyLimit(b, rule) && c > latencyLimit(b, rule) * (1 + margin)) {
				differences.push({path: 'latency', pointer: 'latency', kind: 'latency', baseline: round(b), candidate: round(c), noise: false});
			}
		}
	}

	const throughput = check.compare.throughput;
	const bRate = (input.baseline?.facts as {rate?: number} | undefined)?.rate;
	const cRate = (input.candidate?.facts as {rate?: number} | undefined)?.rate;
	// Throughput is relative: below the ratio, and further below than twice the spread of one side's own rounds.
	const rateMargin = input.baseline && input.candidate ? measuredNoise(input.baseline, input.candidate, 'rateRounds') : 0;
	if (throughput && bRate !== undefined && cRate !== undefined && cRate < bRate * Math.max(0, throughput.minRatio - rateMargin)) {
		differences.push({path: 'throughput', pointer: 'throughput', kind: 'latency', baseline: bRate, candidate: cRate, noise: false});
	}

	let findings = differences.filter(difference => !difference.noise);
	let verdict: Verdict;
	let reason: string | undefined;
	if (input.candidateOnly) {
		verdict = candidate.ok ? 'bonus' : 'gap';
		reason = candidate.ok ? 'candidate-only feature present' : describeFailure('candidate', candidate, input.candidate);
	} else if (baseline.ok && candidate.ok) {
		verdict = findings.length > 0 ? 'drift' : 'parity';
		reason = findings.length > 0 ? describeDifferences(findings, latency?.summary) : undefined;
	} else if (baseline.ok) {
		verdict = 'gap';
		reason = describeFailure('candidate', candidate, input.candidate);
	} else if (candidate.ok) {
		verdict = 'bonus';
		reason = describeFailure('baseline', baseline, input.baseline);
	} else {
		const both = `${describeFailure('baseline', baseline, input.baseline)}; ${describeFailure('candidate', candidate, input.candidate)}`;
		const apart = failureDifferences(input, baseline, candidate, findings);
		differences.push(...apart);
		findings = differences.filter(difference => !difference.noise);
		if (findings.length > 0) {
			// Both miss the expectations but not in the same way: the difference between them is the finding (drift),
			// with both failures named.
			verdict = 'drift';
			reason = `both fail, differently: ${both}; ${describeDifferences(findings)}`;
		} else {
			verdict = 'both-fail';
			const [b, c] = [databaseProblem('baseline', input.baseline), databaseProblem('candidate', input.candidate)];
			reason = b && c ? 'no database on either side (their answers say the proxy is not connected to a database; set DATABASE_URL)' : both;
		}
	}

	const targets = describeTargets(baseline, candidate);
	if (targets) reason = reason ? `${reason}; ${targets}` : targets;
	const publicDifferences: Difference[] = differences.map(({pointer: _pointer, ...rest}) => rest);
	return applyExpected(input, {verdict, reason, baseline, candidate, differences: publicDifferences, entries: {}, ...(latency ? {latency: latencySummaryOf(latency)} : {})});
}

/**
 * Expected differences. A pinned entry reads both sides at its path: a value outside the pin is a finding with both
 * values and the pinned ones in the reason. A check is `expected` only when every finding is covered by a live entry;
 * partial cover says which are covered and which are not. An expired entry is inactive and says so.
 */
function applyExpected(input: JudgeInput, judgement: Judgement): Judgement {
	const today = input.today ?? new Date().toISOString().slice(0, 10);
	const entries = entriesFor(input.check, input.rowId, input.categoryId, input.expected);
	if (entries.length === 0) return judgement;
	const states: Record<string, EntryState> = {};
	const live = entries.filter(entry => !isExpired(entry, today));
	const expired = entries.filter(entry => isExpired(entry, today));
	for (const entry of entries) states[entry.id] = isExpired(entry, today) ? 'expired' : 'unused';
	const judged = !['skipped', 'error'].includes(judgement.verdict);
	if (!judged) return {...judgement, entries: {}};

	// Pins: both sides' values at the entry's path must be the pinned ones.
	const violations: PinCheck[] = [];
	const honoured: Acknowledgement[] = [];
	for (const entry of live) {
		const pinned = entry.baseline !== undefined || entry.candidate !== undefined;
		const pins = checkPins(entry, input.candidateOnly ? undefined : input.baseline, input.candidate);
		if (!pins) {
			// A pinned entry whose path this check does not observe covers nothing here.
			if (!pinned) honoured.push(entry);
			continue;
		}

		if (pins.violated.length > 0) {
			violations.push(pins);
			states[entry.id] = 'violated';
		} else {
			honoured.push(entry);
			states[entry.id] = 'used';
		}
	}

	let {verdict, reason} = judgement;
	const differences = judgement.differences;
	if (violations.length > 0) {
		for (const violation of violations) {
			if (!differences.some(difference => difference.path === violation.entry.path && !difference.noise)) {
				differences.push({path: violation.entry.path!, kind: 'expectation', baseline: violation.values.baseline ?? null, candidate: violation.values.candidate ?? null, noise: false});
			}
		}

		const text = `outside the expected values: ${violations.map(describeViolation).join('; ')}`;
		if (verdict === 'gap' || verdict === 'both-fail') reason = `${reason}; ${text}`;
		else {
			verdict = 'drift';
			reason = text;
		}
	}

	const findings = differences.filter(difference => !difference.noise);
	const coveredBy = new Map<Difference, Acknowledgement>();
	for (const difference of findings) {
		const entry = honoured.find(candidate => candidate.path !== undefined && pathCovers(candidate, difference));
		if (entry) coveredBy.set(difference, entry);
	}

	const whole = honoured.find(entry => entry.path === undefined);
	const allCovered = findings.length > 0 && coveredBy.size === findings.length;
	if (violations.length === 0 && (verdict === 'drift' || verdict === 'gap' || verdict === 'both-fail')) {
		if (whole || allCovered) {
			for (const [difference, entry] of coveredBy) {
				difference.expectedReason = entry.reason;
				states[entry.id] = 'used';
			}

			if (whole) {
				states[whole.id] = 'used';
				for (const difference of findings) difference.expectedReason ??= whole.reason;
			}

			const reasons = [...new Set([...(whole ? [whole.reason] : []), ...[...coveredBy.values()].map(entry => entry.reason)])];
			return {...judgement, verdict: 'expected', reason: reasons.join('; '), differences, entries: states};
		}
	}

	if (coveredBy.size > 0) {
		// Partial cover: what is acknowledged is marked, the rest stays a finding and the reason says which is which.
		for (const [difference, entry] of coveredBy) {
			difference.expectedReason = entry.reason;
			states[entry.id] = 'used';
		}

		const uncovered = findings.filter(difference => !coveredBy.has(difference));
		if (uncovered.length > 0 && violations.length === 0) {
			reason = `${coveredBy.size} of ${findings.length} differences expected (${[...coveredBy.keys()].map(difference => difference.path).join(', ')}); not covered: ${describeDifferences(uncovered)}`;
		}
	}

	const lapsed = expired.filter(entry => entry.path === undefined || findings.some(difference => pathCovers(entry, difference)));
	if (lapsed.length > 0 && verdict !== 'parity') {
		const said = lapsed.map(entry => `expected difference '${entry.id}' expired on ${entry.expires} and is inactive: ${entry.reason}`).join('; ');
		reason = reason ? `${reason} (${said})` : said;
	}

	return {...judgement, verdict, reason, differences, entries: states};
}

/** Mark one difference as expected after the fact (the explorer's `x`): the verdict follows the same rule as a run. */
export function acknowledgeDifference<T extends Pick<CheckResult, 'verdict' | 'reason' | 'differences'>>(result: T, path: string, reason: string): T {
	const differences = result.differences.map(difference => (difference.path === path ? {...difference, expectedReason: reason} : difference));
	const findings = differences.filter(difference => !difference.noise);
	const covered = findings.filter(difference => difference.expectedReason !== undefined);
	if (result.verdict !== 'drift' && result.verdict !== 'expected') return {...result, differences};
	if (findings.length > 0 && covered.length === findings.length) {
		return {...result, differences, verdict: 'expected', reason: [...new Set(covered.map(difference => difference.expectedReason!))].join('; ')};
	}

	const uncovered = findings.filter(difference => difference.expectedReason === undefined);
	return {...result, differences, verdict: 'drift', reason: `${covered.length} of ${findings.length} differences expected (${covered.map(difference => difference.path).join(', ')}); not covered: ${describeDifferences(uncovered)}`};
}
