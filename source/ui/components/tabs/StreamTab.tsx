// Stream tab: two lanes, baseline and candidate, growing as chunks arrive, with time to first token, the chunk
// count and the [DONE] end marker. Lanes draw only the tail that fits, so 2,000-chunk streams stay cheap.
import {Box, Text} from 'ink';
import React from 'react';
import {sides, type Side} from '../../../domain.js';
import {redact} from '../../../targets/secrets.js';
import {fit, ms, tailLines} from '../../format.js';
import {isMeasuring} from '../../model/load-progress.js';
import type {CheckState, Lane} from '../../model/state.js';
import {theme} from '../../theme.js';
import {LoadPanel} from './LoadPanel.js';
import type {TabProps} from './tab-props.js';

export type LaneView = {status?: number; chunks: number; ttftMs?: number; text: string; state: 'waiting' | 'streaming' | 'done' | 'ended' | 'skipped' | 'failed'; note?: string};

/** The stream check to show: the selected one if it streams, else the row's first streaming check. */
export function streamCheck(check: CheckState, rowChecks: CheckState[]): CheckState | undefined {
	const streams = (candidate: CheckState) => candidate.probe === 'sse' || Boolean(candidate.observations?.baseline?.stream ?? candidate.observations?.candidate?.stream);
	return streams(check) ? check : rowChecks.find(streams);
}

export function laneView(check: CheckState, side: Side): LaneView {
	const lane: Lane | undefined = check.live?.[side];
	const observation = check.observations?.[side];
	const stream = observation?.stream;
	const chunkCount = (observation?.body as {chunkCount?: number} | undefined)?.chunkCount;
	if (observation && (!lane || lane.finished)) {
		if (observation.skipped) return {chunks: 0, text: '', state: 'skipped', note: observation.skipped};
		if (!stream) return {status: observation.status, chunks: 0, text: '', state: 'failed', note: observation.error ?? `no event stream (HTTP ${observation.status ?? '—'}, ${observation.contentType ?? 'no content type'})`};
		return {status: observation.status, chunks: chunkCount ?? lane?.chunks ?? stream.chunks.length, ttftMs: stream.ttftMs ?? lane?.ttftMs, text: lane?.text || stream.text, state: stream.done ? 'done' : 'ended', note: observation.error};
	}

	if (lane) return {status: lane.status, chunks: lane.chunks, ttftMs: lane.ttftMs, text: lane.text, state: lane.chunks > 0 || lane.status !== undefined ? 'streaming' : 'waiting'};
	return {chunks: 0, text: '', state: 'waiting'};
}

const stateText: Record<LaneView['state'], string> = {
	waiting: 'waiting…',
	streaming: 'streaming…',
	done: '[DONE]',
	ended: 'ended without [DONE]',
	skipped: 'skipped',
	failed: 'no stream',
};

function LaneColumn({side, view, width, height}: {side: Side; view: LaneView; width: number; height: number}) {
	const color = theme.side[side];
	const textHeight = Math.max(1, height - 3);
	// Chunks are scrubbed one by one as they arrive; a key split across two chunks is caught here.
	const lines = tailLines(redact(view.text), width, textHeight);
	const endColor = view.state === 'done' ? theme.info : view.state === 'streaming' ? theme.warn : view.state === 'waiting' ? theme.dim : theme.error;
	return (
		<Box flexDirection="column" width={width} height={height} overflow="hidden">
			<Text wrap="truncate">
				<Text color={color} bold>
					{side}
				</Text>
				<Text> HTTP {view.status ?? '—'}</Text>
				<Text color={theme.dim}> · </Text>
				<Text>chunks {view.chunks}</Text>
				<Text color={theme.dim}> · </Text>
				<Text>ttft {ms(view.ttftMs)}</Text>
			</Text>
			<Text wrap="truncate" color={color}>
				{'─'.repeat(Math.max(1, width))}
			</Text>
			{lines.map((line, index) => (
				<Text key={index} wrap="truncate">
					{fit(line, width)}
				</Text>
			))}
			<Text wrap="truncate" color={endColor} bold={view.state === 'done'}>
				{view.note ? `${stateText[view.state]} · ${view.note}` : stateText[view.state]}
			</Text>
		</Box>
	);
}

export function StreamTab({check, rowChecks, width, height, frame}: TabProps) {
	const shown = streamCheck(check, rowChecks);
	if (!shown) {
		// A load streams progress rather than tokens: its lanes are the two sides' bars.
		const load = isMeasuring(check) ? check : rowChecks.find(isMeasuring);
		if (load) return <LoadPanel check={load} width={width} frame={frame} note={load === check ? undefined : `showing ${load.id}, the row's load check`} />;
		return <Text color={theme.dim}>no streaming check in this row</Text>;
	}

	const note = shown === check ? '' : `showing ${shown.id}, the row's stream check`;
	const laneWidth = Math.max(10, Math.floor((width - 3) / 2));
	const laneHeight = Math.max(4, height - (note ? 1 : 0));
	return (
		<Box flexDirection="column">
			{note ? <Text color={theme.dim} wrap="truncate">{note}</Text> : null}
			<Box>
				{sides.map((side, index) => (
					<React.Fragment key={side}>
						{index > 0 ? (
							<Box width={3} height={laneHeight} flexDirection="column">
								{Array.from({length: laneHeight}, (_, line) => (
									<Text key={line} color={theme.dim}>
										{' │ '}
									</Text>
								))}
							</Box>
						) : null}
						<LaneColumn side={side} view={laneView(shown, side)} width={laneWidth} height={laneHeight} />
					</React.Fragment>
				))}
			</Box>
		</Box>
	);
}
