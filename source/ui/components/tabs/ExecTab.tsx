// Exec tab: container checks (command, exit code, output per side). Other rows say they have none.
import {Box, Text} from 'ink';
import React from 'react';
import {sides, type ExecObservation} from '../../../domain.js';
import {clip, wrapLines} from '../../format.js';
import type {CheckState} from '../../model/state.js';
import {theme} from '../../theme.js';
import {ScrolledLines, type StyledLine} from './styled-lines.js';
import type {TabProps} from './tab-props.js';

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
			lines.push({text: check.status === 'idle' ? '  not run yet: r runs this row' : '  no observation', color: theme.dim});
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

export function ExecTab({check, rowChecks, rowDefinitions, width, height, offset, metrics}: TabProps) {
	const requires = (id: string) => rowDefinitions.find(definition => definition.id === id)?.requires?.includes('container') ?? false;
	const shown = isContainerCheck(check, requires(check.id)) ? check : rowChecks.find(candidate => isContainerCheck(candidate, requires(candidate.id)));
	if (!shown) {
		metrics.detailMax = 0;
		return <Text color={theme.dim}>no container checks in this row</Text>;
	}

	const note = shown === check ? undefined : `showing ${shown.id}, the row's container check`;
	return (
		<Box flexDirection="column">
			{note ? <Text color={theme.dim} wrap="truncate">{note}</Text> : null}
			<ScrolledLines lines={execLines(shown, width)} height={height - (note ? 1 : 0)} offset={offset} metrics={metrics} />
		</Box>
	);
}
