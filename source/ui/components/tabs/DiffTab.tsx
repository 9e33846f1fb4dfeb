// Diff tab: the verdict and its reason, what each side failed, then every difference (path, kind, baseline,
// candidate). Noise is dimmed (or hidden with n); acknowledged differences carry their reason.
import {Box, Text} from 'ink';
import React from 'react';
import type {CheckResult, Difference, Side} from '../../../domain.js';
import {clip, fit, showValue} from '../../format.js';
import {isMeasuring} from '../../model/load-progress.js';
import {visibleDifferences} from '../../model/selectors.js';
import type {CheckState} from '../../model/state.js';
import {theme, verdictStyle} from '../../theme.js';
import {diffLayout} from './diff-layout.js';
import {LoadPanel} from './LoadPanel.js';
import type {TabProps} from './tab-props.js';
import {keysFor} from '../../keys/keymap.js';

function sideLine(side: Side, result: CheckResult): string {
	const own = result[side];
	if (own.skipped) return `skipped: ${own.skipped}`;
	if (own.error) return `✗ ${own.error}`;
	if (own.ok) return `✓ meets expectations${own.status === undefined ? '' : ` · HTTP ${own.status}`}${own.latencyMs === undefined ? '' : ` · ${Math.round(own.latencyMs)}ms`}`;
	const first = own.failures[0];
	const more = own.failures.length > 1 ? ` (+${own.failures.length - 1} more)` : '';
	return first ? `✗ expected ${first.description}, got ${showValue(first.actual, 60)}${more}` : '✗ does not meet the expectations';
}

function differenceColor(difference: Difference): string | undefined {
	if (difference.expectedReason) return 'blue';
	if (difference.noise) return theme.dim;
	return undefined;
}

export function diffRows(check: CheckState, hideNoise: boolean): Difference[] {
	return check.result ? visibleDifferences(check.result.differences, hideNoise) : [];
}

/** How far the selection moves: to the last difference listed. */
export function diffScrollMax(check: CheckState, hideNoise: boolean): number {
	return Math.max(0, diffRows(check, hideNoise).length - 1);
}

export function DiffTab({check, width, height, offset, focused, hideNoise, frame}: TabProps) {
	const result = check.result;
	if (!result) {
		if (check.status === 'running' && isMeasuring(check)) return <LoadPanel check={check} width={width} frame={frame} />;
		const message = check.status === 'running' ? 'running…' : check.status === 'queued' ? 'queued…' : check.status === 'cancelled' ? 'cancelled before it finished' : `not run yet: ${keysFor('run-row')} runs this row, ${keysFor('run-all')} runs everything`;
		return <Text color={theme.dim}>{message}</Text>;
	}

	const {symbol, color} = verdictStyle(result.verdict);
	const rows = diffRows(check, hideNoise);
	const hiddenNoise = result.differences.length - rows.length;
	const {reasonLines, showSides, showSelected, showFooter, cursor, start, listHeight} = diffLayout({result, rows, width, height, offset, focused, hiddenNoise});
	const selected = rows[cursor];
	const pathWidth = Math.max(12, Math.floor(width * 0.32));
	const kindWidth = 11;
	const tagWidth = rows.some(difference => difference.expectedReason) ? Math.max(14, Math.floor(width * 0.25)) : 8;
	const valueWidth = Math.max(8, Math.floor((width - pathWidth - kindWidth - tagWidth - 4) / 2));
	return (
		<Box flexDirection="column">
			<Text wrap="truncate">
				<Text color={color} bold>
					{symbol} {result.verdict}
				</Text>
				<Text color={theme.dim}> · {result.check}</Text>
			</Text>
			{reasonLines.map((line, index) => (
				<Text key={index} wrap="truncate">
					{'  '}
					{line}
				</Text>
			))}
			{showSides ? (
				<>
					<Text wrap="truncate">
						<Text color={theme.side.baseline}>baseline </Text>
						{clip(sideLine('baseline', result), width - 10)}
					</Text>
					<Text wrap="truncate">
						<Text color={theme.side.candidate}>candidate </Text>
						{clip(sideLine('candidate', result), width - 11)}
					</Text>
				</>
			) : null}
			<Text wrap="truncate" color={theme.dim} underline>
				{fit('path', pathWidth)} {fit('kind', kindWidth)} {fit('baseline', valueWidth)} {fit('candidate', valueWidth)}
			</Text>
			{rows.length === 0 ? (
				<Text color={theme.dim}>{hiddenNoise > 0 ? `no differences beyond ${hiddenNoise} noise (${keysFor('hide-noise')} shows them)` : 'no differences'}</Text>
			) : null}
			{rows.slice(start, start + listHeight).map((difference, index) => {
				const selected = focused && start + index === cursor;
				const tag = difference.expectedReason ? `≈ ${difference.expectedReason}` : difference.noise ? '(not counted)' : '';
				// Noise is named as noise in the kind column: it differs between two baseline answers, so it is no difference.
				const kind = difference.noise && !difference.expectedReason ? '~ noise' : difference.kind;
				const value = `${fit(difference.path, pathWidth)} ${fit(kind, kindWidth)} ${fit(showValue(difference.baseline), valueWidth)} ${fit(showValue(difference.candidate), valueWidth)}`;
				return (
					<Text key={`${difference.path}:${difference.kind}:${start + index}`} wrap="truncate" inverse={selected} color={differenceColor(difference)} dimColor={difference.noise && !difference.expectedReason}>
						{value} {clip(tag, tagWidth)}
					</Text>
				);
			})}
			{selected && showSelected ? (
				<Text wrap="truncate" color={theme.title}>
					▸ {selected.path}: baseline {showValue(selected.baseline, Math.floor(width / 3))} · candidate {showValue(selected.candidate, Math.floor(width / 3))}
				</Text>
			) : null}
			{!showFooter ? null : selected?.expectedReason && focused ? (
				<Text wrap="truncate" color="blue">
					≈ expected: {selected.expectedReason}
				</Text>
			) : hiddenNoise > 0 && rows.length > 0 ? (
				<Text color={theme.dim}>{hiddenNoise} noise differences hidden ({keysFor('hide-noise')})</Text>
			) : null}
		</Box>
	);
}
