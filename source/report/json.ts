// The stable, versioned JSON report of DESIGN.md. Secrets are scrubbed from every string before it leaves.
import type {CheckResult, RunEvent, RunSummary, Side, TargetInfo} from '../domain.js';
import {safeRecord} from './safe-record.js';
import {version} from '../version.js';

export const reportSchemaVersion = 1;

export type RunRecord = {
	runId: string;
	startedAt: string;
	finishedAt: string;
	durationMs: number;
	cancelled: boolean;
	profile: string;
	targets: Record<Side, TargetInfo>;
	results: CheckResult[];
	summary: RunSummary;
};

/** Fold the run events into one record (what reporters and history need). */
export function recordFromEvents(started: Extract<RunEvent, {type: 'run-started'}>, finished: Extract<RunEvent, {type: 'run-finished'}>): RunRecord {
	return {
		runId: started.runId,
		startedAt: started.startedAt,
		finishedAt: finished.finishedAt,
		durationMs: finished.durationMs,
		cancelled: finished.cancelled,
		profile: started.profile,
		targets: started.targets,
		results: finished.results,
		summary: finished.summary,
	};
}

function sideJson(side: CheckResult['baseline']) {
	return {
		ok: side.ok,
		...(side.status === undefined ? {} : {status: side.status}),
		...(side.latencyMs === undefined ? {} : {latencyMs: side.latencyMs}),
		...(side.error ? {error: side.error} : {}),
		...(side.skipped ? {skipped: side.skipped} : {}),
		...(side.failures.length > 0 ? {failures: side.failures.map(failure => ({expectation: failure.description, actual: failure.actual}))} : {}),
	};
}

export function toJsonReport(unsafe: RunRecord) {
	const record = safeRecord(unsafe);
	const report = {
		schemaVersion: reportSchemaVersion,
		tool: {name: 'litellm-parity', version},
		runId: record.runId,
		startedAt: record.startedAt,
		finishedAt: record.finishedAt,
		durationMs: record.durationMs,
		cancelled: record.cancelled,
		profile: record.profile,
		targets: {baseline: {url: record.targets.baseline.url}, candidate: {url: record.targets.candidate.url}},
		results: record.results.map(result => ({
			category: result.category,
			row: result.row,
			feature: result.feature,
			check: result.check,
			title: result.title,
			verdict: result.verdict,
			...(result.reason ? {reason: result.reason} : {}),
			baseline: sideJson(result.baseline),
			candidate: sideJson(result.candidate),
			differences: result.differences.map(difference => ({
				path: difference.path,
				kind: difference.kind,
				baseline: difference.baseline ?? null,
				candidate: difference.candidate ?? null,
				noise: difference.noise,
				...(difference.expectedReason ? {expectedReason: difference.expectedReason} : {}),
			})),
			durationMs: result.durationMs,
			...(result.facts ? {facts: result.facts} : {}),
		})),
		summary: record.summary,
	};
	return report;
}

export function renderJson(record: RunRecord): string {
	return JSON.stringify(toJsonReport(record), null, 2) + '\n';
}
