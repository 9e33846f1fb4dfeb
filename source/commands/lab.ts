// `litellm-parity lab up|down|status`: a local pair of containers (and the mock upstream they forward to) to run
// the container and overhead rows against.
import path from 'node:path';
import {runtimes, type RuntimeKind} from '../containers/cli.js';
import {engineStatus} from '../containers/engine.js';
import {UsageError} from '../errors.js';
import {labHelp} from './lab-help.js';
import {labDown, labNames, labUp, liveState, readLabState} from '../testbed/index.js';
import {ProfileStore} from '../targets/profiles.js';

export type LabCommandOptions = {
	runtime?: string;
	baselineImage?: string;
	candidateImage?: string;
	name?: string;
	key?: string;
	pullTimeout?: string;
};

function runtimeOf(value: string | undefined): RuntimeKind {
	const runtime = (value ?? 'docker') as RuntimeKind;
	if (!runtimes.includes(runtime)) throw new UsageError(`unknown runtime '${value}'; use docker or podman`);
	return runtime;
}

export async function labCommand(action: string | undefined, options: LabCommandOptions, out: NodeJS.WritableStream = process.stdout): Promise<number> {
	const store = new ProfileStore();
	const home = path.dirname(store.path);
	const log = (line: string) => out.write(`${line}\n`);
	const lab = labNames(options.name).lab;
	switch (action) {
		case 'up': {
			const pullTimeoutSeconds = options.pullTimeout === undefined ? undefined : Number(options.pullTimeout);
			if (pullTimeoutSeconds !== undefined && !(Number.isInteger(pullTimeoutSeconds) && pullTimeoutSeconds > 0)) throw new UsageError(`--pull-timeout must be a whole number of seconds (got '${options.pullTimeout}')`);
			// Ctrl+C (or SIGTERM) aborts lab up, which then removes what it had created before exiting 130.
			const interrupt = new AbortController();
			const stop = () => interrupt.abort();
			// `on`, not `once`: execa's exit hook re-raises a signal it finds no other listener for, which would kill the
			// process before the cleanup ran.
			process.on('SIGINT', stop);
			process.on('SIGTERM', stop);
			let state: Awaited<ReturnType<typeof labUp>>;
			try {
				state = await labUp({lab, runtime: runtimeOf(options.runtime), baselineImage: options.baselineImage, candidateImage: options.candidateImage, key: options.key, pullTimeoutSeconds, signal: interrupt.signal, store, home, log});
			} catch (error) {
				if (!interrupt.signal.aborted) throw error;
				log('lab up interrupted: removed the containers, network, images and build folders it had created');
				return 130;
			} finally {
				process.off('SIGINT', stop);
				process.off('SIGTERM', stop);
			}

			const cold = (['baseline', 'candidate'] as const).map(side => `${side} ${state.sides[side].coldStartSeconds?.toFixed(2)} s`).join(', ');
			log(`cold start (docker run → ready): ${cold}`);
			log(`next: litellm-parity run --profile ${state.profile} --category security`);
			log(`      litellm-parity run --profile ${state.profile} --category performance   (overhead through ${state.upstream?.container})`);
			return 0;
		}

		case 'down': {
			const state = await readLabState(home, lab);
			const runtime = state?.runtime ?? runtimeOf(options.runtime);
			const engine = await engineStatus(runtime);
			if (!engine.ok) throw new UsageError(`lab down needs the container engine: ${engine.reason}`);
			await labDown({lab, runtime, store, home, log});
			return 0;
		}

		case 'status': {
			const state = await readLabState(home, lab);
			if (!state) {
				log(`no lab '${lab}' (start one with litellm-parity lab up)`);
				return 0;
			}

			log(`lab '${state.lab}' (${state.mode}, ${state.runtime}) since ${state.createdAt}; profile '${state.profile ?? '—'}'`);
			// Live, not what was saved: the engine's state of each container and whether its URL answers now.
			const engine = await engineStatus(state.runtime);
			if (!engine.ok) log(`  engine: ${engine.reason}`);
			const entries = [...(['baseline', 'candidate'] as const).map(side => ({label: side, ...state.sides[side], readiness: '/health/readiness'})), ...(state.upstream ? [{label: 'upstream', ...state.upstream, readiness: '/health'}] : [])];
			const live = await Promise.all(entries.map(async entry => (engine.ok && entry.container ? liveState(state.runtime, entry.container, entry.url ? `${entry.url}${entry.readiness}` : undefined) : 'unknown (no engine)')));
			for (const [index, entry] of entries.entries()) {
				const cold = 'coldStartSeconds' in entry && entry.coldStartSeconds !== undefined ? `  cold start ${entry.coldStartSeconds.toFixed(2)} s` : '';
				log(`  ${entry.label.padEnd(9)} ${entry.url ?? '—'}  container ${entry.container ?? '—'}: ${live[index]}  image ${entry.image}${cold}`);
			}

			if (state.network) log(`  network   ${state.network}`);
			return 0;
		}

		case undefined:
		case 'help':
			out.write(labHelp);
			return action ? 0 : 2;
		default:
			throw new UsageError(`unknown lab action '${action}'; use up, down or status`);
	}
}
