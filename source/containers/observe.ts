// Run container work for one probe and turn the outcome into an Observation: facts and the execs that produced
// them, a skipped side when the container cannot be used (no CLI, no daemon, no such container), an error otherwise.
import {performance} from 'node:perf_hooks';
import type {Observation} from '../domain.js';
import {errorMessage} from '../errors.js';
import type {ProbeContext} from '../probes/types.js';
import {redact, redactValue} from '../targets/secrets.js';
import {ContainerRuntime} from './runtime.js';
import {withContainerLock} from './lock.js';
import {ContainerUnavailable} from './unavailable.js';

export type ContainerWork = (runtime: ContainerRuntime) => Promise<{facts: Record<string, unknown>; totalMs?: number}>;

/** Per-command cap, so one hung CLI call cannot eat a whole check's time. */
export const commandTimeoutMs = 15_000;

export function runtimeFor(context: ProbeContext): ContainerRuntime | undefined {
	const ref = context.target.container;
	if (!ref) return undefined;
	return new ContainerRuntime(ref, {signal: context.signal, timeoutMs: Math.min(context.timeoutMs, commandTimeoutMs)});
}

export function lockKey(runtime: ContainerRuntime): string {
	return `${runtime.kind}:${runtime.name}`;
}

export async function observeContainer(context: ProbeContext, work: ContainerWork, {exclusive = false} = {}): Promise<Observation> {
	const start = performance.now();
	const base = {side: context.side, headers: {}};
	const runtime = runtimeFor(context);
	if (!runtime) return {...base, reached: false, timing: {totalMs: 0}, skipped: `no container configured for ${context.side} (set ${context.side}.container in the profile)`};
	try {
		const {facts, totalMs} = await withContainerLock(lockKey(runtime), exclusive, () => work(runtime));
		const safe = redactValue(facts);
		return {
			...base,
			reached: true,
			timing: {totalMs: totalMs ?? performance.now() - start},
			exec: runtime.execs,
			facts: safe,
			bodyText: JSON.stringify(safe, null, 2),
		};
	} catch (error) {
		const timing = {totalMs: performance.now() - start};
		if (error instanceof ContainerUnavailable) return {...base, reached: false, timing, exec: runtime.execs, skipped: redact(error.reason)};
		return {...base, reached: false, timing, exec: runtime.execs, error: redact(errorMessage(error))};
	}
}
