// What a lab container is doing right now, in one phrase: the engine's state (running, paused, stopped with its
// exit code, missing) and, for a running one, whether its readiness URL answers.
import {request} from 'undici';
import {runCli, type RuntimeKind} from '../../containers/cli.js';
import {parseInspect, stateProblem} from '../../containers/inspect.js';
import {unavailableReason} from '../../containers/unavailable.js';
import {errorMessage} from '../../errors.js';

export async function liveState(runtime: RuntimeKind, container: string, readinessUrl?: string): Promise<string> {
	const result = await runCli(runtime, ['inspect', '--type', 'container', container], {timeoutMs: 10_000});
	const cause = unavailableReason(result, container);
	if (cause) return cause;
	const inspect = result.exitCode === 0 ? parseInspect(result.stdout) : undefined;
	if (!inspect) return `cannot be inspected (${result.stderr.trim().split('\n')[0] ?? 'no output'})`;
	const problem = stateProblem(inspect, runtime);
	if (problem) return problem.replace(`container ${inspect.name} (${runtime}) `, '');
	const since = `running since ${inspect.startedAt?.replace(/\.\d+/, '') ?? '?'}${inspect.health ? `, ${inspect.health}` : ''}`;
	if (!readinessUrl) return since;
	try {
		const answer = await request(readinessUrl, {signal: AbortSignal.timeout(3_000)});
		await answer.body.dump();
		return `${since}, answers HTTP ${answer.statusCode}`;
	} catch (error) {
		return `${since}, does not answer (${errorMessage(error)})`;
	}
}
