// Latencies in an HDR histogram (microsecond resolution, constant memory however many requests are recorded).
import {build, type Histogram} from 'hdr-histogram-js';

export const reportedPercentiles = [50, 75, 90, 95, 99, 99.9] as const;

export type LatencyStats = {
	count: number;
	min: number;
	max: number;
	avg: number;
	med: number;
	/** Milliseconds at each reported percentile, keyed "50", "90", "99.9"… */
	percentiles: Record<string, number>;
};

export class LatencyHistogram {
	readonly #histogram: Histogram = build({lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3});

	recordMs(ms: number): void {
		this.#histogram.recordValue(Math.max(1, Math.round(ms * 1000)));
	}

	get count(): number {
		return this.#histogram.totalCount;
	}

	stats(): LatencyStats {
		const h = this.#histogram;
		const ms = (micro: number) => Math.round(micro) / 1000;
		const empty = h.totalCount === 0;
		return {
			count: h.totalCount,
			min: empty ? 0 : ms(h.minNonZeroValue),
			max: ms(h.maxValue),
			avg: empty ? 0 : ms(h.mean),
			med: ms(h.getValueAtPercentile(50)),
			percentiles: Object.fromEntries(reportedPercentiles.map(percentile => [String(percentile), ms(h.getValueAtPercentile(percentile))])),
		};
	}
}

/** Stats of a small list of samples (overhead pairs), on the same scale as the histogram's. */
export function statsOf(samples: number[]): LatencyStats {
	const histogram = new LatencyHistogram();
	// Negative overheads (direct slower than proxied by noise) are clamped to 0 in the histogram; avg/min keep the truth.
	for (const sample of samples) histogram.recordMs(Math.max(0, sample));
	const stats = histogram.stats();
	if (samples.length > 0) {
		stats.min = Math.round(Math.min(...samples) * 1000) / 1000;
		stats.avg = Math.round((samples.reduce((a, b) => a + b, 0) / samples.length) * 1000) / 1000;
	}

	return stats;
}
