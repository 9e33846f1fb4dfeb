// Latency judged on noise, not on one sample: interleaved pairs (baseline, candidate, then candidate, baseline …)
// after a warm-up, so both sides see the same machine load. The candidate is slower only when all three hold:
// its median is past the check's rule (max(baseline × ratio, baseline + floor)), the median paired difference is
// beyond the noise measured between baseline samples, and most pairs agree.
import {median} from '../shared/median.js';
import type {LatencyFigures} from '../domain.js';

export type LatencyRule = {maxRatio: number; minDeltaMs: number};
export const defaultLatencyRule: LatencyRule = {maxRatio: 1.3, minDeltaMs: 50};

/** Paired samples: baseline[i] and candidate[i] were taken back to back. */
export type PairedLatency = {baseline: number[]; candidate: number[]};

/** Pairs taken when a check does not say (compare.latency.samples), and the fewest the judgement accepts. */
export const defaultLatencyPairs = 10;
export const minLatencyPairs = 5;
/** Share of pairs in which the candidate must be the slower one. */
export const agreement = 0.7;
/** How many noise spreads (robust sigma, 1.4826 × MAD) the median paired difference must exceed. */
export const noiseSpreads = 2;

/** Candidate latency is a finding only above max(baseline × ratio, baseline + floor). */
export function latencyLimit(baselineMs: number, rule: LatencyRule): number {
	return Math.max(baselineMs * rule.maxRatio, baselineMs + rule.minDeltaMs);
}

function mad(values: number[]): number {
	const middle = median(values);
	return median(values.map(value => Math.abs(value - middle)));
}

const round = (value: number) => Math.round(value * 10) / 10;

/** The figures, and whether the candidate is slower beyond the limit and the noise. */
export type LatencyJudgement = LatencyFigures & {slower: boolean};

export function judgeLatency(paired: PairedLatency, rule: LatencyRule): LatencyJudgement {
	const pairs = Math.min(paired.baseline.length, paired.candidate.length);
	const b = paired.baseline.slice(0, pairs);
	const c = paired.candidate.slice(0, pairs);
	const bMedian = median(b);
	const cMedian = median(c);
	const differences = b.map((value, index) => c[index]! - value);
	const slowerPairs = differences.filter(difference => difference > 0).length;
	const noiseMarginMs = noiseSpreads * 1.4826 * mad(b);
	const limitMs = latencyLimit(bMedian, rule);
	const slower = pairs >= minLatencyPairs && cMedian > limitMs && median(differences) > noiseMarginMs && slowerPairs >= Math.ceil(agreement * pairs);
	const summary = `${pairs} interleaved pairs after warm-up: baseline median ${round(bMedian)} ms ±${round(mad(b))}, candidate median ${round(cMedian)} ms ±${round(mad(c))} (MAD); candidate slower in ${slowerPairs} of ${pairs}; limit ${round(limitMs)} ms, noise margin ${round(noiseMarginMs)} ms`;
	return {slower, pairs, baselineMedianMs: round(bMedian), candidateMedianMs: round(cMedian), baselineSpreadMs: round(mad(b)), candidateSpreadMs: round(mad(c)), limitMs: round(limitMs), noiseMarginMs: round(noiseMarginMs), slowerPairs, summary};
}

/** The most a measured figure moves on its own, relative (0.25 = 25 %): capped so a wild machine cannot hide everything. */
export const maxRelativeNoise = 0.3;

/**
 * Relative noise of a measuring probe's figure on either side: how far a side's two load rounds are apart (rate or
 * p95), or the spread (MAD) of the overhead samples relative to their median.
 */
export function measuredNoise(baseline: {facts?: Record<string, unknown>; samples?: number[]}, candidate: {facts?: Record<string, unknown>; samples?: number[]}, rounds: 'rateRounds' | 'p95Rounds'): number {
	const relative = (side: {facts?: Record<string, unknown>; samples?: number[]}) => {
		const pair = side.facts?.[rounds];
		if (Array.isArray(pair) && pair.length >= 2) {
			const [a, b] = [Number(pair[0]), Number(pair[1])];
			// Each round sits half the spread away from the side's mean: that half is how far the mean can move.
			return a + b > 0 ? Math.abs(a - b) / (a + b) : 0;
		}

		if (side.samples && side.samples.length >= minLatencyPairs) {
			const middle = median(side.samples);
			return middle > 0 ? (noiseSpreads * 1.4826 * mad(side.samples)) / middle : 0;
		}

		return 0;
	};

	return Math.min(maxRelativeNoise, Math.max(relative(baseline), relative(candidate)));
}
