// `E`: write what the explorer currently shows (the latest result of every check run so far) as the JSON report
// and the text table, next to each other in a folder (the current one by default).
import {writeFile} from 'node:fs/promises';
import path from 'node:path';
import {emptySummary, type CheckResult} from '../../domain.js';
import {renderJson, type RunRecord} from '../../report/json.js';
import {renderTable} from '../../report/table.js';
import type {ExplorerState} from '../model/state.js';

export function recordFromState(state: ExplorerState, now = new Date()): RunRecord | undefined {
	const results: CheckResult[] = Object.values(state.checks).flatMap(check => (check.result ? [check.result] : []));
	if (results.length === 0 || !state.targets) return undefined;
	const summary = emptySummary();
	for (const result of results) summary[result.verdict]++;
	return {
		runId: state.lastRun?.runId || 'explorer',
		startedAt: state.lastRun?.startedAt ?? now.toISOString(),
		finishedAt: state.lastRun?.finishedAt ?? now.toISOString(),
		durationMs: results.reduce((total, result) => total + result.durationMs, 0),
		cancelled: state.lastRun?.cancelled ?? false,
		profile: state.profile?.spec.name ?? 'unknown',
		targets: state.targets,
		results,
		summary,
	};
}

function stamp(date: Date): string {
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

export async function exportReport(record: RunRecord, directory: string, now = new Date()): Promise<{json: string; text: string}> {
	const base = path.join(directory, `parity-report-${record.profile}-${stamp(now)}`);
	const json = `${base}.json`;
	const text = `${base}.txt`;
	await writeFile(json, renderJson(record));
	await writeFile(text, renderTable(record));
	return {json, text};
}
