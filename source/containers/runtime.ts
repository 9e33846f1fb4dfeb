// One container behind one runtime CLI: inspect, exec, logs, stats, stop/start, copy-out, top. Docker and Podman take
// the same commands; the few differences are handled here (Podman's stats print a JSON array, its `top` names the
// host PID `hpid`). Problems that rule out looking inside (no CLI, engine down or hung, no such container, stopped,
// paused) surface as ContainerUnavailable with that cause.
import {randomUUID} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import type {ExecObservation} from '../domain.js';
import {errorMessage} from '../errors.js';
import {redact} from '../targets/secrets.js';
import {runCli, type CliOptions, type CliResult, type RuntimeKind} from './cli.js';
import {parseInspect, stateProblem, type ContainerInspect} from './inspect.js';
import {assertAvailable, assertSucceeded, ContainerCommandError, ContainerUnavailable, engineHung} from './unavailable.js';

export type ContainerRef = {name: string; runtime: RuntimeKind};

export type CallOptions = Pick<CliOptions, 'signal' | 'timeoutMs'>;

/** Every exec carries this variable with a fresh value, so its processes can be found (and killed) after a timeout. */
export const execMarkerVariable = 'LITELLM_PARITY_EXEC';

/** Time limit for the calls that clean up after a timed-out exec (they must not wait on the cancelled run). */
const cleanupTimeoutMs = 10_000;

export type LogLine = {stream: 'stdout' | 'stderr'; /** 1-based, within its stream. */ number: number; at?: string; text: string};

/** `logs --timestamps` prefixes every line with an RFC 3339 time and a space. */
export function splitTimestamps(text: string, stream: LogLine['stream']): LogLine[] {
	const lines: LogLine[] = [];
	for (const raw of text.split('\n')) {
		if (raw === '') continue;
		const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) ?(.*)$/s.exec(raw);
		const number = lines.length + 1;
		lines.push(match ? {stream, number, at: match[1], text: match[2]!} : {stream, number, text: raw});
	}

	return lines;
}

/** `stats --no-stream --format '{{json .}}'`: Docker prints one object per line, Podman one (pretty) JSON array. */
export function parseStatsOutput(stdout: string): Record<string, unknown> | undefined {
	const text = stdout.trim();
	if (text.startsWith('[')) {
		try {
			const parsed = JSON.parse(text) as unknown;
			const first = Array.isArray(parsed) ? parsed[0] : undefined;
			return first && typeof first === 'object' ? (first as Record<string, unknown>) : undefined;
		} catch {
			return undefined;
		}
	}

	const line = text.split('\n').find(entry => entry.trim().startsWith('{'));
	if (!line) return undefined;
	try {
		return JSON.parse(line) as Record<string, unknown>;
	} catch {
		return undefined;
	}
}

export class ContainerRuntime {
	/** Every exec this runtime ran, in order, as the observation shows them. */
	readonly execs: ExecObservation[] = [];

	constructor(
		readonly ref: ContainerRef,
		private readonly defaults: CallOptions = {},
	) {}

	get name(): string {
		return this.ref.name;
	}

	get kind(): RuntimeKind {
		return this.ref.runtime;
	}

	async cli(args: string[], options: CliOptions = {}): Promise<CliResult> {
		return runCli(this.kind, args, {...this.defaults, ...options});
	}

	async inspect(options: CallOptions = {}): Promise<ContainerInspect> {
		const result = await this.cli(['inspect', '--type', 'container', this.name], options);
		assertSucceeded(result, this.name);
		const parsed = parseInspect(result.stdout);
		if (!parsed) throw new ContainerCommandError(`${this.kind} inspect ${this.name} gave no readable JSON`);
		return parsed;
	}

	/** The container's state, and an error with the cause unless it is running (missing, stopped, paused, restarting). */
	async requireRunning(options: CallOptions = {}): Promise<ContainerInspect> {
		const inspect = await this.inspect(options);
		const problem = stateProblem(inspect, this.kind);
		if (problem) throw new ContainerUnavailable(problem);
		return inspect;
	}

	/**
	 * Run a command inside the container (never with a TTY) and record it; a failing command is an answer. A command
	 * that outlives its time limit (or a cancelled run) is killed inside the container too, not only its CLI.
	 */
	async exec(command: string[], options: CallOptions = {}): Promise<ExecObservation> {
		const marker = randomUUID();
		const result = await this.cli(['exec', '-e', `${execMarkerVariable}=${marker}`, this.name, ...command], options);
		const observation: ExecObservation = {
			command: [this.kind, 'exec', this.name, ...command],
			exitCode: result.exitCode,
			stdout: redact(result.stdout),
			stderr: redact(result.stderr),
		};
		if (result.timedOut || result.cancelled) {
			if (result.timedOut) observation.timedOut = true;
			const killed = await this.killMarked(marker);
			if (typeof killed === 'number') observation.killedInside = killed;
			else observation.killFailed = killed.reason;
			this.execs.push(observation);
			if (typeof killed !== 'number' && killed.hung) throw new ContainerUnavailable(engineHung(result));
			const cleanup = typeof killed === 'number' ? `${killed} process(es) killed inside the container` : killed.reason;
			if (result.cancelled) throw new ContainerCommandError(`cancelled during '${command.join(' ')}' (${cleanup})`);
			// The engine answered the cleanup, so it is the command inside the container that did not answer.
			throw new ContainerCommandError(`'${command.join(' ')}' did not finish inside ${this.name} within ${Math.round(result.durationMs / 100) / 10} s (${cleanup})`);
		}

		this.execs.push(observation);
		assertAvailable(result, this.name);
		return observation;
	}

