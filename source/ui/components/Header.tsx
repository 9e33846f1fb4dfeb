// Two lines: the profile and both targets with their health dots, then the verdict counts and the run's progress;
// above them, when the two sides report different LiteLLM versions, the banner every output starts with.
import {Box, Text} from 'ink';
import React, {memo} from 'react';
import {verdicts, type RunSummary, type Side, type SideVersions, type TargetInfo} from '../../domain.js';
import {versionBanner} from '../../engine/versions.js';
import type {Liveness} from '../../targets/health.js';
import {redact} from '../../targets/secrets.js';
import {clip, wordWrap} from '../format.js';
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
	/** The LiteLLM version each side reports (pre-flight, run events). */
	versions?: SideVersions;
};

/** The version banner as drawn: wrapped, at most two lines (it names both versions first, so those always show). */
export function bannerLines(versions: SideVersions | undefined, width: number): string[] {
	const banner = versionBanner(versions);
	return banner ? wordWrap(`⚠ ${banner}`, width).slice(0, 2) : [];
}

/** The header's height: two lines, plus the version banner's when the sides' versions differ. */
export function headerHeightFor(versions: SideVersions | undefined, width: number): number {
	return 2 + bannerLines(versions, width).length;
}

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

function TargetLabel({side, url, liveness}: {side: Side; url: string; liveness?: Liveness}) {
	const detail = targetDetail(liveness);
	return (
		<Text wrap="truncate">
			<HealthDot liveness={liveness} /> <Text color={theme.side[side]}>{side}</Text> {url}
			{detail ? <Text color={liveness?.ok ? theme.dim : theme.error}> {detail}</Text> : null}
		</Text>
	);
}

function targetDetail(liveness: Liveness | undefined): string {
	// Up is the green dot alone: a latency here would change with every poll and redraw an idle screen.
	return liveness && !liveness.ok ? shortReason(liveness.error) : '';
}

/**
 * Fit both targets in `room` columns: first drop the scheme from the URLs, then cut them. The side names,
 * the dots and the health detail always stay.
 */
export function fitTargetUrls(urls: Record<Side, string>, details: Record<Side, string>, room: number): Record<Side, string> {
	const fixed = (side: Side) => 2 + side.length + 1 + (details[side] ? details[side].length + 1 : 0);
	const budget = Math.floor((room - 3 - fixed('baseline') - fixed('candidate')) / 2);
	const shorten = (url: string) => {
		if (url.length <= budget) return url;
		const bare = url.replace(/^https?:\/\//, '');
		// Cut from the front: the port (what tells two local targets apart) always stays.
		const keep = Math.max(8, budget);
		return bare.length <= keep ? bare : `…${bare.slice(bare.length - keep + 1)}`;
	};

	return {baseline: shorten(urls.baseline), candidate: shorten(urls.candidate)};
}

export const Header = memo(function Header(props: HeaderProps) {
	const {width, connection, targets, health, counts, run} = props;
	const profile = props.profileName ? `${props.profileName}${props.dirty ? '*' : ''}` : 'starting…';
	const details = {baseline: targetDetail(health.baseline), candidate: targetDetail(health.candidate)};
	// A URL may carry credentials (user:key@host, ?key=…): shown scrubbed like everything else.
	const urls = {baseline: redact(targets?.baseline.url ?? '…'), candidate: redact(targets?.candidate.url ?? '…')};
	const need = (text: string) => text.length + 3 + urls.baseline.length + urls.candidate.length + 25;
	const name = `litellm-parity · profile ${profile}`;
	// The origin is the first thing to go when the line is too narrow.
	const origin = props.origin && need(`${name} (${props.origin})`) <= width ? ` (${clip(props.origin, 40)})` : '';
	const fitted = fitTargetUrls(urls, details, width - name.length - origin.length - 3);
	const banner = bannerLines(props.versions, width);
	return (
		<Box flexDirection="column" width={width} height={2 + banner.length}>
			{banner.map((line, index) => (
				<Text key={index} wrap="truncate" color={theme.warn} bold>
					{line}
				</Text>
			))}
			<Box width={width}>
				<Box flexShrink={0}>
					<Text>
						<Text bold color={theme.title}>
							litellm-parity
						</Text>
						<Text> · profile </Text>
						<Text bold>{profile}</Text>
						<Text color={theme.dim}>{origin}</Text>
						<Text>   </Text>
					</Text>
				</Box>
				{connection.phase === 'open' ? (
					<Box flexGrow={1} overflow="hidden">
						<TargetLabel side="baseline" url={fitted.baseline} liveness={health.baseline} />
						<Text> ⇄ </Text>
						<TargetLabel side="candidate" url={fitted.candidate} liveness={health.candidate} />
					</Box>
				) : (
					<Box flexGrow={1} overflow="hidden">
						<Text wrap="truncate" color={connection.phase === 'failed' ? theme.error : theme.warn}>
							{connection.phase === 'failed' ? 'targets not open (see the detail pane)' : redact(connection.message ?? 'starting…')}
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

