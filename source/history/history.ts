// Every run is kept (a bounded number, newest first) in the user's data folder, so a run can be compared with the
// previous one on the same profile: newly broken rows, fixed rows, latency moves.
import {mkdir, open, readdir, rm, stat} from 'node:fs/promises';
import path from 'node:path';
import envPaths from 'env-paths';
import {failingVerdicts, type Verdict} from '../domain.js';
import {ConfigError} from '../errors.js';
import {removeLeftovers, writeDurably} from '../files/durable-write.js';
import {toJsonReport, type RunRecord} from '../report/json.js';

export type StoredRun = ReturnType<typeof toJsonReport>;
export type RunEntry = {file: string; runId: string; profile: string; startedAt: string; summary: Record<string, number>};

export const defaultHistoryLimit = 100;

/** One history entry is at most this big: a run's differences are already bounded, so only a huge run gets near it. */
export const maxEntryBytes = 4 * 1024 * 1024;

/** How many runs to keep: LITELLM_PARITY_HISTORY_LIMIT when set (a whole number of 1 or more, else refused). */
export function historyLimit(env: NodeJS.ProcessEnv = process.env): number {
	const raw = env.LITELLM_PARITY_HISTORY_LIMIT;
	if (raw === undefined || raw === '') return defaultHistoryLimit;
	const limit = Number(raw);
	if (!Number.isInteger(limit) || limit < 1) {
		throw new ConfigError(`LITELLM_PARITY_HISTORY_LIMIT must be a whole number of 1 or more (the runs to keep), got '${raw}'; unset it to keep ${defaultHistoryLimit}`);
	}

	return limit;
}

export function historyDirectory(env: NodeJS.ProcessEnv = process.env): string {
	if (env.LITELLM_PARITY_HOME) return path.join(env.LITELLM_PARITY_HOME, 'history');
	return path.join(envPaths('litellm-parity', {suffix: ''}).data, 'history');
}

function fileName(report: StoredRun): string {
	// Millisecond stamps keep runs started within the same second in order.
	const stamp = report.startedAt.replaceAll(/[-:.]/g, '').replace('T', '-').slice(0, 18);
	return `${stamp}-${report.profile.replaceAll(/[^\w.-]/g, '_')}-${report.runId}.json`;
}

/** The entry as stored: within maxEntryBytes, dropping difference values, then differences, then results (and saying so). */
export function entryText(report: StoredRun): string {
	let text = JSON.stringify(report);
	if (text.length <= maxEntryBytes) return text;
	const lighter = {...report, truncated: 'difference values dropped to keep the entry small', results: report.results.map(result => ({...result, differences: result.differences.map(({baseline: _b, candidate: _c, ...rest}) => ({...rest, baseline: null, candidate: null}))}))};
	text = JSON.stringify(lighter);
	if (text.length <= maxEntryBytes) return text;
	const bare = {...report, truncated: 'differences dropped to keep the entry small', results: report.results.map(result => ({...result, differences: []}))};
	text = JSON.stringify(bare);
	let keep = bare.results.length;
	while (text.length > maxEntryBytes && keep > 0) {
		keep = Math.floor(keep / 2);
		text = JSON.stringify({...bare, truncated: `only the first ${keep} of ${bare.results.length} results kept to keep the entry small`, results: bare.results.slice(0, keep)});
	}

	return text;
}

/**
 * Store a finished run (redacted and bounded by toJsonReport) durably — a full disk leaves no half-written entry and
 * the older ones untouched — and drop the oldest beyond the limit once the new one is safe.
 */
export async function saveRun(record: RunRecord, {directory = historyDirectory(), limit = historyLimit()} = {}): Promise<string> {
	if (!Number.isInteger(limit) || limit < 1) throw new ConfigError(`the history limit must be a whole number of 1 or more, got ${limit}`);
	await mkdir(directory, {recursive: true, mode: 0o700});
	const report = toJsonReport(record);
	const file = path.join(directory, fileName(report));
	removeLeftovers(file);
	writeDurably(file, entryText(report), {mode: 0o600});
	const files = (await readdir(directory)).filter(name => name.endsWith('.json')).sort();
	for (const old of files.slice(0, Math.max(0, files.length - limit))) await rm(path.join(directory, old), {force: true});
	return file;
}

/** The newest runs (at most `limit`), reading only entries within the size cap. */
export async function listRuns({directory = historyDirectory(), profile, limit = Number.POSITIVE_INFINITY}: {directory?: string; profile?: string; limit?: number} = {}): Promise<RunEntry[]> {
	let names: string[];
	try {
		names = (await readdir(directory)).filter(name => name.endsWith('.json')).sort().reverse();
	} catch {
		return [];
	}

	const entries: RunEntry[] = [];
	for (const name of names) {
		if (entries.length >= limit) break;
		const run = await readRun(path.join(directory, name)).catch(() => undefined);
		if (!run || (profile && run.profile !== profile)) continue;
		entries.push({file: path.join(directory, name), runId: run.runId, profile: run.profile, startedAt: run.startedAt, summary: run.summary});
	}

	return entries;
}

/** One entry, read only if it is a regular file within the size cap (a huge or odd file is not an entry). */
export async function readRun(file: string): Promise<StoredRun> {
	const info = await stat(file);
	if (!info.isFile()) throw new Error(`${file} is not a regular file`);
	if (info.size > maxEntryBytes) throw new Error(`${file} is ${(info.size / 1024 / 1024).toFixed(1)} MB, larger than a history entry can be`);
	const handle = await open(file, 'r');
	try {
		const buffer = Buffer.alloc(info.size);
		const {bytesRead} = await handle.read(buffer, 0, info.size, 0);
		return JSON.parse(buffer.subarray(0, bytesRead).toString('utf8')) as StoredRun;
	} finally {
		await handle.close();
	}
}

const passing: ReadonlySet<Verdict> = new Set(['parity', 'expected', 'bonus']);
const failing: ReadonlySet<Verdict> = new Set(failingVerdicts);

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
