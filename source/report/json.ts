// The stable, versioned JSON report of DESIGN.md. Secrets are scrubbed from every string before it leaves.
import {rowVerdict, type CheckResult, type RunEvent, type RunNotice, type RunSummary, type Side, type SideVersions, type TargetInfo, type Verdict} from '../domain.js';
import {versionBanner} from '../engine/preflight.js';
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
	/** The LiteLLM version each side reported. */
	versions?: SideVersions;
	/** Stale and expired expected differences. */
	notices?: RunNotice[];
	/** What the targets are (litellm, litellm-llmrouter, openai), when the run knew it. */
	flavour?: string;
	/** The markdown report's title and intro, from the profile. */
	title?: string;
	description?: string;
	/** Run-level findings about the gateways (a configuration mistake, targets that are not what the flavour says). */
	gatewayNotices?: string[];
};

/** What every output prints first: the version banner (when the sides differ), then the run's notices. */
export function headlines(record: Pick<RunRecord, 'versions' | 'notices' | 'gatewayNotices'>): string[] {
	const banner = versionBanner(record.versions);
	return [...(banner ? [`⚠ ${banner}`] : []), ...(record.gatewayNotices ?? []).map(notice => `⚠ ${notice}`), ...(record.notices ?? []).map(notice => `⚠ ${notice.message}`)];
}

/** Each row's verdict (the worst of its checks, the one ranking of domain.ts), in run order. */
export function rowVerdicts(results: readonly CheckResult[]): Array<{category: string; row: string; feature: string; verdict: Verdict}> {
	const rows = new Map<string, {category: string; row: string; feature: string; results: CheckResult[]}>();
	for (const result of results) {
		const entry = rows.get(result.row) ?? {category: result.category, row: result.row, feature: result.feature, results: []};
		entry.results.push(result);
		rows.set(result.row, entry);
	}

	return [...rows.values()].map(({results: list, ...row}) => ({...row, verdict: rowVerdict(list)}));
}

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
		...(finished.versions ?? started.versions ? {versions: finished.versions ?? started.versions} : {}),
		...(finished.notices?.length ? {notices: finished.notices} : {}),
	};
}

function sideJson(side: CheckResult['baseline']) {
	return {
		ok: side.ok,
		...(side.status === undefined ? {} : {status: side.status}),
		...(side.latencyMs === undefined ? {} : {latencyMs: side.latencyMs}),
		...(side.error ? {error: side.error} : {}),
		...(side.skipped ? {skipped: side.skipped} : {}),
		...(side.targets ? {targets: side.targets} : {}),
		...(side.failures.length > 0 ? {failures: side.failures.map(failure => ({expectation: failure.description, actual: failure.actual, ...(failure.at ? {at: failure.at} : {})}))} : {}),
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
		targets: {
			baseline: {url: record.targets.baseline.url, ...(record.versions?.baseline ? {litellmVersion: record.versions.baseline} : {})},
			candidate: {url: record.targets.candidate.url, ...(record.versions?.candidate ? {litellmVersion: record.versions.candidate} : {})},
		},
		...(headlines(record).length > 0 ? {headlines: headlines(record).map(line => line.replace(/^⚠ /, ''))} : {}),
		...(record.notices?.length ? {notices: record.notices} : {}),
		rows: rowVerdicts(record.results),
		...(record.flavour ? {flavour: record.flavour} : {}),
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
			...(result.latency ? {latency: result.latency} : {}),
		})),
		summary: record.summary,
	};
	return report;
}

export function renderJson(record: RunRecord): string {
	return JSON.stringify(toJsonReport(record), null, 2) + '\n';
}
