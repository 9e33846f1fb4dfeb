// Every run is kept (a bounded number, newest first) in the user's data folder, so a run can be compared with the
// previous one on the same profile: newly broken rows, fixed rows, latency moves.
import {mkdir, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import path from 'node:path';
import envPaths from 'env-paths';
import type {Verdict} from '../domain.js';
import {toJsonReport, type RunRecord} from '../report/json.js';

export type StoredRun = ReturnType<typeof toJsonReport>;
export type RunEntry = {file: string; runId: string; profile: string; startedAt: string; summary: Record<string, number>};

export const defaultHistoryLimit = 100;

export function historyDirectory(env: NodeJS.ProcessEnv = process.env): string {
	if (env.LITELLM_PARITY_HOME) return path.join(env.LITELLM_PARITY_HOME, 'history');
	return path.join(envPaths('litellm-parity', {suffix: ''}).data, 'history');
}

function fileName(report: StoredRun): string {
	// Millisecond stamps keep runs started within the same second in order.
	const stamp = report.startedAt.replaceAll(/[-:.]/g, '').replace('T', '-').slice(0, 18);
	return `${stamp}-${report.profile.replaceAll(/[^\w.-]/g, '_')}-${report.runId}.json`;
}

/** Store a finished run (already redacted by toJsonReport) and drop the oldest beyond the limit. */
export async function saveRun(record: RunRecord, {directory = historyDirectory(), limit = Number(process.env.LITELLM_PARITY_HISTORY_LIMIT ?? defaultHistoryLimit)} = {}): Promise<string> {
	await mkdir(directory, {recursive: true, mode: 0o700});
	const report = toJsonReport(record);
	const file = path.join(directory, fileName(report));
	await writeFile(file, JSON.stringify(report), {mode: 0o600});
	const files = (await readdir(directory)).filter(name => name.endsWith('.json')).sort();
	for (const old of files.slice(0, Math.max(0, files.length - limit))) await rm(path.join(directory, old), {force: true});
	return file;
}

export async function listRuns({directory = historyDirectory(), profile}: {directory?: string; profile?: string} = {}): Promise<RunEntry[]> {
	let names: string[];
	try {
		names = (await readdir(directory)).filter(name => name.endsWith('.json')).sort().reverse();
	} catch {
		return [];
	}

	const entries: RunEntry[] = [];
	for (const name of names) {
		const run = await readRun(path.join(directory, name)).catch(() => undefined);
		if (!run || (profile && run.profile !== profile)) continue;
		entries.push({file: path.join(directory, name), runId: run.runId, profile: run.profile, startedAt: run.startedAt, summary: run.summary});
	}

	return entries;
}

export async function readRun(file: string): Promise<StoredRun> {
	return JSON.parse(await readFile(file, 'utf8')) as StoredRun;
}

const passing: ReadonlySet<Verdict> = new Set(['parity', 'expected', 'bonus']);
const failing: ReadonlySet<Verdict> = new Set(['gap', 'drift', 'both-fail', 'error']);

export type RunChange = {check: string; row: string; feature: string; before?: Verdict; after?: Verdict; reason?: string};
export type LatencyMove = {check: string; side: 'baseline' | 'candidate'; beforeMs: number; afterMs: number};
export type RunComparison = {broken: RunChange[]; fixed: RunChange[]; changed: RunChange[]; added: RunChange[]; removed: RunChange[]; latency: LatencyMove[]};

/** A latency move is worth showing above both a ratio and an absolute floor (noise on fast calls is large). */
export const latencyMoveRule = {ratio: 1.5, minDeltaMs: 25};

export function compareRuns(previous: StoredRun, current: StoredRun): RunComparison {
	const before = new Map(previous.results.map(result => [result.check, result]));
	const after = new Map(current.results.map(result => [result.check, result]));
	const comparison: RunComparison = {broken: [], fixed: [], changed: [], added: [], removed: [], latency: []};
	for (const [check, now] of after) {
		const then = before.get(check);
		const change: RunChange = {check, row: now.row, feature: now.feature, before: then?.verdict as Verdict | undefined, after: now.verdict as Verdict, reason: now.reason};
		if (!then) {
			comparison.added.push(change);
			continue;
		}

		if (then.verdict !== now.verdict) {
			if (failing.has(now.verdict as Verdict) && !failing.has(then.verdict as Verdict)) comparison.broken.push(change);
			else if (failing.has(then.verdict as Verdict) && passing.has(now.verdict as Verdict)) comparison.fixed.push(change);
			else comparison.changed.push(change);
		}

		for (const side of ['baseline', 'candidate'] as const) {
			const a = then[side].latencyMs;
			const b = now[side].latencyMs;
			if (a === undefined || b === undefined) continue;
			const [low, high] = a < b ? [a, b] : [b, a];
			if (high > low * latencyMoveRule.ratio && high - low > latencyMoveRule.minDeltaMs) comparison.latency.push({check, side, beforeMs: a, afterMs: b});
		}
	}

	for (const [check, then] of before) {
		if (!after.has(check)) comparison.removed.push({check, row: then.row, feature: then.feature, before: then.verdict as Verdict});
	}

	return comparison;
}
