// `H`: the profile's kept runs (newest first, with their counts), then the latest run against the previous one:
// newly broken rows, fixed rows, other verdict changes, checks added or gone, and latency moves. Scrolls with ↓↑.
import {Box, Text} from 'ink';
import React, {memo} from 'react';
import {verdicts} from '../../domain.js';
import type {RunChange} from '../../history/history.js';
import type {HistoryView} from '../actions/history.js';
import {clip, fit} from '../format.js';
import {theme, verdictStyle} from '../theme.js';
import type {StyledLine} from './tabs/styled-lines.js';
import {keysFor} from '../keys/keymap.js';

/** How many kept runs the list shows (the folder keeps up to 100). */
export const historyRunsShown = 12;

export function localTime(iso: string): string {
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return iso;
	const pad = (value: number) => String(value).padStart(2, '0');
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

function counts(summary: Record<string, number>): string {
	return verdicts
		.filter(verdict => (summary[verdict] ?? 0) > 0)
		.map(verdict => `${verdictStyle(verdict).symbol}${summary[verdict]} ${verdict}`)
		.join('  ');
}

function changeLine(change: RunChange, width: number, withReason: boolean): StyledLine {
	const after = change.after ? verdictStyle(change.after) : {symbol: '·', color: theme.dim};
	const move = `${change.before ?? '—'} → ${change.after ?? '—'}`;
	const text = `  ${after.symbol} ${fit(change.feature, 28)} ${fit(change.check, 44)} ${fit(move, 22)}${withReason && change.reason ? ` ${change.reason}` : ''}`;
	return {text: clip(text, width), color: change.after ? after.color : theme.dim};
}

/** The overlay's text as lines (a pure function of the view, so it can be tested and scrolled). */
export function historyLines(view: HistoryView, width: number): StyledLine[] {
	const lines: StyledLine[] = [];
	const {runs, comparison} = view;
	if (runs.length === 0) {
		lines.push({text: `No runs of '${view.profile}' kept yet: ${keysFor('run-all')} runs everything and keeps the run here (so does litellm-parity run).`, color: theme.dim});
		return lines;
	}

	lines.push({text: `Recent runs (${Math.min(runs.length, historyRunsShown)} of ${runs.length}, newest first)`, bold: true});
	for (const run of runs.slice(0, historyRunsShown)) {
		const total = Object.values(run.summary).reduce((sum, count) => sum + count, 0);
		lines.push({text: clip(`  ${localTime(run.startedAt)}  ${fit(run.runId, 10)} ${String(total).padStart(4)} checks  ${counts(run.summary)}`, width)});
	}

	lines.push({text: ''});
	if (!comparison) {
		lines.push({text: `Only one run of '${view.profile}' kept: run everything again (${keysFor('run-all')}) to see what changed.`, color: theme.dim});
		return lines;
	}

	const {latest, previous, changes} = comparison;
	lines.push({text: clip(`Latest run ${latest.runId} (${localTime(latest.startedAt)}) against the previous one, ${previous.runId} (${localTime(previous.startedAt)})`, width), bold: true, color: theme.title});
	const section = (title: string, entries: RunChange[], color: string, withReason = true) => {
		if (entries.length === 0) return;
		lines.push({text: ''}, {text: `${title} (${entries.length})`, bold: true, color});
		for (const change of entries) lines.push(changeLine(change, width, withReason));
	};

	section('Newly broken', changes.broken, theme.error);
	section('Fixed', changes.fixed, theme.info, false);
	section('Other verdict changes', changes.changed, theme.warn);
	section('New checks', changes.added, theme.dim);
	section('Checks no longer run', changes.removed, theme.dim, false);
	if (changes.latency.length > 0) {
		lines.push({text: ''}, {text: `Latency moves (${changes.latency.length})`, bold: true, color: theme.warn});
		for (const move of changes.latency) {
			const delta = Math.round(move.afterMs - move.beforeMs);
			lines.push({text: clip(`  ${fit(move.check, 46)} ${fit(move.side, 9)} ${Math.round(move.beforeMs)} ms → ${Math.round(move.afterMs)} ms (${delta > 0 ? '+' : ''}${delta} ms)`, width), color: delta > 0 ? theme.error : theme.info});
		}
	}

	if (Object.values(changes).every(list => list.length === 0)) lines.push({text: ''}, {text: 'No verdict changes and no latency moves.', color: theme.info});
	return lines;
}

type HistoryContent = {view?: HistoryView; error?: string};

function overlayLines({view, error}: HistoryContent, width: number): StyledLine[] {
	if (error) return [{text: `cannot read the history: ${error}`, color: theme.error}];
	if (!view) return [{text: 'reading the history…', color: theme.dim}];
	return historyLines(view, width - 4);
}

/** The overlay's lines between its border, title and spacer. */
const linesHeight = (height: number) => Math.max(1, height - 4);

/** How far the overlay scrolls and by how much a page moves, in a body `width` × `height`. */
export function historyScroll(content: HistoryContent, width: number, height: number): {page: number; max: number} {
	const page = linesHeight(height);
	return {page, max: Math.max(0, overlayLines(content, width).length - page)};
}

export type HistoryOverlayProps = {profile: string; view?: HistoryView; error?: string; offset: number; width: number; height: number};

export const HistoryOverlay = memo(function HistoryOverlay({profile, view, error, offset, width, height}: HistoryOverlayProps) {
	const bodyHeight = linesHeight(height);
	const lines = overlayLines({view, error}, width);
	const max = Math.max(0, lines.length - bodyHeight);
	const start = Math.min(offset, max);
	const shown = lines.slice(start, start + bodyHeight);
	const below = lines.length - start - shown.length;
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={theme.focusBorder} paddingX={1} overflow="hidden">
			<Text wrap="truncate">
				<Text bold>History · profile {profile}</Text>
				<Text color={theme.dim}>
					{view ? ` · kept in ${view.directory}` : ''} · {keysFor('close', 'history')} closes{max > 0 ? ` · ${keysFor('move-down', 'history')}${keysFor('move-up', 'history')} scroll (${below} more below)` : ''}
				</Text>
			</Text>
			<Text> </Text>
			{shown.map((line, index) => (
				<Text key={start + index} wrap="truncate" color={line.color} bold={line.bold}>
					{line.text || ' '}
				</Text>
			))}
		</Box>
	);
});
