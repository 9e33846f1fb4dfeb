// One container behind one runtime CLI: inspect, exec, logs, stats, stop/start, copy-out, top. Docker and Podman take
// the same commands; the few differences are handled here. Availability problems (no CLI, no daemon, no such
// container) surface as ContainerUnavailable so probes can report the side as skipped with that exact reason.
import type {ExecObservation} from '../domain.js';
import {redact} from '../targets/secrets.js';
import {runCli, type CliOptions, type CliResult, type RuntimeKind} from './cli.js';
import {parseInspect, type ContainerInspect} from './inspect.js';
import {assertAvailable, assertSucceeded, ContainerCommandError} from './unavailable.js';

export type ContainerRef = {name: string; runtime: RuntimeKind};

export type CallOptions = Pick<CliOptions, 'signal' | 'timeoutMs'>;

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

	/** Run a command inside the container (never with a TTY) and record it; a failing command is an answer. */
	async exec(command: string[], options: CallOptions = {}): Promise<ExecObservation> {
		const result = await this.cli(['exec', this.name, ...command], options);
		assertAvailable(result, this.name);
		const observation: ExecObservation = {
			command: [this.kind, 'exec', this.name, ...command],
			exitCode: result.exitCode,
			stdout: redact(result.stdout),
			stderr: redact(result.stderr),
			...(result.timedOut ? {timedOut: true} : {}),
		};
		this.execs.push(observation);
		return observation;
	}

	/** The container's output (stdout and stderr) since a moment, or its last lines. */
	async logs(window: {since?: Date; tail?: number}, options: CallOptions = {}): Promise<{stdout: string; stderr: string}> {
		const args = ['logs'];
		// Fractional Unix seconds: both runtimes accept them, and no time zone can go wrong.
		if (window.since) args.push('--since', (window.since.getTime() / 1000).toFixed(3));
		if (window.tail !== undefined) args.push('--tail', String(window.tail));
		const result = await this.cli([...args, this.name], options);
		assertSucceeded(result, this.name);
		return {stdout: result.stdout, stderr: result.stderr};
	}

	/** One `stats --no-stream` sample as the runtime prints it (a JSON object per container). */
	async statsSample(options: CallOptions = {}): Promise<Record<string, unknown>> {
		const result = await this.cli(['stats', '--no-stream', '--format', '{{json .}}', this.name], options);
		assertSucceeded(result, this.name);
		const line = result.stdout.trim().split('\n').find(text => text.startsWith('{'));
		if (!line) throw new ContainerCommandError(`${this.kind} stats gave no JSON for ${this.name}`);
		return JSON.parse(line) as Record<string, unknown>;
	}

	async stop(graceSeconds: number, options: CallOptions = {}): Promise<void> {
		assertSucceeded(await this.cli(['stop', '-t', String(graceSeconds), this.name], options), this.name);
	}

	async start(options: CallOptions = {}): Promise<void> {
		assertSucceeded(await this.cli(['start', this.name], options), this.name);
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

	/** The container's processes as the host sees them: rows of [pid, command line]. */
	async top(options: CallOptions = {}): Promise<Array<{pid: number; args: string}>> {
		const args = this.kind === 'docker' ? ['top', this.name, '-o', 'pid,args'] : ['top', this.name, 'pid', 'args'];
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
