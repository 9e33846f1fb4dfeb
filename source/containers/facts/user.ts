// Who the container's processes run as: `whoami`, else `id -un`; the numeric id from `id -u` when there is one.
import {executableMissing, firstOutputLine} from '../exec-outcome.js';
import type {CallOptions, ContainerRuntime} from '../runtime.js';

export async function collectUser(runtime: ContainerRuntime, options: CallOptions = {}): Promise<Record<string, unknown>> {
	const facts: Record<string, unknown> = {};
	let answer = await runtime.exec(['whoami'], options);
	if (answer.exitCode !== 0) answer = await runtime.exec(['id', '-un'], options);
	if (answer.exitCode === 0 && answer.stdout.trim()) facts.user = answer.stdout.trim();
	else facts.userError = executableMissing(answer) ? 'neither whoami nor id is in the image' : firstOutputLine(answer);
	const uid = await runtime.exec(['id', '-u'], options);
	if (uid.exitCode === 0 && /^\d+$/.test(uid.stdout.trim())) facts.uid = Number(uid.stdout.trim());
	const name = typeof facts.user === 'string' ? facts.user : 'unknown user';
	facts.summary = facts.uid === undefined ? name : `${name} (uid ${facts.uid})`;
	return facts;
}
