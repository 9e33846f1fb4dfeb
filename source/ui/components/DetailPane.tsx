// The detail pane: the selected row, its checks (one is selected: Tab picks another), the tab bar and the tab.
import {Box, Text} from 'ink';
import React, {memo} from 'react';
import type {Profile} from '../../targets/profile-schema.js';
import {redact} from '../../targets/secrets.js';
import {clip, fit, fitStart} from '../format.js';
import {summarizeRow, type MatrixLine} from '../model/selectors.js';
import {maxCheckLines, rowFrame} from './geometry.js';
import {tabs, tabTitles, type CheckState, type Tab} from '../model/state.js';
import {spinnerFrames, theme, verdictStyle} from '../theme.js';
import {DiffTab} from './tabs/DiffTab.js';
import {ExecTab} from './tabs/ExecTab.js';
import {HeadersTab} from './tabs/HeadersTab.js';
import {LatencyTab} from './tabs/LatencyTab.js';
import {SideTab} from './tabs/SideTab.js';
import {StreamTab} from './tabs/StreamTab.js';
import type {TabProps} from './tabs/tab-props.js';
import {keysFor} from '../keys/keymap.js';

export type DetailPaneProps = {
	line?: MatrixLine;
	checks: Record<string, CheckState>;
	checkIndex: number;
	tab: Tab;
	offset: number;
	hideNoise: boolean;
	profile?: Profile;
	width: number;
	height: number;
	focused: boolean;
	frame: number;
	message?: string;
	messageTone?: 'dim' | 'error';
};

function CheckList({checks, selected, width, frame}: {checks: CheckState[]; selected: number; width: number; frame: number}) {
	const count = Math.min(maxCheckLines, checks.length);
	const start = Math.max(0, Math.min(selected - Math.floor(count / 2), checks.length - count));
	return (
		<Box flexDirection="column">
			{checks.slice(start, start + count).map((check, index) => {
				const isSelected = start + index === selected;
				const result = check.result;
				let symbol = '·';
				let color: string = theme.dim;
				if (check.status === 'running') {
					symbol = spinnerFrames[frame % spinnerFrames.length]!;
					color = theme.warn;
				} else if (check.status === 'queued') {
					symbol = 'o';
				} else if (result) {
					({symbol, color} = verdictStyle(result.verdict));
				} else if (check.status === 'cancelled') {
					symbol = '-';
				}

				// While a check reruns, its old verdict would mislead: say what it is doing.
				const verdict = check.status === 'running' || check.status === 'queued' ? check.status : result ? result.verdict : check.status === 'idle' ? '' : check.status;
				const statuses = result ? `${result.baseline.status ?? '—'}|${result.candidate.status ?? '—'}` : '';
				const title = `${check.id}${check.title && check.title !== check.id ? ` · ${check.title}` : ''}`;
				return (
					<Text key={check.id} wrap="truncate" inverse={isSelected}>
						{isSelected ? '▸ ' : '  '}
						<Text color={color}>{symbol}</Text> <Text color={color}>{fit(verdict, 10)}</Text>
						{fit(title, Math.max(10, width - 28))}
						{fitStart(statuses, 9)}
					</Text>
				);
			})}
		</Box>
	);
}

function TabBar({tab, width}: {tab: Tab; width: number}) {
	return (
		<Box width={width}>
			<Text wrap="truncate">
				{tabs.map((entry, index) => (
					<Text key={entry}>
						{index > 0 ? <Text color={theme.dim}> │ </Text> : ' '}
						<Text color={entry === tab ? theme.title : theme.dim} bold={entry === tab} underline={entry === tab}>
							{index + 1} {tabTitles[entry]}
						</Text>
					</Text>
				))}
			</Text>
		</Box>
	);
}

function TabBody(props: TabProps & {tab: Tab}) {
	switch (props.tab) {
		case 'diff':
			return <DiffTab {...props} />;
		case 'baseline':
			return <SideTab {...props} side="baseline" />;
		case 'candidate':
			return <SideTab {...props} side="candidate" />;
		case 'headers':
			return <HeadersTab {...props} />;
		case 'latency':
			return <LatencyTab {...props} />;
		case 'stream':
			return <StreamTab {...props} />;
		case 'exec':
			return <ExecTab {...props} />;
	}
}

export const DetailPane = memo(function DetailPane(props: DetailPaneProps) {
	const {line, checks, width, height, focused} = props;
	const inner = width - 4;
	const frame = (children: React.ReactNode) => (
		<Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={focused ? theme.focusBorder : theme.border} paddingX={1} overflow="hidden">
			{children}
		</Box>
	);

	if (props.message) return frame(<Text color={props.messageTone === 'error' ? theme.error : theme.dim}>{redact(props.message)}</Text>);
	if (!line) return frame(<Text color={theme.dim}>no row selected</Text>);
	if (line.kind === 'category') {
		const summaries = line.category.rows.map(row => ({row, summary: summarizeRow(row, checks)}));
		const run = summaries.filter(entry => entry.summary.verdict).length;
		return frame(
			<Box flexDirection="column">
				<Text bold wrap="truncate">
					{line.category.title}
				</Text>
				<Text color={theme.dim} wrap="truncate">
					{line.category.id} · {line.category.rows.length} rows · {run} with results · {keysFor('open', 'matrix')} folds, {keysFor('run-category')} runs the category
				</Text>
				<Text> </Text>
				{summaries.slice(0, Math.max(0, height - 6)).map(({row, summary}) => {
					const style = summary.verdict ? verdictStyle(summary.verdict) : {symbol: '·', color: theme.dim};
					return (
						<Text key={row.id} wrap="truncate">
							<Text color={style.color}>{style.symbol}</Text> {fit(row.feature, Math.max(10, inner - 14))}
							<Text color={style.color}>{summary.verdict ?? ''}</Text>
						</Text>
					);
				})}
			</Box>,
		);
	}

	const {row, category} = line;
	const {summary, index, check, definitions, bodyHeight} = rowFrame(line, checks, props.checkIndex, width, height);
	return frame(
		<Box flexDirection="column">
			<Text wrap="truncate">
				<Text bold>{row.feature}</Text>
				<Text color={theme.dim}>
					{' '}
					{line.label ?? `${row.id} · ${category.title}`}
					{row.candidateOnly ? ' · candidate-only' : ''}
					{summary.checks.length > 1 ? ` · check ${index + 1}/${summary.checks.length} (${keysFor('next-check', 'detail')} switches)` : ''}
				</Text>
			</Text>
			{row.notes ? (
				<Text wrap="truncate" color={theme.dim}>
					{clip(row.notes, inner)}
				</Text>
			) : null}
			<CheckList checks={summary.checks} selected={index} width={inner} frame={props.frame} />
			<TabBar tab={props.tab} width={inner} />
			<Box height={1} />
			{check ? (
				<Box flexDirection="column" height={bodyHeight} overflow="hidden">
					<TabBody
						tab={props.tab}
						check={check}
						definition={definitions.find(definition => definition.id === check.id)}
						rowChecks={summary.checks}
						rowDefinitions={definitions}
						profile={props.profile}
						width={inner}
						height={bodyHeight}
						offset={props.offset}
						focused={focused}
						hideNoise={props.hideNoise}
						frame={props.frame}
					/>
				</Box>
			) : (
				<Text color={theme.dim}>{line.empty ?? 'this row has no checks yet'}</Text>
			)}
		</Box>,
	);
});
