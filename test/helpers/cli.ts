// The built binary in a real process, for tests of its command line: a home folder of its own per test file, no
// terminal, and the one-line refusal every bad command line must give (exit 2, nothing on stdout).
import {mkdtemp} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {execa} from 'execa';
import {beforeAll, expect} from 'vitest';

export const cli = path.resolve('dist/source/cli.js');

export function builtCli({homePrefix, timeout}: {homePrefix: string; timeout: number}) {
	let home = '';
	beforeAll(async () => {
		home = await mkdtemp(path.join(tmpdir(), homePrefix));
	});

	const cliRun = async (args: string[]) => execa('node', [cli, ...args], {reject: false, stdin: 'ignore', env: {LITELLM_PARITY_HOME: home}, timeout});
	const refused = async (args: string[]): Promise<string> => {
		const result = await cliRun(args);
		expect(result.exitCode).toBe(2);
		expect(result.stdout).toBe('');
		expect(result.stderr.split('\n')).toHaveLength(1);
		return result.stderr;
	};

	return {cliRun, refused};
}
