// Run container work for one probe and turn the outcome into an Observation: facts and the execs that produced them.
// The container's state comes first: a container the profile names that is missing, stopped, paused or restarting,
// an engine that is down or hangs, a CLI that is not installed — each is an `error` on that side with its cause,
// never a fact read from a container that is not there. Only a side that names no container is `skipped`.
import {performance} from 'node:perf_hooks';
import type {Observation} from '../domain.js';
import {errorMessage} from '../errors.js';
import type {ProbeContext} from '../probes/types.js';
import {redact, redactValue} from '../targets/secrets.js';
import type {ContainerInspect} from '../containers/inspect.js';
import {ContainerRuntime} from '../containers/runtime.js';
import {withContainerLock} from '../containers/lock.js';

export type ContainerWork = (runtime: ContainerRuntime, state: ContainerInspect) => Promise<{facts: Record<string, unknown>; totalMs?: number}>;

/** Per-command cap, so one hung CLI call cannot eat a whole check's time. */
export const commandTimeoutMs = 15_000;

/** The state check's cap: `inspect` answers in milliseconds on a live engine, so a longer wait means it hangs. */
export const stateTimeoutMs = 10_000;

export function noContainerReason(context: ProbeContext): string {
	return `no container configured for ${context.side} (set ${context.side}.container in the profile)`;
}

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
	if (!runtime) return {...base, reached: false, timing: {totalMs: 0}, skipped: noContainerReason(context)};
	try {
		const {facts, totalMs} = await withContainerLock(lockKey(runtime), exclusive, async () => {
			const state = await runtime.requireRunning({timeoutMs: Math.min(context.timeoutMs, stateTimeoutMs)});
			return work(runtime, state);
		});
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
		return {...base, reached: false, timing, exec: runtime.execs, error: redact(errorMessage(error))};
	}
}