	/**
	 * Kill every process inside the container that carries an exec's marker (its children inherit it), by host PID:
	 * the runtime's `top` lists the container's processes, /proc/PID/environ says which carry the marker.
	 */
	async killMarked(marker: string): Promise<number | {reason: string; hung?: boolean}> {
		let rows: Array<{pid: number; args: string}>;
		try {
			rows = await this.top({timeoutMs: cleanupTimeoutMs, signal: undefined});
		} catch (error) {
			return {reason: `could not list the container's processes: ${errorMessage(error)}`, hung: error instanceof ContainerUnavailable && /hung/.test(error.reason)};
		}

		const needle = `${execMarkerVariable}=${marker}`;
		let killed = 0;
		let unreadable = 0;
		for (const {pid} of rows) {
			let environ: string;
			try {
				environ = await readFile(`/proc/${pid}/environ`, 'latin1');
			} catch {
				unreadable++;
				continue;
			}

			if (!environ.split('\0').includes(needle)) continue;
			try {
				process.kill(pid, 'SIGKILL');
				killed++;
			} catch (error) {
				return {reason: `could not kill process ${pid}: ${errorMessage(error)}`};
			}
		}

		if (killed === 0 && unreadable > 0 && unreadable === rows.length) return {reason: `the container's processes are not readable from here (remote or rootless engine): the command may still run inside ${this.name}`};
		return killed;
	}

	/**
	 * The container's output (stdout and stderr) since a moment, or its last lines. With `timestamps` each line keeps
	 * the engine's time for it, so a scan can say which span it covered.
	 */
	async logs(window: {since?: Date | string; tail?: number; timestamps?: boolean}, options: CliOptions = {}): Promise<{stdout: string; stderr: string}> {
		const args = ['logs'];
		// Fractional Unix seconds: both runtimes accept them, and no time zone can go wrong.
		if (window.since) args.push('--since', ((typeof window.since === 'string' ? Date.parse(window.since) : window.since.getTime()) / 1000).toFixed(3));
		if (window.tail !== undefined) args.push('--tail', String(window.tail));
		if (window.timestamps) args.push('--timestamps');
		const result = await this.cli([...args, this.name], options);
		assertSucceeded(result, this.name);
		return {stdout: result.stdout, stderr: result.stderr};
	}

	/** One `stats --no-stream` sample as the runtime prints it (Docker: an object per line; Podman: an array). */
	async statsSample(options: CallOptions = {}): Promise<Record<string, unknown>> {
		const result = await this.cli(['stats', '--no-stream', '--format', '{{json .}}', this.name], options);
		assertSucceeded(result, this.name);
		const sample = parseStatsOutput(result.stdout);
		if (!sample) throw new ContainerCommandError(`${this.kind} stats gave no JSON for ${this.name}: ${result.stdout.trim().slice(0, 120) || 'no output'}`);
		return sample;
	}

	/** A file from the container as bytes, through `cp CONTAINER:PATH -` (a tar stream): needs no binary inside. */
	async copyOut(path: string, options: CallOptions = {}): Promise<Buffer | undefined> {
		const result = await this.cli(['cp', `${this.name}:${path}`, '-'], {...options, binary: true});
		assertAvailable(result, this.name);
		if (result.exitCode !== 0) {
			if (/could not find|no such file|not found/i.test(result.stderr)) return undefined;
			throw new ContainerCommandError(`${this.kind} cp ${path} failed: ${result.stderr.trim().split('\n')[0]}`);
		}

		return result.bytes;
	}

	/** The container's processes as the host sees them: rows of [host PID, command line]. */
	async top(options: CallOptions = {}): Promise<Array<{pid: number; args: string}>> {
		const args = this.kind === 'docker' ? ['top', this.name, '-o', 'pid,args'] : ['top', this.name, 'hpid', 'args'];
		const result = await this.cli(args, options);
		assertSucceeded(result, this.name);
		return result.stdout
			.trim()
			.split('\n')
			.slice(1)
			.map(line => /^\s*(\d+)\s+(.*)$/.exec(line))
			.filter((match): match is RegExpExecArray => match !== null)
			.map(match => ({pid: Number(match[1]), args: match[2]!.trim()}));
	}
}
