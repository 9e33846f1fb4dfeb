// Headers tab: both sides' response headers side by side (ink-table). A header the check compares and that differs
// is a difference (≠, or ≈ when the profile expects it); one that differs but is not compared (dates, request ids,
// server names) is noise (~), hidden with n.
import {Box, Text} from 'ink';
import {Table} from 'ink-table';
import React from 'react';
import {redact} from '../../../targets/secrets.js';
import {clip} from '../../format.js';
import {theme} from '../../theme.js';
import type {TabProps} from './tab-props.js';
import {keysFor} from '../../keys/keymap.js';

type HeaderRow = {mark: string; header: string; baseline: string; candidate: string};

export type HeaderMark = 'difference' | 'expected' | 'noise' | 'same';
const markSymbol: Record<HeaderMark, string> = {difference: '≠', expected: '≈', noise: '~', same: ' '};
const markOrder: HeaderMark[] = ['difference', 'expected', 'noise', 'same'];

export function headerRows(check: TabProps['check'], hideNoise = false): Array<{name: string; baseline?: string; candidate?: string; mark: HeaderMark}> {
	const baseline = check.observations?.baseline?.headers ?? {};
	const candidate = check.observations?.candidate?.headers ?? {};
	const compared = new Map((check.result?.differences ?? []).filter(difference => difference.path.startsWith('header:')).map(difference => [difference.path.slice('header:'.length), difference]));
	const names = [...new Set([...Object.keys(baseline), ...Object.keys(candidate)])].sort();
	const rows = names.map(name => {
		const difference = compared.get(name.toLowerCase()) ?? compared.get(name);
		const mark: HeaderMark = difference ? (difference.expectedReason ? 'expected' : difference.noise ? 'noise' : 'difference') : baseline[name] === candidate[name] ? 'same' : 'noise';
		return {name, baseline: baseline[name], candidate: candidate[name], mark};
	});
	// Differences first: they are what the tab is for; noise after them, then what is the same.
	return rows.filter(row => !(hideNoise && row.mark === 'noise')).sort((a, b) => markOrder.indexOf(a.mark) - markOrder.indexOf(b.mark));
}

/** ink-table draws 3 frame lines plus 2 per row; one line stays for the position note. */
function headersThatFit(height: number): number {
	return Math.max(1, Math.floor((height - 4) / 2));
}

export function headersScrollMax(check: TabProps['check'], hideNoise: boolean, height: number): number {
	return Math.max(0, headerRows(check, hideNoise).length - headersThatFit(height));
}

export function HeadersTab({check, width, height, offset, hideNoise}: TabProps) {
	const all = headerRows(check);
	const rows = hideNoise ? all.filter(row => row.mark !== 'noise') : all;
	if (rows.length === 0) {
		return <Text color={theme.dim}>{check.status === 'idle' ? `not run yet: ${keysFor('run-row')} runs this row` : 'no headers seen'}</Text>;
	}

	const fits = headersThatFit(height);
	const max = headersScrollMax(check, hideNoise, height);
	const start = Math.min(offset, max);
	const nameWidth = Math.min(28, Math.max(10, Math.floor(width * 0.26)));
	const valueWidth = Math.max(6, Math.floor((width - nameWidth - 3 - 13) / 2));
	const data: HeaderRow[] = rows.slice(start, start + fits).map(row => ({
		mark: markSymbol[row.mark],
		header: clip(row.name, nameWidth),
		baseline: clip(row.baseline === undefined ? '—' : redact(row.baseline), valueWidth),
		candidate: clip(row.candidate === undefined ? '—' : redact(row.candidate), valueWidth),
	}));
	const count = (mark: HeaderMark) => all.filter(row => row.mark === mark).length;
	const noise = count('noise');
	const noiseNote = noise === 0 ? '' : hideNoise ? ` · ${noise} noise hidden (${keysFor('hide-noise')} shows)` : ` · ${noise} noise ~ (not compared; ${keysFor('hide-noise')} hides)`;
	return (
		<Box flexDirection="column">
			<Table data={data} />
			<Text color={theme.dim} wrap="truncate">
				{all.length} headers: {count('difference')} differ ≠{count('expected') ? `, ${count('expected')} expected ≈` : ''}{noiseNote}
				{rows.length > fits ? ` · showing ${start + 1}-${start + data.length} (↓ scrolls)` : ''}
			</Text>
		</Box>
	);
}
