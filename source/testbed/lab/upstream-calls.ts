// Who called the lab's mock upstream: its entry logs one line per request with the caller's address, so counting
// chat lines per address tells whether each proxy really forwarded (the host's direct calls come from the gateway).
import {runCli, type RuntimeKind} from '../../containers/cli.js';
import {assertSucceeded} from '../../containers/unavailable.js';

export type UpstreamCalls = {total: number; byAddress: Record<string, number>};

const chatLine = /^mock-upstream: (\S+) POST \/v1\/chat\/completions\b/;

export function countUpstreamCalls(logText: string): UpstreamCalls {
	const calls: UpstreamCalls = {total: 0, byAddress: {}};
	for (const line of logText.split('\n')) {
		const address = chatLine.exec(line.trim())?.[1];
		if (!address) continue;
		calls.total++;
		calls.byAddress[address] = (calls.byAddress[address] ?? 0) + 1;
	}

	return calls;
}

export async function upstreamCalls(runtime: RuntimeKind, container: string): Promise<UpstreamCalls> {
	const logs = await runCli(runtime, ['logs', container], {timeoutMs: 30_000, maxBuffer: 256 * 1024 * 1024});
	assertSucceeded(logs, container);
	return countUpstreamCalls(logs.stdout);
}

/** A container's address on the lab network: the source address its calls to the upstream carry. */
export async function networkAddress(runtime: RuntimeKind, container: string, network: string): Promise<string | undefined> {
	const inspect = await runCli(runtime, ['inspect', '--type', 'container', '--format', `{{json .NetworkSettings.Networks}}`, container], {timeoutMs: 15_000});
	if (inspect.exitCode !== 0) return undefined;
	const networks = JSON.parse(inspect.stdout.trim() || '{}') as Record<string, {IPAddress?: string}> | null;
	return networks?.[network]?.IPAddress || undefined;
}
