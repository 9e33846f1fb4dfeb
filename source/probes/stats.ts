// `probe: stats` (idle resources): after a quiet period, several `stats --no-stream` samples; memory in MiB (the
// largest sample) and CPU in percent (the mean, and the largest). The memory and CPU rows of one run share one
// sampling per container, so the run waits for it once; each row keeps only the figures it `measure`s.
import {setTimeout as delay} from 'node:timers/promises';
import type {z} from 'zod';
import {statsOptionsSchema} from '../catalog/probe-options.js';
import {observeContainer} from './observe-container.js';
import type {ContainerRuntime} from '../containers/runtime.js';
import {parseStatsSample, type StatsSample} from '../containers/stats-sample.js';
import {ConfigError} from '../errors.js';
import type {Probe} from './types.js';

type StatsOptions = z.infer<typeof statsOptionsSchema>;

const shared = new Map<string, Promise<Figures>>();

function round(value: number, digits = 2): number {
	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
}

type Figures = Record<StatsOptions['measure'], Record<string, unknown>>;

async function sample(runtime: ContainerRuntime, options: StatsOptions, signal: AbortSignal): Promise<Figures> {
	await delay(options.quietMs, undefined, {signal});
	const samples: StatsSample[] = [];
	for (let index = 0; index < options.samples; index++) {
		if (index > 0) await delay(options.intervalMs, undefined, {signal});
		const parsed = parseStatsSample(await runtime.statsSample());
		if (parsed) samples.push(parsed);
	}

	// A container that stopped or froze while it was sampled reads 0 MiB and 0 %: that is no idle figure.
	await runtime.requireRunning();
	if (samples.length === 0) {
		const none = {samples: 0, summary: 'stats gave no readable sample'};
		return {memory: none, cpu: none};
	}

	const memory = samples.map(entry => entry.memoryMiB);
	const cpu = samples.map(entry => entry.cpuPercent);
	const memoryMiB = round(Math.max(...memory), 1);
	const cpuPercent = round(cpu.reduce((total, value) => total + value, 0) / cpu.length);
	return {
		memory: {memoryMiB, memoryMiBMin: round(Math.min(...memory), 1), samples: samples.length, summary: `${memoryMiB} MiB (largest of ${samples.length} samples)`},
		cpu: {cpuPercent, cpuPercentMax: round(Math.max(...cpu)), samples: samples.length, summary: `${cpuPercent} % (mean of ${samples.length} samples; max ${round(Math.max(...cpu))} %)`},
	};
}

export const statsProbe: Probe = async context => {
	const parsed = statsOptionsSchema.safeParse(context.check.options ?? {});
	if (!parsed.success) throw new ConfigError(parsed.error.issues[0]!.message, {path: `${context.check.id}.options.${parsed.error.issues[0]!.path.join('.')}`});
	const options = parsed.data;
	return observeContainer(context, async runtime => {
		const {measure, ...sampling} = options;
		const key = `${context.scope.run.id}:${runtime.kind}:${runtime.name}:${JSON.stringify(sampling)}`;
		let pending = shared.get(key);
		if (!pending) {
			pending = sample(runtime, options, context.signal);
			shared.set(key, pending);
			// A failed or cancelled sampling must not be reused by the next check.
			pending.catch(() => shared.delete(key));
			if (shared.size > 32) shared.delete(shared.keys().next().value!);
		}

		return {facts: {...(await pending)[measure]}};
	});
};

