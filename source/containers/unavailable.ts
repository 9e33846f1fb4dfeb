// Why a container cannot be used, in the exact words a user acts on: no CLI, no daemon, no such container. A probe
// that meets one of these reports its side as skipped with that reason instead of failing the check.
import type {CliResult, RuntimeKind} from './cli.js';

export class ContainerUnavailable extends Error {
	override name = 'ContainerUnavailable';
	constructor(readonly reason: string) {
		super(reason);
	}
}

const daemonDown = /cannot connect to the (docker daemon|podman)|is the docker daemon running|connect: no such file or directory|error during connect/i;
const noContainer = /no such (container|object)|no container with name or id|does not exist in database/i;
const notRunning = /is not running|container state improper|is paused|is restarting/i;
const permission = /permission denied while trying to connect/i;

function firstLine(text: string): string {
	return text.trim().split('\n')[0]?.replace(/^Error( response from daemon)?:\s*/i, '') ?? '';
}

/** The skip reason for a CLI result, or undefined when the CLI, the engine and the container were all there. */
export function unavailableReason(result: CliResult, container?: string): string | undefined {
	const {runtime} = result;
	if (result.spawnError) return result.spawnError === 'ENOENT' ? `${runtime}: command not found` : `${runtime}: cannot be started (${result.spawnError})`;
	if (result.exitCode === 0) return undefined;
	const stderr = result.stderr;
	if (permission.test(stderr)) return `${runtime}: permission denied on the ${engineName(runtime)} socket (${firstLine(stderr)})`;
	if (daemonDown.test(stderr)) return `cannot connect to the ${engineName(runtime)} (${firstLine(stderr)})`;
	if (container && noContainer.test(stderr)) return `no container named ${container} (${runtime})`;
	if (container && notRunning.test(stderr)) return `container ${container} is not running (${runtime})`;
	return undefined;
}

export function engineName(runtime: RuntimeKind): string {
	return runtime === 'docker' ? 'Docker daemon' : 'Podman service';
}

/** A runtime command that ran but failed for another reason (timeout, refused operation): an error, not a skip. */
export class ContainerCommandError extends Error {
	override name = 'ContainerCommandError';
}

/** Throw ContainerUnavailable when the result says the container cannot be reached at all. */
export function assertAvailable(result: CliResult, container?: string): void {
	const reason = unavailableReason(result, container);
	if (reason) throw new ContainerUnavailable(reason);
	if (result.cancelled) throw new ContainerCommandError('cancelled');
	if (result.timedOut) throw new ContainerCommandError(`${result.runtime} ${result.args[0]} timed out after ${Math.round(result.durationMs)} ms`);
}

/** As assertAvailable, and the command itself must have succeeded. */
export function assertSucceeded(result: CliResult, container?: string): void {
	assertAvailable(result, container);
	if (result.exitCode !== 0) throw new ContainerCommandError(`${result.runtime} ${result.args[0]} failed (exit ${result.exitCode}): ${firstLine(result.stderr) || firstLine(result.stdout) || 'no output'}`);
}
