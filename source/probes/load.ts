// Throughput: a closed-loop load against the target (connections × duration or request count) giving req/s,
// latency percentiles, errors and non-2xx answers, with live progress for the TUI.
import type {Observation} from '../domain.js';
import {runLoad} from './load-generator.js';
import {exchangeOnce} from './http.js';
import {interpolate} from './placeholders.js';
import type {Probe} from './types.js';

export const defaultLoad = {connections: 10, durationMs: 5000};

export const loadProbe: Probe = async context => {
	const spec = interpolate(context.check.request!, context.scope, `${context.check.id}.request`);
	const options = context.check.options ?? {};
	const requests = options.requests === undefined ? undefined : Number(options.requests);
	const durationMs = options.durationMs === undefined ? (requests === undefined ? defaultLoad.durationMs : undefined) : Number(options.durationMs);
	// Warm the target up, not counted: options.warmup sequential calls, then options.warmupMs of the same load. A
	// freshly (re)started proxy serves its first concurrent seconds slower, which is not what the rule compares.
	const warmup = Number(options.warmup ?? 0);
	for (let index = 0; index < warmup && !context.signal.aborted; index++) {
		if (!(await exchangeOnce(context, spec)).reached) break;
	}

	const warmupMs = Number(options.warmupMs ?? 0);
	if (warmupMs > 0 && !context.signal.aborted) {
		await runLoad({target: context.target, spec, connections: Number(options.connections ?? defaultLoad.connections), durationMs: warmupMs, signal: context.signal, requestTimeoutMs: Math.min(context.timeoutMs, 30_000), llmExtras: spec.llm ? context.llmExtras : undefined, onProgress: () => undefined});
	}

	const result = await runLoad({
		target: context.target,
		spec,
		connections: Number(options.connections ?? defaultLoad.connections),
		durationMs,
		requests,
		signal: context.signal,
		requestTimeoutMs: Math.min(context.timeoutMs, 30_000),
		llmExtras: spec.llm ? context.llmExtras : undefined,
		onProgress: progress => context.progress({kind: 'load', ...progress}),
	});
	const facts = {
		...result.latency,
		rate: result.rate,
		requests: result.requests,
		errors: result.errors,
		errorRate: result.requests > 0 ? Math.round(((result.errors + result.non2xx) / result.requests) * 10_000) / 10_000 : 0,
		non2xx: result.non2xx,
		statusCounts: result.statusCounts,
		connections: Number(options.connections ?? defaultLoad.connections),
		durationMs: result.durationMs,
		bytes: result.bytes,
		summary: `${result.rate} req/s over ${result.requests} requests · p50 ${result.latency.percentiles['50']} ms, p95 ${result.latency.percentiles['95']} ms, p99 ${result.latency.percentiles['99']} ms · ${result.errors} errors, ${result.non2xx} non-2xx`,
	};
	const mostCommon = Object.entries(result.statusCounts).sort((a, b) => b[1] - a[1])[0]?.[0];
	const observation: Observation = {
		side: context.side,
		reached: result.requests > result.errors || result.errors === 0,
		status: mostCommon ? Number(mostCommon) : undefined,
		headers: {},
		body: facts,
		bodyText: JSON.stringify(facts, null, 2),
		// The latency rule compares p95 under load, not one request.
		timing: {totalMs: result.latency.percentiles['95'] ?? 0},
		facts,
		error: result.requests === result.errors && result.firstError ? result.firstError : undefined,
	};
	return observation;
};
