// Two lines: the profile and both targets with their health dots and what each turned out to be (its LiteLLM
// version, or not LiteLLM), then the verdict counts and the run's progress; above them, the banner every output
// starts with when the sides report different LiteLLM versions, and the gateway notice when a target does not answer
// like LiteLLM. What each line says at a width is decided in header-layout.ts: whole words only.
import {Box, Text} from 'ink';
import React, {memo} from 'react';
import type {SideVersions} from '../../domain.js';
import {versionBanner} from '../../engine/versions.js';
import {wordWrap} from '../format.js';
import {theme} from '../theme.js';
import {bannerTexts, clipWords, countsLine, targetLine, type HeaderInput, type Segment} from './header-layout.js';

export {shortReason} from './header-layout.js';

export type HeaderProps = HeaderInput & {
	width: number;
	/** The pre-flight's notice about targets that do not answer like LiteLLM (identityNotice), if any. */
	gatewayNotice?: string;
};

/** What the banner depends on: the versions each side reports and the gateway notice. */
export type BannerState = {versions?: SideVersions; gatewayNotice?: string};

/** The banner as drawn: each part wrapped between words, at most two lines each (a cut part ends with …). */
export function bannerLines({versions, gatewayNotice}: BannerState, width: number): string[] {
	return bannerTexts(versionBanner(versions), gatewayNotice).flatMap(text => {
		const lines = wordWrap(text, width);
		if (lines.length <= 2) return lines;
		return [lines[0]!, clipWords(`${lines[1]!} ${lines[2]!}`, width)];
	});
}

/** The header's height: two lines, plus the banner's. */
export function headerHeightFor(state: BannerState, width: number): number {
	return 2 + bannerLines(state, width).length;
}

function Segments({segments}: {segments: Segment[]}) {
	return (
		<Text wrap="truncate">
			{segments.map((segment, index) => (
				<Text key={index} color={segment.color} bold={segment.bold}>
					{segment.text}
				</Text>
			))}
		</Text>
	);
}

export const Header = memo(function Header(props: HeaderProps) {
	const {width} = props;
	const banner = bannerLines({versions: props.versions, gatewayNotice: props.gatewayNotice}, width);
	return (
		<Box flexDirection="column" width={width} height={2 + banner.length}>
			{banner.map((line, index) => (
				<Text key={index} wrap="truncate" color={theme.warn} bold>
					{line}
				</Text>
			))}
			<Segments segments={targetLine(props, width)} />
			<Segments segments={countsLine(props, width)} />
		</Box>
	);
});
