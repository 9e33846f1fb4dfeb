// `E`: write what the explorer currently shows (the latest result of every check run so far) in every report
// format the headless run has — JSON, the text table, the plan's markdown and JUnit XML — side by side in a folder
// (the user's reports folder by default, never the repository the tool runs from; the prompt lets the user pick).
import {mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import envPaths from 'env-paths';
import type {Catalog} from '../../catalog/catalog.js';
import {emptySummary, failingVerdicts, type CheckResult, type Verdict} from '../../domain.js';
import {renderJson, type RunRecord} from '../../report/json.js';
import {renderJunit} from '../../report/junit.js';
import {renderMarkdown} from '../../report/markdown.js';
import {renderTable} from '../../report/table.js';
import type {ExplorerState} from '../model/state.js';

/** Where `E` proposes to write: `$LITELLM_PARITY_HOME/reports`, else the user's data folder (next to the history). */
export function reportsDirectory(env: NodeJS.ProcessEnv = process.env): string {
	if (env.LITELLM_PARITY_HOME) return path.join(env.LITELLM_PARITY_HOME, 'reports');
	return path.join(envPaths('litellm-parity', {suffix: ''}).data, 'reports');
}

export function recordFromState(state: ExplorerState, now = new Date()): RunRecord | undefined {
	const results: CheckResult[] = Object.values(state.checks).flatMap(check => (check.result ? [check.result] : []));
	if (results.length === 0 || !state.targets) return undefined;
	const summary = emptySummary();
	for (const result of results) summary[result.verdict]++;
	return {
		runId: state.lastRun?.runId || 'explorer',
		startedAt: state.lastRun?.startedAt ?? now.toISOString(),
		finishedAt: state.lastRun?.finishedAt ?? now.toISOString(),
		// The wall time of the run (checks run side by side: their durations add up to more than the run took).
		durationMs: state.lastRun?.durationMs ?? Math.max(0, ...results.map(result => result.durationMs)),
		cancelled: state.lastRun?.cancelled ?? false,
		profile: state.profile?.spec.name ?? 'unknown',
		targets: state.targets,
		results,
		summary,
		// The version banner heads every exported report, as it heads the headless run's.
		...(state.versions && Object.keys(state.versions).length > 0 ? {versions: state.versions} : {}),
	};
}

function stamp(date: Date): string {
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
}

export type ExportedFiles = {json: string; text: string; markdown: string; junit: string};

export type ExportOptions = {
	/** The markdown report fills in the plan's matrix, so it needs the catalog the results came from. */
	catalog: Catalog;
	/** Verdicts that are JUnit failures (the profile's failOn, as in the headless run). */
	failOn?: readonly Verdict[];
	now?: Date;
};

export async function exportReport(record: RunRecord, directory: string, {catalog, failOn = failingVerdicts, now = new Date()}: ExportOptions): Promise<ExportedFiles> {
	const base = path.join(directory, `parity-report-${record.profile.replaceAll(/[^\w.-]/g, '_')}-${stamp(now)}`);
	const files: ExportedFiles = {json: `${base}.json`, text: `${base}.txt`, markdown: `${base}.md`, junit: `${base}.junit.xml`};
	// Render everything first: a renderer that throws must not leave half a set of files behind.
	const contents: Array<[string, string]> = [
		[files.json, renderJson(record)],
		[files.text, renderTable(record)],
		[files.markdown, renderMarkdown(record, catalog)],
		[files.junit, renderJunit(record, failOn)],
	];
	await mkdir(directory, {recursive: true});
	await Promise.all(contents.map(([file, content]) => writeFile(file, content)));
	return files;
}

/** The toast's words for the files: the first with its full path, then the other endings. */
export function describeExport(files: ExportedFiles): string {
	const shown = path.resolve(files.json);
	const base = files.json.slice(0, -'.json'.length);
	const endings = [files.text, files.markdown, files.junit].map(file => file.slice(base.length));
	return `${shown}, ${endings.join(', ')}`;
}
