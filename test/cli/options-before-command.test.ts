// Options before the command work as they do after it (git, docker and npm take global options there): the built
// binary, real processes. An option the command does not take is one line naming it with the command line without
// it; --version and -v answer wherever they are typed.
import {describe, expect, it} from 'vitest';
import {builtCli} from '../helpers/cli.js';

const {version} = (await import('../../package.json', {with: {type: 'json'}})).default;
const {cliRun, refused} = builtCli({homePrefix: 'parity-options-first-', timeout: 120_000});

type Report = {profile: string; results: Array<{check: string; category: string}>};

describe('options before the command', () => {
	it('run: --profile demo before run is the same run as after it', async () => {
		const tail = ['--category', 'health', '--no-history', '--format', 'json'];
		const [before, after] = [await cliRun(['--profile', 'demo', 'run', ...tail]), await cliRun(['run', '--profile', 'demo', ...tail])];
		expect(before.stderr).not.toContain('must come after');
		expect(before.exitCode).toBe(after.exitCode);
		const [a, b] = [JSON.parse(before.stdout) as Report, JSON.parse(after.stdout) as Report];
		expect(a.profile).toBe('demo');
		expect(new Set(a.results.map(entry => entry.category))).toEqual(new Set(['health']));
		expect(a.results.map(entry => entry.check)).toEqual(b.results.map(entry => entry.check));
	});

	it('list, history and help: the same output either side of the command', async () => {
		for (const [before, after] of [
			[['--format', 'json', 'list'], ['list', '--format', 'json']],
			[['--limit=1', '--profile', 'demo', 'history'], ['history', '--limit=1', '--profile', 'demo']],
			[['--help', 'run'], ['run', '--help']],
		] as const) {
			const [early, late] = [await cliRun([...before]), await cliRun([...after])];
			expect(early.exitCode, before.join(' ')).toBe(0);
			expect(early.stdout, before.join(' ')).toBe(late.stdout);
		}
	});

	it("an option the command does not take: one line naming it, its command, and the command line without it", async () => {
		expect(await refused(['--category', 'health', 'list', '--format', 'json'])).toBe('litellm-parity: --category is an option of run, not list; without it: litellm-parity list --format json');
		expect(await refused(['--category', 'health', '--listen', '4100', 'run', '--profile', 'demo'])).toBe('litellm-parity: --listen is an option of shadow, not run; without it: litellm-parity run --category health --profile demo');
		expect(await refused(['--category=health', '--check', 'x', 'history'])).toBe('litellm-parity: --category and --check are options of run, not history; without them: litellm-parity history');
	});

	it('keys and headers are masked in the command line it shows', async () => {
		const message = await refused(['--key', 'sk-secret-before-0001', '--baseline-header', 'Authorization: Bearer sk-secret-header-0002', '--category', 'x', 'profiles', 'list', '--candidate-key=sk-secret-after-0003']);
		expect(message).toBe("litellm-parity: --category is an option of run, not profiles; without it: litellm-parity profiles --key *** --baseline-header *** list --candidate-key=***");
		expect(message).not.toContain('sk-secret');
	});

	it('an option no command knows is named by the command it came before', async () => {
		expect(await refused(['--categroy', 'run'])).toBe("litellm-parity: unknown option --categroy for run; did you mean --category?");
	});
});

describe('--version and -v wherever they are typed', () => {
	it.each(['run', 'list', 'history', 'profiles', 'simulate', 'lab', 'shadow', 'help'])('%s', async command => {
		for (const args of [[command, '--version'], [command, '-v'], ['-v', command], ['--version', command]]) {
			const result = await cliRun(args);
			expect(result.exitCode, args.join(' ')).toBe(0);
			expect(result.stdout, args.join(' ')).toBe(version);
		}
	});

	it('after other flags too', async () => {
		const result = await cliRun(['run', '--profile', 'demo', '--category', 'health', '--version']);
		expect(result.exitCode).toBe(0);
		expect(result.stdout).toBe(version);
	});
});
