// `?`: every binding of the keymap, grouped by context, flowed into as many columns as the body needs.
import {Box, Text} from 'ink';
import React, {memo} from 'react';
import {chordLabel, contextTitles, keyLabel, keymap, keyContexts, keysFor, type Binding} from '../keys/keymap.js';
import {verdicts, type Verdict} from '../../domain.js';
import {fit} from '../format.js';
import {theme, verdictStyle} from '../theme.js';

export type HelpLine = {kind: 'title'; text: string} | {kind: 'binding'; label: string; description: string};

/** The help text as lines, generated from the keymap (nothing here is written by hand). */
export function helpLines(bindings: readonly Binding[] = keymap, legend = bindings === keymap): HelpLine[] {
	const lines: HelpLine[] = [];
	const order = [...keyContexts].sort((a, b) => helpOrder.indexOf(a) - helpOrder.indexOf(b));
	for (const context of order) {
		const entries = bindings.filter(binding => binding.context === context);
		if (entries.length === 0) continue;
		lines.push({kind: 'title', text: contextTitles[context]});
		const grouped = new Set<string>();
		for (const binding of entries) {
			if (!binding.group) {
				lines.push({kind: 'binding', label: keyLabel(binding), description: binding.description});
				continue;
			}

			// A group (the tab keys) is one line: the range from its first binding's key to its last one's.
			if (grouped.has(binding.group)) continue;
			grouped.add(binding.group);
			const members = entries.filter(entry => entry.group === binding.group);
			const label = members.length === 1 ? keyLabel(binding) : `${chordLabel(members[0]!.keys[0]!)}…${chordLabel(members.at(-1)!.keys[0]!)}`;
			lines.push({kind: 'binding', label, description: binding.description});
		}
	}

	if (legend) lines.push({kind: 'title', text: 'Matrix symbols'}, ...legendLines().map(([label, description]) => ({kind: 'binding' as const, label, description})));
	return lines;
}

/** What the matrix's symbols and figures mean (the verdict symbols come from the same table the rows use). */
export function legendLines(): Array<[string, string]> {
	return [
		...verdicts.map((verdict): [string, string] => [verdictStyle(verdict).symbol, `${verdict}: ${verdictMeaning[verdict]}`]),
		['·', 'not run yet'],
		['o', 'queued in the run in flight'],
		['⠋', 'running'],
		['-', 'cancelled before it finished'],
		['×4', 'the row has 4 checks (symbol: the worst)'],
		['200|404', 'baseline|candidate HTTP status'],
		['12→95ms +83', 'baseline→candidate latency, candidate − baseline'],
		['9/12', 'on a category: rows shown / rows in it'],
		['✓3 ✗1', 'on a category: how many rows have each verdict'],
	];
}

const verdictMeaning: Record<Verdict, string> = {
	parity: 'both meet the check and differ only in noise',
	gap: 'the baseline meets it, the candidate does not',
	drift: 'both meet it but differ beyond noise',
	bonus: 'the candidate meets it, the baseline does not',
	'both-fail': 'neither meets it',
	expected: 'a difference the profile acknowledges',
	skipped: 'a prerequisite is missing (reason in the detail)',
	error: 'the tool could not run the check',
};

const helpOrder = ['global', 'matrix', 'filtered', 'detail', 'diff', 'running', 'confirm-quit', 'preflight', 'always', 'prompt', 'form', 'picker', 'history', 'help'];

/** Columns of at least this width (label + a readable description); fewer columns and scrolling when narrower. */
const minColumnWidth = 58;
/** Wide enough for the longest label the keymap produces (the legend's symbols are shorter). */
const labelWidth = Math.max(12, ...keymap.map(binding => keyLabel(binding).length)) + 1;

/** How the help is laid out in a body `width` × `height`: columns, lines per column and how far it scrolls. */
export function helpLayout(width: number, height: number, lines = helpLines().length) {
	const bodyHeight = Math.max(3, height - 3);
	const columns = Math.max(1, Math.min(Math.floor((width - 4) / minColumnWidth), Math.ceil(lines / bodyHeight)));
	const perColumn = Math.ceil(lines / columns);
	const maxOffset = Math.max(0, perColumn - bodyHeight);
	return {bodyHeight, columns, columnWidth: Math.floor((width - 4) / columns), perColumn, maxOffset, page: Math.max(1, bodyHeight - 1)};
}

export const HelpOverlay = memo(function HelpOverlay({width, height, offset = 0}: {width: number; height: number; offset?: number}) {
	const lines = helpLines();
	const layout = helpLayout(width, height, lines.length);
	const top = Math.min(offset, layout.maxOffset);
	const more = layout.maxOffset > 0 ? ` · ${keysFor('move-down', 'help')}${keysFor('move-up', 'help')} ${keysFor('page-down', 'help')} scroll (${top + 1}–${Math.min(top + layout.bodyHeight, layout.perColumn)} of ${layout.perColumn})` : '';
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={theme.focusBorder} paddingX={1} overflow="hidden">
			<Text bold wrap="truncate">
				Keys <Text color={theme.dim}>(generated from the keymap · {keysFor('close', 'help')} closes{more})</Text>
			</Text>
			<Box>
				{Array.from({length: layout.columns}, (_, column) => (
					<Box key={column} flexDirection="column" width={layout.columnWidth}>
						{lines.slice(column * layout.perColumn, (column + 1) * layout.perColumn).slice(top, top + layout.bodyHeight).map((line, index) =>
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
