// Whether a shell starts inside the container (the plan's "docker exec sh should fail"). A missing executable
// (exit 126/127, "executable file not found") means no shell; a shell that runs and echoes back means one.
import {executableMissing, firstOutputLine} from '../exec-outcome.js';
import type {CallOptions, ContainerRuntime} from '../runtime.js';

const marker = 'litellm-parity-shell-started';
const shells = ['sh', 'bash'];

export async function collectShell(runtime: ContainerRuntime, options: CallOptions = {}): Promise<Record<string, unknown>> {
	const started: string[] = [];
	let unclear: string | undefined;
	let first: {exitCode?: number; answer: string} | undefined;
	for (const shell of shells) {
		const exec = await runtime.exec([shell, '-c', `echo ${marker}`], options);
		first ??= {exitCode: exec.exitCode, answer: firstOutputLine(exec)};
		if (exec.exitCode === 0 && exec.stdout.includes(marker)) started.push(shell);
		else if (!executableMissing(exec)) unclear ??= `${shell}: exit ${exec.exitCode ?? '?'} ${firstOutputLine(exec)}`.trim();
	}

	const shell = started.length > 0 ? true : unclear ? undefined : false;
	const summary = shell ? `shell starts (${started.join(', ')})` : shell === false ? `no shell: sh exit ${first?.exitCode} — ${first?.answer}` : `unclear: ${unclear}`;
	return {shell: shell ?? 'unclear', shells: started, shExit: first?.exitCode, shAnswer: first?.answer, summary};
}
