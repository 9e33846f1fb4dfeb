// The one place that runs the container CLI (docker or podman). Every call is time-limited, never gets a TTY or
// stdin, is killed when the run is cancelled, and is killed with the tool if the tool exits first (execa's cleanup).
import {performance} from 'node:perf_hooks';
import {execa} from 'execa';

export const runtimes = ['docker', 'podman'] as const;
export type RuntimeKind = (typeof runtimes)[number];

export const defaultCliTimeoutMs = 15_000;

export type CliOptions = {
	timeoutMs?: number;
	signal?: AbortSignal;
	/** Keep stdout as bytes (docker cp … - streams a tar archive). */
	binary?: boolean;
	/** Largest output kept per stream. */
	maxBuffer?: number;
};

export type CliResult = {
	runtime: RuntimeKind;
	args: string[];
	exitCode?: number;
	stdout: string;
	stderr: string;
	bytes?: Buffer;
	timedOut: boolean;
	cancelled: boolean;
	/** The CLI itself could not be started (ENOENT, EACCES). */
	spawnError?: string;
	durationMs: number;
};

export async function runCli(runtime: RuntimeKind, args: string[], options: CliOptions = {}): Promise<CliResult> {
	const timeoutMs = options.timeoutMs ?? defaultCliTimeoutMs;
	const start = performance.now();
	const result = await execa(runtime, args, {
		reject: false,
		stdin: 'ignore',
		timeout: timeoutMs,
		cancelSignal: options.signal,
		// A CLI that ignores SIGTERM is SIGKILLed soon after: a check never hangs on it.
		forceKillAfterDelay: 2_000,
		cleanup: true,
		encoding: options.binary ? 'buffer' : 'utf8',
		maxBuffer: options.maxBuffer ?? 16 * 1024 * 1024,
		stripFinalNewline: false,
		// Plain, untranslated output: the error texts below are matched in English.
		env: {LC_ALL: 'C', DOCKER_CLI_HINTS: 'false'},
	});
	const text = (value: unknown) => (typeof value === 'string' ? value : Buffer.from((value as Uint8Array | undefined) ?? []).toString('utf8'));
	return {
		runtime,
		args,
		exitCode: result.exitCode,
		stdout: options.binary ? '' : text(result.stdout),
		stderr: text(result.stderr),
		bytes: options.binary ? Buffer.from((result.stdout as unknown as Uint8Array | undefined) ?? []) : undefined,
		timedOut: result.timedOut,
		cancelled: result.isCanceled,
		spawnError: result.exitCode === undefined && result.signal === undefined && !result.timedOut && !result.isCanceled ? (result.code ?? result.shortMessage) : undefined,
		durationMs: performance.now() - start,
	};
}
