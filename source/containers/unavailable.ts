// Why a container cannot be used, in the exact words a user acts on: no CLI, an engine that is down, an engine that
// hangs, no such container, a container that is stopped or paused. A profile that names a container asked for it:
// each of these makes the side an `error` with that cause (only a profile that names no container gives `skipped`).
import type {CliResult, RuntimeKind} from './cli.js';

export class ContainerUnavailable extends Error {
	override name = 'ContainerUnavailable';
	constructor(readonly reason: string) {
		super(reason);
	}
}

const daemonDown = /cannot connect to the (docker daemon|podman)|is the docker daemon running|connect: no such file or directory|connect: connection refused|error during connect/i;
const noContainer = /no such (container|object)|no container with name or id|does not exist in database/i;
const paused = /is paused|container state improper.*paused/i;
const notRunning = /is not running|container state improper|is restarting/i;
const permission = /permission denied while trying to connect/i;

function firstLine(text: string): string {
	return text.trim().split('\n')[0]?.replace(/^Error( response from daemon)?:\s*/i, '') ?? '';
}

/** The CLI call got no answer in time: the engine accepts the connection but does not answer (hung), it is not down. */
export function engineHung(result: CliResult): string {
	const seconds = Math.round(result.durationMs / 100) / 10;
	return `the ${engineName(result.runtime)} did not answer '${result.runtime} ${result.args[0]}' within ${seconds} s: the engine is hung (not down: a stopped engine refuses at once)`;
}

/** The cause for a CLI result, or undefined when the CLI, the engine and the container were all there. */
export function unavailableReason(result: CliResult, container?: string): string | undefined {
	const {runtime} = result;
	if (result.spawnError) return result.spawnError === 'ENOENT' ? `${runtime}: command not found` : `${runtime}: cannot be started (${result.spawnError})`;
	if (result.exitCode === 0) return undefined;
	// Killed at its time limit, the CLI may still print "error during connect … context canceled": that is a hang.
	if (result.timedOut) return engineHung(result);
	const stderr = result.stderr;
	if (permission.test(stderr)) return `${runtime}: permission denied on the ${engineName(runtime)} socket (${firstLine(stderr)})`;
	if (daemonDown.test(stderr)) return `cannot connect to the ${engineName(runtime)}: the engine is down (${firstLine(stderr)})`;
	if (container && noContainer.test(stderr)) return `container ${container} does not exist (${runtime})`;
	if (container && paused.test(stderr)) return `container ${container} is paused (${runtime})`;
	if (container && notRunning.test(stderr)) return `container ${container} is not running (${runtime})`;
	return undefined;
}

export function engineName(runtime: RuntimeKind): string {
	return runtime === 'docker' ? 'Docker daemon' : 'Podman service';
}

/** A runtime command that ran but failed for another reason (refused operation, unreadable output). */
export class ContainerCommandError extends Error {
	override name = 'ContainerCommandError';
}

/** Throw ContainerUnavailable when the result says the container cannot be reached at all (or the engine hangs). */
export function assertAvailable(result: CliResult, container?: string): void {
	const reason = unavailableReason(result, container);
	if (reason) throw new ContainerUnavailable(reason);
	if (result.cancelled) throw new ContainerCommandError('cancelled');
	if (result.timedOut) throw new ContainerUnavailable(engineHung(result));
}

/** As assertAvailable, and the command itself must have succeeded. */
export function assertSucceeded(result: CliResult, container?: string): void {
	assertAvailable(result, container);
	if (result.exitCode !== 0) throw new ContainerCommandError(`${result.runtime} ${result.args[0]} failed (exit ${result.exitCode}): ${firstLine(result.stderr) || firstLine(result.stdout) || 'no output'}`);
}
