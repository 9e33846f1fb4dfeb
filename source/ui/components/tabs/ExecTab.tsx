// Exec tab: container checks (command, exit code, output per side). Other rows say they have none.
import {Box, Text} from 'ink';
import React from 'react';
import {sides, type ExecObservation} from '../../../domain.js';
import {clip, wrapLines} from '../../format.js';
import type {CheckState} from '../../model/state.js';
import {theme} from '../../theme.js';
import {linesScrollMax, ScrolledLines, type StyledLine} from './styled-lines.js';
import type {TabProps} from './tab-props.js';
import {keysFor} from '../../keys/keymap.js';

const containerProbes = new Set(['exec', 'restart', 'logs', 'stats']);

function isContainerCheck(check: CheckState, requiresContainer: boolean): boolean {
	return containerProbes.has(check.probe) || requiresContainer || Boolean(check.observations?.baseline?.exec ?? check.observations?.candidate?.exec);
}

export function execLines(check: CheckState, width: number): StyledLine[] {
	const lines: StyledLine[] = [];
	for (const side of sides) {
		const observation = check.observations?.[side];
		lines.push({text: `${side}`, color: theme.side[side], bold: true});
		if (!observation) {
			lines.push({text: check.status === 'idle' ? `  not run yet: ${keysFor('run-row')} runs this row` : '  no observation', color: theme.dim});
			continue;
		}

		if (observation.skipped) {
			lines.push({text: `  skipped: ${observation.skipped}`, color: theme.dim});
			continue;
		}

		const runs: ExecObservation[] = observation.exec ?? [];
		if (runs.length === 0) lines.push({text: `  no commands ran${observation.error ? `: ${observation.error}` : ''}`, color: theme.dim});
		for (const run of runs) {
			const exit = run.timedOut ? 'timed out' : `exit ${run.exitCode ?? '—'}`;
			lines.push({text: clip(`  $ ${run.command.join(' ')}  (${exit})`, width), color: run.exitCode === 0 ? undefined : theme.error});
			for (const line of wrapLines(run.stdout.trimEnd(), width - 4).slice(0, 40)) lines.push({text: `    ${line}`});
			for (const line of wrapLines(run.stderr.trimEnd(), width - 4).slice(0, 20)) lines.push({text: `    ${line}`, color: theme.warn});
		}

		lines.push({text: ''});
	}

	return lines;
}

type ExecInput = Pick<TabProps, 'check' | 'rowChecks' | 'rowDefinitions' | 'width' | 'height'>;

/** The container check the tab shows (the selected one, else the row's first), its note and its lines' height. */
function execView({check, rowChecks, rowDefinitions, height}: ExecInput): {shown?: CheckState; note?: string; linesHeight: number} {
	const requires = (id: string) => rowDefinitions.find(definition => definition.id === id)?.requires?.includes('container') ?? false;
	const shown = isContainerCheck(check, requires(check.id)) ? check : rowChecks.find(candidate => isContainerCheck(candidate, requires(candidate.id)));
	const note = !shown || shown === check ? undefined : `showing ${shown.id}, the row's container check`;
	return {shown, note, linesHeight: height - (note ? 1 : 0)};
}

export function execScrollMax(input: ExecInput): number {
	const {shown, linesHeight} = execView(input);
	return shown ? linesScrollMax(execLines(shown, input.width).length, linesHeight) : 0;
}

export function ExecTab(props: TabProps) {
	const {shown, note, linesHeight} = execView(props);
	if (!shown) return <Text color={theme.dim}>no container checks in this row</Text>;
	return (
		<Box flexDirection="column">
			{note ? <Text color={theme.dim} wrap="truncate">{note}</Text> : null}
			<ScrolledLines lines={execLines(shown, props.width)} height={linesHeight} offset={props.offset} />
		</Box>
	);
}
