// Each command parses its own flags (the built binary, real processes): an unknown flag is one line with the closest
// flag of that command, a flag of another command is refused naming its owner, and `COMMAND --help` lists only that
// command's flags. Nothing runs on a refused command line: exit 2, stdout empty.
import {describe, expect, it} from 'vitest';
import {builtCli} from '../helpers/cli.js';

const {cliRun, refused} = builtCli({homePrefix: 'parity-flags-', timeout: 30_000});

type Case = {
	command: string;
	args: string[];
	typo: [string, string];
	foreign: [string, string];
	/** Flags its help lists, and flags of other commands it must not list. */
	helpHas: string[];
	helpLacks: string[];
};

// `label` is how the messages name the command; plain litellm-parity is the explorer (headless without a terminal).
const cases: Array<Case & {label: string}> = [
	{command: 'plain', label: 'plain litellm-parity', args: [], typo: ['--categroy', '--category'], foreign: ['--listen', 'shadow'], helpHas: ['--profile NAME', '--key-file PATH', 'litellm-parity COMMAND --help'], helpLacks: []},
	{command: 'run', label: 'run', args: ['run'], typo: ['--categroy', '--category'], foreign: ['--listen', 'shadow'], helpHas: ['--category <id>', '--fail-on <verdicts>', '--no-history', '--profile <name>', '--key-file <path>'], helpLacks: ['--listen', '--personality', '--runtime', '--limit']},
	{command: 'list', label: 'list', args: ['list'], typo: ['--formt', '--format'], foreign: ['--category', 'run'], helpHas: ['--format <format>', '--checks <dir>'], helpLacks: ['--profile', '--category', '--key']},
	{command: 'history', label: 'history', args: ['history'], typo: ['--limt', '--limit'], foreign: ['--check', 'run'], helpHas: ['--profile <name>', '--limit <n>'], helpLacks: ['--category', '--format', '--key']},
	{command: 'profiles', label: 'profiles', args: ['profiles', 'list'], typo: ['--nmae', '--name'], foreign: ['--personality', 'simulate'], helpHas: ['--name <name>', '--use', '--out <file>', '--profile-file <path>', '--key-file <path>'], helpLacks: ['--category', '--listen', '--format']},
	{command: 'simulate', label: 'simulate', args: ['simulate'], typo: ['--personalty', '--personality'], foreign: ['--listen', 'shadow'], helpHas: ['--personality <personality>', '--port <n>', '--no-gaps'], helpLacks: ['--profile', '--category', '--key-file']},
	{command: 'lab', label: 'lab', args: ['lab', 'status'], typo: ['--runtim', '--runtime'], foreign: ['--duration', 'shadow'], helpHas: ['--runtime <runtime>', '--baseline-image <image>', 'lab down removes'], helpLacks: ['--profile <name>', '--category <id>', '--listen']},
	{command: 'shadow', label: 'shadow', args: ['shadow'], typo: ['--listn', '--listen'], foreign: ['--personality', 'simulate'], helpHas: ['--listen <[host:]port>', '--record-limit <n>', '--profile <name>', '--key-file <path>'], helpLacks: ['--category', '--concurrency', '--runtime']},
];

describe.each(cases)('$command', ({args, label, typo, foreign, helpHas, helpLacks, command}) => {
	it('an unknown flag: one line naming the command, with the closest of its flags', async () => {
		expect(await refused([...args, typo[0], 'x'])).toBe(`litellm-parity: unknown option ${typo[0]} for ${label}; did you mean ${typo[1]}?`);
	});

	it("another command's flag is refused naming the command it belongs to", async () => {
		const [flag, owner] = foreign;
		expect(await refused([...args, flag, 'x'])).toBe(`litellm-parity: ${flag} is an option of ${owner}, not ${label}; see 'litellm-parity ${owner} --help'`);
		// --flag=value is the same flag.
		expect(await refused([...args, `${flag}=x`])).toContain(`${flag} is an option of ${owner}, not ${label}`);
	});

	it('--help lists its own flags only', async () => {
		const help = await cliRun([...args.slice(0, 1), '--help']);
		expect(help.exitCode).toBe(0);
		for (const text of helpHas) expect(help.stdout).toContain(text);
		for (const text of helpLacks) expect(help.stdout).not.toContain(text);
		if (command !== 'plain') {
			expect(help.stdout).toContain(`Usage: litellm-parity ${command} [options]`);
			// `help COMMAND` prints the same.
			expect((await cliRun(['help', command])).stdout).toBe(help.stdout);
		}
	});
});

describe('the command line as a whole', () => {
	it('a flag several commands own names them all; a typo of a command is suggested', async () => {
		expect(await refused(['simulate', '--profile', 'demo'])).toBe("litellm-parity: --profile is an option of run, history, profiles and shadow, not simulate; see 'litellm-parity simulate --help'");
		expect(await refused(['lsit'])).toBe('litellm-parity: unknown command \'lsit\'; did you mean list?');
		expect(await refused(['help', 'shdow'])).toBe("litellm-parity: unknown command 'shdow'; did you mean shadow?");
	});

	it('a missing value, a stray argument and a value-less flag given a value: one line, exit 2', async () => {
		expect(await refused(['run', '--profile'])).toBe("litellm-parity: --profile needs a value; see 'litellm-parity run --help'");
		expect(await refused(['list', 'everything'])).toBe("litellm-parity: list takes no arguments, got 'everything'; see 'litellm-parity list --help'");
		expect(await refused(['profiles', 'show', 'a', 'b'])).toBe("litellm-parity: profiles takes at most 2 arguments, got 'b'; see 'litellm-parity profiles --help'");
	});

	it('--version and -v print the version alone', async () => {
		const {version} = (await import('../../package.json', {with: {type: 'json'}})).default;
		for (const flag of ['--version', '-v']) {
			const result = await cliRun([flag]);
			expect(result.exitCode).toBe(0);
			expect(result.stdout).toBe(version);
		}
	});
});
