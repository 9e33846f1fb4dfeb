// Tabs that scroll build a list of styled lines, then draw only the window that fits.
import {Box, Text} from 'ink';
import React from 'react';
import type {LayoutMetrics} from './tab-props.js';

export type StyledLine = {text: string; color?: string; bold?: boolean; dim?: boolean};

export function ScrolledLines({lines, height, offset, metrics}: {lines: StyledLine[]; height: number; offset: number; metrics: LayoutMetrics}) {
	const max = Math.max(0, lines.length - height);
	metrics.detailMax = max;
	const start = Math.min(offset, max);
	const shown = lines.slice(start, start + height);
	const more = lines.length - start - shown.length;
	return (
		<Box flexDirection="column">
			{shown.map((line, index) => {
				const isLast = index === shown.length - 1 && more > 0;
				return (
					<Text key={start + index} wrap="truncate" color={isLast ? 'gray' : line.color} bold={line.bold} dimColor={line.dim}>
						{isLast ? `↓ ${more + 1} more lines (↓/PgDn after Enter)` : line.text || ' '}
					</Text>
				);
			})}
		</Box>
	);
}
