// `?`: every binding of the keymap, grouped by context, flowed into as many columns as the body needs.
import {Box, Text} from 'ink';
import React, {memo} from 'react';
import {contextTitles, hiddenInHelp, keymap, keyContexts, type Binding} from '../keys/keymap.js';
import {fit} from '../format.js';
import {theme} from '../theme.js';

export type HelpLine = {kind: 'title'; text: string} | {kind: 'binding'; label: string; description: string};

/** The help text as lines, generated from the keymap (nothing here is written by hand). */
export function helpLines(bindings: readonly Binding[] = keymap): HelpLine[] {
	const lines: HelpLine[] = [];
	const order = [...keyContexts].sort((a, b) => helpOrder.indexOf(a) - helpOrder.indexOf(b));
	for (const context of order) {
		const entries = bindings.filter(binding => binding.context === context && !hiddenInHelp.has(binding.action));
		if (entries.length === 0) continue;
		lines.push({kind: 'title', text: contextTitles[context]});
		for (const binding of entries) lines.push({kind: 'binding', label: binding.label, description: binding.description});
	}

	return lines;
}

const helpOrder = ['global', 'matrix', 'detail', 'diff', 'running', 'always', 'prompt', 'form', 'picker', 'history', 'help'];

export const HelpOverlay = memo(function HelpOverlay({width, height}: {width: number; height: number}) {
	const lines = helpLines();
	const bodyHeight = Math.max(4, height - 3);
	const columns = Math.max(1, Math.ceil(lines.length / bodyHeight));
	const columnWidth = Math.floor((width - 4) / columns);
	const labelWidth = 13;
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={theme.focusBorder} paddingX={1} overflow="hidden">
			<Text bold>
				Keys <Text color={theme.dim}>(generated from the keymap · Esc closes)</Text>
			</Text>
			<Box>
				{Array.from({length: columns}, (_, column) => (
					<Box key={column} flexDirection="column" width={columnWidth}>
						{lines.slice(column * bodyHeight, (column + 1) * bodyHeight).map((line, index) =>
							line.kind === 'title' ? (
								<Text key={index} bold color={theme.title} wrap="truncate">
									{line.text}
								</Text>
							) : (
								<Text key={index} wrap="truncate">
									<Text color={theme.key}>{fit(line.label, labelWidth)}</Text> {line.description}
								</Text>
							),
						)}
					</Box>
				))}
			</Box>
		</Box>
	);
});
