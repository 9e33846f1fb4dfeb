// Latency tab: samples and timings of both sides (ink-table), the delta, and the rule the verdict used.
import {Box, Text} from 'ink';
import {Table} from 'ink-table';
import React from 'react';
import {defaultLatencyRule, latencyLimit} from '../../../compare/verdict.js';
import {sides, type Observation} from '../../../domain.js';
import {clip, delta, ms} from '../../format.js';
import {isMeasuring} from '../../model/load-progress.js';
import {theme} from '../../theme.js';
import {LoadPanel, thresholdsFor} from './LoadPanel.js';
import type {TabProps} from './tab-props.js';
import {keysFor} from '../../keys/keymap.js';

function median(values: number[]): number | undefined {
	if (values.length === 0) return undefined;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function samplesOf(observation: Observation | undefined): number[] {
	if (!observation || !observation.reached) return [];
	return observation.samples?.length ? observation.samples : [observation.timing.totalMs];
}

export function LatencyTab({check, definition, profile, width, frame}: TabProps) {
	// A load's timings are its percentiles under load: the bar while it runs, then each side's figures.
	if (isMeasuring(check)) return <LoadPanel check={check} width={width} frame={frame} thresholds={thresholdsFor({check, definition, profile})} />;
	const observations = check.observations;
	if (!observations?.baseline && !observations?.candidate) {
		return <Text color={theme.dim}>{check.status === 'idle' ? `not run yet: ${keysFor('run-row')} runs this row` : 'no timings yet'}</Text>;
	}

	// ink-table sizes columns by their content: keep the table inside the pane (timings go first when narrow).
	const wide = width >= 64;
	const samplesWidth = Math.max(4, width - (wide ? 50 : 28));
	const data = sides.map(side => {
		const observation = observations[side];
		const samples = samplesOf(observation);
		const row = {side, samples: clip(samples.map(value => Math.round(value)).join(' ') || '—', samplesWidth), median: ms(median(samples))};
		return wide ? {...row, headers: ms(observation?.timing.headersMs), 'first byte': ms(observation?.timing.firstByteMs)} : row;
	});
	const baselineMedian = median(samplesOf(observations.baseline));
	const candidateMedian = median(samplesOf(observations.candidate));
	const rule = definition?.compare.latency;
	const effective = rule ? {...defaultLatencyRule, ...profile?.thresholds?.latency, ...rule} : undefined;
	const measured = check.observations?.baseline?.timing.totalMs;
	const limit = effective && measured !== undefined ? latencyLimit(measured, effective) : undefined;
	const candidateTotal = check.observations?.candidate?.timing.totalMs;
	const over = limit !== undefined && candidateTotal !== undefined && candidateTotal > limit;
	const percent = baselineMedian && candidateMedian !== undefined ? Math.round(((candidateMedian - baselineMedian) / baselineMedian) * 100) : undefined;
	return (
		<Box flexDirection="column">
			<Table data={data} />
			<Text wrap="truncate">
				delta (candidate − baseline, median): <Text bold>{delta(baselineMedian, candidateMedian) || '—'}ms</Text>
				{percent === undefined ? '' : ` (${percent > 0 ? '+' : ''}${percent}%)`}
			</Text>
			{effective ? (
				<Text wrap="truncate" color={over ? theme.error : theme.info}>
					threshold: candidate ≤ max(baseline × {effective.maxRatio}, baseline + {effective.minDeltaMs}ms) = {ms(limit)} → {over ? 'over' : 'within'}
				</Text>
			) : (
				<Text color={theme.dim} wrap="truncate">
					no latency rule on this check (timings are shown for information)
				</Text>
			)}
			{effective && rule && rule.samples ? <Text color={theme.dim}>{rule.samples} samples per side</Text> : null}
		</Box>
	);
}
