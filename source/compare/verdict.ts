// From two observations to a verdict (DESIGN.md's table): expectations per side, differences beyond noise, the
// latency rule, and the differences a profile or check acknowledges.
import type {Check, Expectation} from '../catalog/schema.js';
import type {AssertionOutcome, CheckResult, Difference, Observation, Side, SideResult, Verdict} from '../domain.js';
import type {ExpectedEntry} from '../targets/profile-schema.js';
import {bounded, boundedJson, keptBounds} from '../values/bounded.js';
import {evaluateExpectation, expectationFor} from './asserts.js';
import {diffObservations, markNoise, type LocatedDifference} from './diff.js';

export type LatencyRule = {maxRatio: number; minDeltaMs: number};
export const defaultLatencyRule: LatencyRule = {maxRatio: 1.3, minDeltaMs: 50};

/** Candidate latency is a finding only above max(baseline × ratio, baseline + floor). */
export function latencyLimit(baselineMs: number, rule: LatencyRule): number {
	return Math.max(baselineMs * rule.maxRatio, baselineMs + rule.minDeltaMs);
}

export function sideOutcomes(check: Check, side: Side, observation: Observation | undefined, resolved?: Expectation): AssertionOutcome[] {
	if (!observation) return [];
	if (observation.skipped) return [];
	const expectation = resolved ?? expectationFor(check.expect, check.expectBySide?.[side]);
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
	expected?: ExpectedEntry[];
	rowId: string;
	today?: string;
	/** Each side's expectation with its placeholders resolved (defaults to the check's own). */
	expectations?: Partial<Record<Side, Expectation>>;
};

export type Judgement = Pick<CheckResult, 'verdict' | 'reason' | 'baseline' | 'candidate' | 'differences'>;

/** LiteLLM's answers when no database is connected (contract §7), and when models may not be stored in it. */
const noDatabase = /Connect Proxy to database|Database not connected|No connected db|No DB Connected|No db connected|DB not connected|Prisma Client is not initialized|Database not initialized/i;
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
	return `${side}: expected ${first.description}, got ${got.length > 80 ? got.slice(0, 77) + '…' : got}`;
}

function describeDifferences(differences: Difference[]): string {
	const shown = differences.slice(0, 3).map(difference => {
		switch (difference.kind) {
			case 'missing':
				return `${difference.path} missing on candidate`;
			case 'extra':
				return `${difference.path} only on candidate`;
			case 'latency':
				return difference.path === 'throughput'
					? `candidate throughput ${difference.candidate} req/s vs ${difference.baseline} req/s`
					: `candidate slower: ${difference.candidate} ms vs ${difference.baseline} ms`;
			default:
				return `${difference.path}: ${JSON.stringify(difference.baseline)} ≠ ${JSON.stringify(difference.candidate)}`;
		}
	});
	const more = differences.length > 3 ? ` (+${differences.length - 3} more)` : '';
	return shown.join('; ') + more;
}

function entryApplies(entry: ExpectedEntry, check: Check, rowId: string): boolean {
	return entry.check === check.id || entry.check === rowId;
}

function matchesDifference(entryPath: string | undefined, side: Side | undefined, difference: Difference): boolean {
	if (side === 'baseline' && difference.kind === 'extra') return false;
	if (entryPath === undefined) return true;
	return difference.path === entryPath || difference.path.startsWith(entryPath + '.') || difference.path.startsWith(entryPath + '[');
}

type Acknowledgement = {reason: string; path?: string; side?: Side; expires?: string; id?: string};

