// The matrix pane: categories (foldable) and their rows, each with its worst verdict, both statuses and latencies
// and the delta. Only the lines that fit are rendered; the window follows the cursor.
import {Box, Text} from 'ink';
import React, {memo} from 'react';
import {delta, fit, fitStart} from '../format.js';
import {compactLoad, runningLoad} from '../model/load-progress.js';
import {summarizeRow, verdictRank, type MatrixLine} from '../model/selectors.js';
import type {CheckState} from '../model/state.js';
import {spinnerFrames, theme, verdictStyle} from '../theme.js';
import {keysFor} from '../keys/keymap.js';

export type MatrixProps = {
	lines: MatrixLine[];
	cursor: number;
	checks: Record<string, CheckState>;
	collapsed: readonly string[];
	width: number;
	height: number;
	focused: boolean;
	frame: number;
	filter: string;
	problemsOnly: boolean;
	loading?: string;
};

/** The first line to show so that the cursor stays in view, roughly centred. */
export function windowStart(cursor: number, total: number, height: number): number {
	if (total <= height) return 0;
	return Math.max(0, Math.min(cursor - Math.floor(height / 2), total - height));
}

function status(value: number | undefined): string {
	return value === undefined ? '—' : String(value);
}

function latencyPair(baseline: number | undefined, candidate: number | undefined): string {
	const show = (value: number | undefined) => (value === undefined ? '—' : String(Math.round(value)));
	return `${show(baseline)}→${show(candidate)}ms`;
}

function RowLine({line, checks, width, selected, frame}: {line: Extract<MatrixLine, {kind: 'row'}>; checks: Record<string, CheckState>; width: number; selected: boolean; frame: number}) {
	const summary = summarizeRow(line.row, checks);
	const result = summary.lead?.result;
	let symbol = '·';
	let color: string = theme.dim;
	if (summary.running) {
		symbol = spinnerFrames[frame % spinnerFrames.length]!;
		color = theme.warn;
	} else if (summary.queued) {
		symbol = 'o';
		color = theme.dim;
	} else if (summary.verdict) {
		({symbol, color} = verdictStyle(summary.verdict));
	} else if (summary.cancelled) {
		symbol = '-';
	}

	const statuses = result ? `${status(result.baseline.status)}|${status(result.candidate.status)}` : '';
	const times = result ? latencyPair(result.baseline.latencyMs, result.candidate.latencyMs) : '';
	const change = result ? delta(result.baseline.latencyMs, result.candidate.latencyMs) : '';
	const many = summary.checks.length > 1 ? `×${summary.checks.length}` : '';
	// Narrow panes drop the delta, then the latencies, so the feature keeps room to be read.
	let tail = width >= 62 ? ` ${fitStart(statuses, 7)} ${fitStart(times, 12)} ${fitStart(change, 6)}` : width >= 48 ? ` ${fitStart(statuses, 7)} ${fitStart(times, 12)}` : ` ${fitStart(statuses, 7)}`;
	// A load in flight takes the figures' place: which side, how far, how fast.
	const load = summary.running ? runningLoad(summary.checks) : undefined;
	if (load) tail = ` ${fitStart(compactLoad(load, tail.length - 1, frame), tail.length - 1)}`;
	const featureWidth = Math.max(6, width - 4 - tail.length - 3);
	const feature = fit(line.row.feature, featureWidth);
	return (
		<Text wrap="truncate" inverse={selected}>
			{'  '}
			<Text color={color}>{symbol}</Text> {feature}
			<Text color={theme.dim}>{fitStart(many, 3)}</Text>
			<Text color={load ? theme.side[load.side] : result && result.verdict !== 'parity' ? color : undefined}>{tail}</Text>
		</Text>
	);
}

function CategoryLine({line, checks, collapsed, width, selected}: {line: Extract<MatrixLine, {kind: 'category'}>; checks: Record<string, CheckState>; collapsed: boolean; width: number; selected: boolean}) {
	const tally = new Map<string, {count: number; color: string; rank: number}>();
	for (const row of line.category.rows) {
		const verdict = summarizeRow(row, checks).verdict;
		if (!verdict) continue;
		const {symbol, color} = verdictStyle(verdict);
		const entry = tally.get(symbol) ?? {count: 0, color, rank: verdictRank[verdict]};
		entry.count++;
		tally.set(symbol, entry);
	}

	const counts = [...tally].sort((a, b) => b[1].rank - a[1].rank);
	const title = `${collapsed ? '▸' : '▾'} ${line.category.title}`;
	const rows = ` ${line.visibleRows}/${line.category.rows.length}`;
	return (
		<Text wrap="truncate" inverse={selected} bold>
			{fit(title, Math.max(10, width - 20))}
			<Text color={theme.dim}>{rows}</Text>
			{counts.map(([symbol, entry]) => (
				<Text key={symbol} color={entry.color}>
					{' '}
					{symbol}
					{entry.count}
				</Text>
			))}
		</Text>
	);
}

export const Matrix = memo(function Matrix(props: MatrixProps) {
	const {lines, cursor, checks, width, height, focused, frame} = props;
	const inner = width - 2;
	const bodyHeight = Math.max(1, height - 3);
	const start = windowStart(cursor, lines.length, bodyHeight);
	const shown = lines.slice(start, start + bodyHeight);
	const narrowed = [props.filter ? `filter "${props.filter}"` : '', props.problemsOnly ? 'problems only' : ''].filter(Boolean).join(' · ');
	const position = lines.length > bodyHeight ? ` ${cursor + 1}/${lines.length}` : '';
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={focused ? theme.focusBorder : theme.border} overflow="hidden">
			<Text wrap="truncate">
				<Text bold>Matrix</Text>
				<Text color={theme.dim}>{position}</Text>
				{narrowed ? <Text color={theme.warn}> {narrowed}</Text> : null}
			</Text>
			{props.loading ? <Text color={theme.dim}>{props.loading}</Text> : null}
			{!props.loading && lines.length === 0 ? <Text color={theme.dim}>{narrowed ? `no rows match (${keysFor('clear-filter', 'filtered')} clears)` : 'no checks'}</Text> : null}
			{shown.map((line, index) => {
				const selected = start + index === cursor;
				return line.kind === 'category' ? (
					<CategoryLine key={line.key} line={line} checks={checks} collapsed={props.collapsed.includes(line.category.id)} width={inner} selected={selected} />
				) : (
					<RowLine key={line.key} line={line} checks={checks} width={inner} selected={selected} frame={frame} />
				);
			})}
		</Box>
	);
});
