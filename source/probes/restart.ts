// `probe: restart` (cold start): stop the container, start it again, and time until the readiness path answers 200
// (the plan's "time from docker run to healthy", < 30 s). The engine runs restart checks alone, after the functional
// checks; the container lock also keeps any other container probe of this process off it mid-restart.
import {performance} from 'node:perf_hooks';
import {z} from 'zod';
import {observeContainer} from '../containers/observe.js';
import {waitUntilReady} from '../containers/readiness.js';
import {ConfigError} from '../errors.js';
import {targetUrl} from '../targets/target.js';
import type {Probe} from './types.js';

const optionsSchema = z
	.object({
		readiness: z.string().startsWith('/').default('/health/readiness'),
		/** Seconds the container gets to stop before it is killed. */
		graceSeconds: z.number().int().min(0).max(120).default(10),
		/** Give up waiting for readiness after this long. */
		limitSeconds: z.number().positive().max(600).default(60),
		pollMs: z.number().int().min(10).max(5_000).default(100),
	})
	.strict();

function seconds(ms: number): number {
	return Math.round(ms / 10) / 100;
}

export const restartProbe: Probe = async context => {
	const parsed = optionsSchema.safeParse(context.check.options ?? {});
	if (!parsed.success) throw new ConfigError(parsed.error.issues[0]!.message, {path: `${context.check.id}.options.${parsed.error.issues[0]!.path.join('.')}`});
	const options = parsed.data;
	return observeContainer(
		context,
		async runtime => {
			const before = await runtime.inspect();
			const stopStart = performance.now();
			if (before.running) await runtime.stop(options.graceSeconds, {timeoutMs: (options.graceSeconds + 15) * 1000});
			const stopMs = performance.now() - stopStart;
			const startAt = performance.now();
			await runtime.start({timeoutMs: 30_000});
			const readiness = await waitUntilReady(targetUrl(context.target, options.readiness).toString(), {
				limitMs: options.limitSeconds * 1000,
				intervalMs: options.pollMs,
				signal: context.signal,
				dispatcher: context.target.dispatcher,
				headers: context.target.headers,
			});
			const coldMs = performance.now() - startAt;
			const facts: Record<string, unknown> = {
				ready: readiness.ready,
				readiness: options.readiness,
				...(readiness.ready ? {coldStartSeconds: seconds(coldMs)} : {lastAnswer: readiness.lastAnswer}),
				stopSeconds: seconds(stopMs),
				polls: readiness.polls,
				summary: readiness.ready
					? `ready in ${seconds(coldMs).toFixed(2)} s after start (stop took ${seconds(stopMs).toFixed(2)} s)`
					: `not ready after ${options.limitSeconds} s: ${readiness.lastAnswer ?? 'no answer'}`,
			};
			return {facts, totalMs: coldMs};
		},
		{exclusive: true},
	);
};
