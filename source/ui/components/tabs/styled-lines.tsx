// Tabs that scroll build a list of styled lines, then draw only the window that fits.
import {Box, Text} from 'ink';
import React from 'react';
import {keysFor} from '../../keys/keymap.js';

export type StyledLine = {text: string; color?: string; bold?: boolean; dim?: boolean};

/** How far a list of `count` lines scrolls in `height` rows. */
export function linesScrollMax(count: number, height: number): number {
	return Math.max(0, count - height);
}

export function ScrolledLines({lines, height, offset}: {lines: StyledLine[]; height: number; offset: number}) {
	const max = linesScrollMax(lines.length, height);
	const start = Math.min(offset, max);
	const shown = lines.slice(start, start + height);
	const more = lines.length - start - shown.length;
	return (
		<Box flexDirection="column">
			{shown.map((line, index) => {
				const isLast = index === shown.length - 1 && more > 0;
				return (
					<Text key={start + index} wrap="truncate" color={isLast ? 'gray' : line.color} bold={line.bold} dimColor={line.dim}>
						{isLast ? `↓ ${more + 1} more lines (${keysFor('move-down', 'detail')}/${keysFor('page-down', 'detail')} after ${keysFor('open', 'matrix')})` : line.text || ' '}
					</Text>
				);
			})}
		</Box>
	);
}
