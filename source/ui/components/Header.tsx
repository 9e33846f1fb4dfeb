// Two lines: the profile and both targets with their health dots, then the verdict counts and the run's progress.
import {Box, Text} from 'ink';
import React, {memo} from 'react';
import {verdicts, type RunSummary, type Side, type TargetInfo} from '../../domain.js';
import type {Liveness} from '../../targets/health.js';
import {clip, ms} from '../format.js';
import type {Connection, RunState} from '../model/state.js';
import {theme, verdictStyle} from '../theme.js';

export type HeaderProps = {
	width: number;
	profileName?: string;
	origin?: string;
	dirty?: boolean;
	connection: Connection;
	targets?: Record<Side, TargetInfo>;
	health: Partial<Record<Side, Liveness>>;
	counts: RunSummary;
	run?: RunState;
};

function HealthDot({liveness}: {liveness?: Liveness}) {
	if (!liveness) return <Text color={theme.health.unknown}>○</Text>;
	return <Text color={liveness.ok ? theme.health.ok : theme.health.down}>●</Text>;
}

/** A few words for the header; the full reason is in the health check's error. */
export function shortReason(error: string | undefined): string {
	if (!error) return 'down';
	if (/ECONNREFUSED|refused/i.test(error)) return 'refused';
	if (/timeout|no answer|ETIMEDOUT/i.test(error)) return 'timeout';
	if (/ENOTFOUND|EAI_AGAIN/i.test(error)) return 'unknown host';
	if (/^HTTP \d+$/.test(error)) return error;
	return 'down';
}

function TargetLabel({side, target, liveness, width}: {side: Side; target?: TargetInfo; liveness?: Liveness; width: number}) {
	const detail = liveness ? (liveness.ok ? ms(liveness.latencyMs) : shortReason(liveness.error)) : '';
	const url = clip(target?.url ?? '…', Math.max(8, width - side.length - detail.length - 5));
	return (
		<Text wrap="truncate">
			<HealthDot liveness={liveness} /> <Text color={theme.side[side]}>{side}</Text> {url}
			{detail ? <Text color={liveness?.ok ? theme.dim : theme.error}> {detail}</Text> : null}
		</Text>
	);
}

export const Header = memo(function Header(props: HeaderProps) {
	const {width, connection, targets, health, counts, run} = props;
	const profile = props.profileName ? `${props.profileName}${props.dirty ? '*' : ''}` : 'starting…';
	const origin = props.origin ? ` (${props.origin})` : '';
	const left = `litellm-parity · profile ${profile}${origin}`;
	const targetWidth = Math.max(20, Math.floor((width - Math.min(left.length, 60) - 8) / 2));
	return (
		<Box flexDirection="column" width={width} height={2}>
			<Box width={width}>
				<Box flexShrink={0}>
					<Text>
						<Text bold color={theme.title}>
							litellm-parity
						</Text>
						<Text> · profile </Text>
						<Text bold>{profile}</Text>
						<Text color={theme.dim}>{clip(origin, 40)}</Text>
						<Text>   </Text>
					</Text>
				</Box>
				{connection.phase === 'open' ? (
					<Box flexGrow={1} overflow="hidden">
						<TargetLabel side="baseline" target={targets?.baseline} liveness={health.baseline} width={targetWidth} />
						<Text> ⇄ </Text>
						<TargetLabel side="candidate" target={targets?.candidate} liveness={health.candidate} width={targetWidth} />
					</Box>
				) : (
					<Box flexGrow={1} overflow="hidden">
						<Text wrap="truncate" color={connection.phase === 'failed' ? theme.error : theme.warn}>
							{connection.phase === 'failed' ? 'targets not open (see the detail pane)' : (connection.message ?? 'starting…')}
						</Text>
					</Box>
				)}
			</Box>
			<Text wrap="truncate">
				{verdicts.map(verdict => {
					const {symbol, color} = verdictStyle(verdict);
					const count = counts[verdict];
					return (
						<Text key={verdict} color={count > 0 ? color : theme.dim}>
							{symbol} {count} {verdict}
							{'  '}
						</Text>
					);
				})}
				{run ? <Text color={theme.warn}>{run.cancelling ? 'cancelling…' : `${run.label}: ${run.finished}/${run.total || '…'}`}</Text> : null}
			</Text>
		</Box>
	);
});

export const headerHeight = 2;
