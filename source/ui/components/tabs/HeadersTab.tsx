// Headers tab: both sides' response headers side by side (ink-table), differing values marked ≠.
import {Box, Text} from 'ink';
import {Table} from 'ink-table';
import React from 'react';
import {redact} from '../../../targets/secrets.js';
import {clip} from '../../format.js';
import {theme} from '../../theme.js';
import type {TabProps} from './tab-props.js';

type HeaderRow = {'≠': string; header: string; baseline: string; candidate: string};

export function headerRows(check: TabProps['check']): Array<{name: string; baseline?: string; candidate?: string; differs: boolean}> {
	const baseline = check.observations?.baseline?.headers ?? {};
	const candidate = check.observations?.candidate?.headers ?? {};
	const names = [...new Set([...Object.keys(baseline), ...Object.keys(candidate)])].sort();
	const rows = names.map(name => ({name, baseline: baseline[name], candidate: candidate[name], differs: baseline[name] !== candidate[name]}));
	// Differences first: they are what the tab is for.
	return rows.sort((a, b) => Number(b.differs) - Number(a.differs));
}

export function HeadersTab({check, width, height, offset, metrics}: TabProps) {
	const rows = headerRows(check);
	if (rows.length === 0) {
		metrics.detailMax = 0;
		return <Text color={theme.dim}>{check.status === 'idle' ? 'not run yet: r runs this row' : 'no headers seen'}</Text>;
	}

	// ink-table draws 3 frame lines plus 2 per row; keep one line for the position note.
	const fits = Math.max(1, Math.floor((height - 4) / 2));
	const max = Math.max(0, rows.length - fits);
	metrics.detailMax = max;
	const start = Math.min(offset, max);
	const nameWidth = Math.min(28, Math.max(10, Math.floor(width * 0.26)));
	const valueWidth = Math.max(6, Math.floor((width - nameWidth - 3 - 13) / 2));
	const data: HeaderRow[] = rows.slice(start, start + fits).map(row => ({
		'≠': row.differs ? '≠' : ' ',
		header: clip(row.name, nameWidth),
		baseline: clip(row.baseline === undefined ? '—' : redact(row.baseline), valueWidth),
		candidate: clip(row.candidate === undefined ? '—' : redact(row.candidate), valueWidth),
	}));
	const differing = rows.filter(row => row.differs).length;
	return (
		<Box flexDirection="column">
			<Table data={data} />
			<Text color={theme.dim} wrap="truncate">
				{rows.length} headers, {differing} differ{rows.length > fits ? ` · showing ${start + 1}-${start + data.length} (↓ scrolls)` : ''}
			</Text>
		</Box>
	);
}
