// Proxy overhead: the same chat request sent straight to the upstream and through the proxy, interleaved N times;
// overhead = proxied − direct per pair, summarised as percentiles (against the plan's < 50 ms).
import {performance} from 'node:perf_hooks';
import type {Observation} from '../domain.js';
import {statsOf} from '../shared/latency-histogram.js';
import {exchangeOnce} from './http.js';
import {interpolate} from './placeholders.js';
import type {Probe} from './types.js';

export const overheadProbe: Probe = async context => {
	const proxied = interpolate(context.check.request!, context.scope, `${context.check.id}.request`);
	const options = context.check.options ?? {};
	const samples = Number(options.samples ?? 30);
	const warmup = Number(options.warmup ?? 3);
	const upstreamModel = String(options.upstreamModel ?? (proxied.json as {model?: string} | undefined)?.model ?? 'mock-model');
	const direct = {...proxied, base: 'upstream' as const, auth: 'none' as const, llm: false, json: {...(proxied.json as object), model: upstreamModel}};
	const start = performance.now();
	const overheads: number[] = [];
	const directTimes: number[] = [];
	const proxiedTimes: number[] = [];
	let last: Observation | undefined;
	for (let index = 0; index < warmup + samples && !context.signal.aborted; index++) {
		// Alternate which goes first so drift in the machine's load hits both equally.
		const order = index % 2 === 0 ? ([direct, proxied] as const) : ([proxied, direct] as const);
		const [first, second] = [await exchangeOnce(context, order[0]), await exchangeOnce(context, order[1])];
		const [directAnswer, proxiedAnswer] = index % 2 === 0 ? [first, second] : [second, first];
		last = proxiedAnswer;
		for (const answer of [directAnswer, proxiedAnswer]) {
			if (!answer.reached || (answer.status ?? 0) >= 400) {
				const which = answer === directAnswer ? `the upstream (${context.target.upstream})` : 'the proxy';
				return {...answer, reached: answer.reached, error: answer.error ?? `${which} answered ${answer.status}: ${answer.bodyText?.slice(0, 120)}`};
			}
		}

		if (index < warmup) continue;
		directTimes.push(directAnswer.timing.totalMs);
		proxiedTimes.push(proxiedAnswer.timing.totalMs);
		overheads.push(proxiedAnswer.timing.totalMs - directAnswer.timing.totalMs);
		context.progress({kind: 'load', completed: overheads.length, total: samples, rps: overheads.length / ((performance.now() - start) / 1000), elapsedMs: performance.now() - start});
	}

	const overhead = statsOf(overheads);
	const facts = {
		...overhead,
		samples: overheads.length,
		directP50: statsOf(directTimes).med,
		proxiedP50: statsOf(proxiedTimes).med,
		upstream: context.target.upstream,
		summary: `overhead p50 ${overhead.med} ms, p95 ${overhead.percentiles['95']} ms (direct ${statsOf(directTimes).med} → proxied ${statsOf(proxiedTimes).med} ms, ${overheads.length} pairs)`,
	};
	return {
		side: context.side,
		reached: true,
		status: last?.status,
		headers: last?.headers ?? {},
		body: facts,
		bodyText: JSON.stringify(facts, null, 2),
		// The latency rule compares the median overhead of the two proxies.
		timing: {totalMs: overhead.med},
		samples: overheads,
		facts,
	};
};
