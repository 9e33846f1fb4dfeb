// Is there a usable container engine behind the CLI? The answer, or the exact reason there is none.
import {runCli, type RuntimeKind} from './cli.js';
import {unavailableReason} from './unavailable.js';

export type EngineStatus = {ok: true; runtime: RuntimeKind; version: string} | {ok: false; runtime: RuntimeKind; reason: string};

export async function engineStatus(runtime: RuntimeKind = 'docker', timeoutMs = 10_000): Promise<EngineStatus> {
	// Podman's template has no .Version.Version ("can't evaluate field Version in type string"); .Client.Version works.
	const format = runtime === 'docker' ? '{{.Server.Version}}' : '{{.Client.Version}}';
	const result = await runCli(runtime, ['version', '--format', format], {timeoutMs});
	const reason = unavailableReason(result);
	if (reason) return {ok: false, runtime, reason};
	if (result.exitCode !== 0) return {ok: false, runtime, reason: `${runtime} version failed: ${(result.stderr || result.stdout).trim().split('\n')[0]}`};
	return {ok: true, runtime, version: result.stdout.trim()};
}