export function judge(input: JudgeInput): Judgement {
	const {check} = input;
	const bOutcomes = sideOutcomes(check, 'baseline', input.baseline, input.expectations?.baseline);
	const cOutcomes = sideOutcomes(check, 'candidate', input.candidate, input.expectations?.candidate);
	const baseline = sideResult(input.baseline, bOutcomes);
	const candidate = sideResult(input.candidate, cOutcomes);

	let differences: LocatedDifference[] = [];
	if (input.baseline?.reached && input.candidate?.reached) {
		differences = markNoise(diffObservations(input.baseline, input.candidate, check.compare), input.baseline, input.baselineNoise, check.compare);
		const rule = check.compare.latency === false || check.compare.latency === undefined ? undefined : {...defaultLatencyRule, ...input.latencyRule, ...check.compare.latency};
		if (rule) {
			const b = input.baseline.timing.totalMs;
			const c = input.candidate.timing.totalMs;
			if (c > latencyLimit(b, rule)) {
				differences.push({path: 'latency', pointer: 'latency', kind: 'latency', baseline: round(b), candidate: round(c), noise: false});
			}
		}
	}

	const throughput = check.compare.throughput;
	const bRate = (input.baseline?.facts as {rate?: number} | undefined)?.rate;
	const cRate = (input.candidate?.facts as {rate?: number} | undefined)?.rate;
	if (throughput && bRate !== undefined && cRate !== undefined && cRate < bRate * throughput.minRatio) {
		differences.push({path: 'throughput', pointer: 'throughput', kind: 'latency', baseline: bRate, candidate: cRate, noise: false});
	}

	const findings = differences.filter(difference => !difference.noise);
	let verdict: Verdict;
	let reason: string | undefined;
	if (input.candidateOnly) {
		verdict = candidate.ok ? 'bonus' : 'gap';
		reason = candidate.ok ? 'candidate-only feature present' : describeFailure('candidate', candidate, input.candidate);
	} else if (baseline.ok && candidate.ok) {
		verdict = findings.length > 0 ? 'drift' : 'parity';
		reason = findings.length > 0 ? describeDifferences(findings) : undefined;
	} else if (baseline.ok) {
		verdict = 'gap';
		reason = describeFailure('candidate', candidate, input.candidate);
	} else if (candidate.ok) {
		verdict = 'bonus';
		reason = describeFailure('baseline', baseline, input.baseline);
	} else if (!input.baseline?.reached && !input.candidate?.reached) {
		verdict = 'error';
		reason = `neither target answered: ${baseline.error ?? 'no answer'}`;
	} else {
		verdict = 'both-fail';
		const [b, c] = [databaseProblem('baseline', input.baseline), databaseProblem('candidate', input.candidate)];
		reason = b && c ? 'no database on either side (their answers say the proxy is not connected to a database; set DATABASE_URL)' : `${describeFailure('baseline', baseline, input.baseline)}; ${describeFailure('candidate', candidate, input.candidate)}`;
	}

	const publicDifferences: Difference[] = differences.map(({pointer: _pointer, ...rest}) => rest);
	if (verdict === 'gap' || verdict === 'drift' || verdict === 'both-fail') {
		const acknowledged = acknowledge(input, verdict, publicDifferences.filter(difference => !difference.noise));
		if (acknowledged) return {verdict: acknowledged.verdict, reason: acknowledged.reason, baseline, candidate, differences: publicDifferences};
	}

	return {verdict, reason, baseline, candidate, differences: publicDifferences};
}

/** Apply expected differences: all findings covered → `expected`; an expired entry is named in the reason. */
function acknowledge(input: JudgeInput, verdict: Verdict, findings: Difference[]): {verdict: Verdict; reason: string} | undefined {
	const today = input.today ?? new Date().toISOString().slice(0, 10);
	const entries: Acknowledgement[] = [
		...(input.check.expectedDifferences ?? []),
		...(input.expected ?? []).filter(entry => entryApplies(entry, input.check, input.rowId)),
	];
	if (entries.length === 0) return undefined;
	const live = entries.filter(entry => !entry.expires || entry.expires >= today);
	const expired = entries.filter(entry => entry.expires && entry.expires < today);
	const covers = (entry: Acknowledgement) =>
		verdict === 'drift' ? findings.length > 0 && findings.every(difference => matchesDifference(entry.path, entry.side, difference)) : entry.path === undefined || findings.some(difference => matchesDifference(entry.path, entry.side, difference));
	const match = live.find(covers);
	if (match) {
		for (const difference of findings) difference.expectedReason = match.reason;
		return {verdict: 'expected', reason: match.reason};
	}

	const stale = expired.find(covers);
	if (stale) return {verdict, reason: `expected difference${stale.id ? ` '${stale.id}'` : ''} expired on ${stale.expires}: ${stale.reason}`};
	return undefined;
}
