// Which Python package managers the image carries: `uv --version`, `pip --version` (or pip3). The command runs
// through exec without a shell, so an image without /bin/sh can still answer.
import {firstOutputLine} from '../exec-outcome.js';
import type {CallOptions, ContainerRuntime} from '../runtime.js';

const tools: Array<{name: string; commands: string[][]}> = [
	{name: 'uv', commands: [['uv', '--version']]},
	{name: 'pip', commands: [['pip', '--version'], ['pip3', '--version']]},
];

export async function collectPackageManagers(runtime: ContainerRuntime, options: CallOptions = {}): Promise<Record<string, unknown>> {
	const facts: Record<string, unknown> = {};
	const present: string[] = [];
	for (const tool of tools) {
		facts[tool.name] = false;
		for (const command of tool.commands) {
			const exec = await runtime.exec(command, options);
			if (exec.exitCode !== 0) continue;
			facts[tool.name] = firstOutputLine(exec).slice(0, 80);
			present.push(tool.name);
			break;
		}
	}

	facts.packageManager = present.length > 0 ? present.join(', ') : 'none';
	facts.summary = present.length > 0 ? present.map(name => facts[name]).join(' · ') : 'neither uv nor pip';
	return facts;
}
