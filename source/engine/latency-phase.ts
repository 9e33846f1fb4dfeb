// The latency phase: a latency-judged check, alone on the machine after the functional checks, warms each target up
// and takes interleaved paired samples (baseline then candidate, then candidate then baseline …), so slow moments
// of the machine fall on both sides alike. compare/latency.ts judges the pairs against the baseline's own noise.
import type {Check} from '../catalog/schema.js';
import {defaultLatencyPairs, minLatencyPairs, type PairedLatency} from '../compare/latency.js';
import type {Side} from '../domain.js';
import type {Probe, ProbeContext} from '../probes/types.js';
import {noiseSafeKinds} from '../probes/registry.js';
import {deadline} from '../shared/deadline.js';

/** Request/response checks with a latency rule; load and overhead probes measure latency themselves. */
export function latencyJudged(check: Check, candidateOnly: boolean): boolean {
	return !candidateOnly && typeof check.compare.latency === 'object' && noiseSafeKinds.has(check.probe);
}

export function latencyPairs(check: Check): number {
	const asked = typeof check.compare.latency === 'object' ? check.compare.latency.samples : undefined;
	return Math.max(asked ?? defaultLatencyPairs, minLatencyPairs);
}

export type PairedRequest = {
	probe: Probe;
	contextFor: (side: Side) => ProbeContext;
	pairs: number;
	signal: AbortSignal;
	timeoutMs: number;
	note?: (message: string) => void;
};

export async function pairedLatency({probe, contextFor, pairs, signal, timeoutMs, note}: PairedRequest): Promise<PairedLatency | {error: string}> {
	const one = async (side: Side): Promise<number | {error: string}> => {
		const limit = deadline(signal, timeoutMs);
		try {
			const observation = await probe({...contextFor(side), signal: limit.signal, samples: 1, progress: () => undefined});
			if (!observation.reached) return {error: `${side} unreachable: ${observation.error ?? 'no answer'}`};
			return observation.timing.totalMs;
		} catch (error) {
			return {error: `${side}: ${(error as Error).message}`};
		} finally {
			limit.dispose();
		}
	};

	note?.('latency phase: warming both targets up');
	for (const side of ['baseline', 'candidate'] as const) {
		const warm = await one(side);
		if (typeof warm !== 'number') return warm;
	}

	const paired: PairedLatency = {baseline: [], candidate: []};
	for (let index = 0; index < pairs && !signal.aborted; index++) {
		const order: Side[] = index % 2 === 0 ? ['baseline', 'candidate'] : ['candidate', 'baseline'];
		for (const side of order) {
			const sample = await one(side);
			if (typeof sample !== 'number') return sample;
			paired[side].push(sample);
		}
	}

	note?.(`latency phase: ${paired.baseline.length} interleaved pairs taken`);
	return paired;
}
