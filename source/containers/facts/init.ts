// The init system: PID 1's command line (/proc/1/cmdline through cat, else the runtime's `top`) and the image's
// entrypoint from inspect.
import {detectInit, parseCmdline} from '../init-process.js';
import type {CallOptions, ContainerRuntime} from '../runtime.js';

export async function collectInit(runtime: ContainerRuntime, options: CallOptions = {}): Promise<Record<string, unknown>> {
	const inspect = await runtime.inspect(options);
	let args: string[] = [];
	let via = 'cat /proc/1/cmdline';
	const cat = await runtime.exec(['cat', '/proc/1/cmdline'], options);
	if (cat.exitCode === 0 && cat.stdout) args = parseCmdline(cat.stdout);
	else {
		via = `${runtime.kind} top`;
		const rows = await runtime.top(options);
		const row = rows.find(entry => entry.pid === inspect.pid) ?? rows.find(entry => entry.pid === 1) ?? rows[0];
		args = row ? row.args.split(/\s+/) : [];
	}

	const init = detectInit(args) ?? 'unknown';
	const entrypoint = inspect.entrypoint.join(' ');
	return {
		init,
		pid1: args.join(' '),
		pid1Read: via,
		entrypoint: entrypoint || '(none)',
		cmd: inspect.cmd.join(' ') || '(none)',
		summary: `${init} · PID 1: ${args.join(' ').slice(0, 80)} · ENTRYPOINT ${entrypoint || '(none)'}`,
	};
}
