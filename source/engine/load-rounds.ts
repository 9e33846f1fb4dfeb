// Load checks run in rounds — baseline, candidate, candidate, baseline, each with half the duration (or requests) —
// so a slow moment of the machine falls on both sides, and the two rounds of one side show how much its figures
// move on their own: that spread is the noise margin the throughput and p95 rules must exceed.
import type {Check} from '../catalog/schema.js';
import type {Observation} from '../domain.js';

export const loadRoundOrder = ['baseline', 'candidate', 'candidate', 'baseline'] as const;

/** The check with half its load per round (at least one request, at least 250 ms). */
export function halfRound(check: Check): Check {
	const options = {...check.options};
	if (options.requests !== undefined) options.requests = Math.max(1, Math.ceil(Number(options.requests) / 2));
	else options.durationMs = Math.max(250, Math.round(Number(options.durationMs ?? 5000) / 2));
	return {...check, options};
}

type LoadFacts = {rate?: number; requests?: number; errors?: number; non2xx?: number; durationMs?: number; percentiles?: Record<string, number>; statusCounts?: Record<string, number>} & Record<string, unknown>;

/**
 * One side's two rounds as one observation: counts add up, the rate is over both rounds, latency figures are the
 * worse round's (percentiles do not add), and each round's rate and p95 are kept for the noise margin.
 */
export function mergeRounds(first: Observation, second: Observation): Observation {
	if (!first.reached || !second.reached || first.error || second.error) return first.reached && !first.error ? second : first;
	const a = (first.facts ?? {}) as LoadFacts;
	const b = (second.facts ?? {}) as LoadFacts;
	const requests = (a.requests ?? 0) + (b.requests ?? 0);
	const durationMs = (a.durationMs ?? 0) + (b.durationMs ?? 0);
	const rate = durationMs > 0 ? Math.round((requests / (durationMs / 1000)) * 10) / 10 : 0;
	const worse = (a.percentiles?.['95'] ?? 0) >= (b.percentiles?.['95'] ?? 0) ? a : b;
	const errors = (a.errors ?? 0) + (b.errors ?? 0);
	const non2xx = (a.non2xx ?? 0) + (b.non2xx ?? 0);
	const statusCounts: Record<string, number> = {...a.statusCounts};
	for (const [status, count] of Object.entries(b.statusCounts ?? {})) statusCounts[status] = (statusCounts[status] ?? 0) + count;
	const facts: LoadFacts = {
		...worse,
		rate,
		requests,
		errors,
		non2xx,
		errorRate: requests > 0 ? Math.round(((errors + non2xx) / requests) * 10_000) / 10_000 : 0,
		statusCounts,
		durationMs,
		rateRounds: [a.rate ?? 0, b.rate ?? 0],
		p95Rounds: [a.percentiles?.['95'] ?? 0, b.percentiles?.['95'] ?? 0],
		summary: `${rate} req/s over ${requests} requests in 2 rounds (${a.rate} and ${b.rate} req/s) · p95 ${worse.percentiles?.['95']} ms (worse round) · ${errors} errors, ${non2xx} non-2xx`,
	};
	return {...first, body: facts, bodyText: JSON.stringify(facts, null, 2), facts, timing: {totalMs: worse.percentiles?.['95'] ?? first.timing.totalMs}};
}
