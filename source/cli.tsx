#!/usr/bin/env node
// Entry point. The command line (commands/program.ts) declares each command's flags; the commands load their modules
// lazily so that `--version` and `--help` stay fast and the TUI's React tree is only loaded when the TUI runs.
import {existsSync} from 'node:fs';
import type {RunFlags, TargetFlags} from './commands/program.js';
import {ConfigError, UsageError, errorMessage} from './errors.js';
import {scrub} from './targets/secrets.js';
import {version} from './version.js';

/** The targets as the commands take them, with the keys read from their files (kept out of `ps`). */
async function targetChoice(flags: TargetFlags) {
	const choice = {
		profile: flags.profile,
		profileFile: flags.profileFile,
		baseline: flags.baseline,
		candidate: flags.candidate,
		key: flags.key,
		baselineKey: flags.baselineKey,
		candidateKey: flags.candidateKey,
		flavour: flags.flavour,
		baselineHeaders: flags.baselineHeader,
		candidateHeaders: flags.candidateHeader,
		baselinePrefix: flags.baselinePrefix,
		candidatePrefix: flags.candidatePrefix,
		baselineHealthPath: flags.baselineHealthPath,
		candidateHealthPath: flags.candidateHealthPath,
	};
	const files = {key: flags.keyFile, baselineKey: flags.baselineKeyFile, candidateKey: flags.candidateKeyFile};
	if (Object.values(files).some(Boolean)) {
		const {readKeyFile} = await import('./targets/key-file.js');
		for (const [field, file] of Object.entries(files) as Array<['key' | 'baselineKey' | 'candidateKey', string | undefined]>) {
			if (!file) continue;
			const flag = {key: '--key', baselineKey: '--baseline-key', candidateKey: '--candidate-key'}[field];
			if (choice[field]) throw new UsageError(`give the ${{key: '', baselineKey: 'baseline ', candidateKey: 'candidate '}[field]}key once: ${flag} or ${flag}-file`);
			choice[field] = readKeyFile(file);
		}
	}

	warnKeyOnCommandLine(flags);
	if (choice.profileFile) {
		// A FIFO, a folder, a device, a binary or huge file is refused at once, before the heavier modules load.
		const {readInputText} = await import('./files/read-input.js');
		readInputText(choice.profileFile, {what: 'profile file'});
	}

	return choice;
}

function warnKeyOnCommandLine(flags: {key?: string; baselineKey?: string; candidateKey?: string}): void {
	if (flags.key || flags.baselineKey || flags.candidateKey) {
		process.stderr.write('litellm-parity: note: a key on the command line is visible to other users in `ps`; prefer --key-file PATH or $LITELLM_MASTER_KEY\n');
	}
}

function integer(value: string | undefined, flag: string): number | undefined {
	if (value === undefined) return undefined;
	const parsed = Number(value);
	if (!Number.isInteger(parsed) || parsed < 0) throw new UsageError(`${flag} expects a whole number, got '${value}'`);
	return parsed;
}

/** Everything `run` takes; the no-terminal fallback of plain `litellm-parity` takes the same. */
async function runOptions(flags: RunFlags) {
	return {
		...(await targetChoice(flags)),
		checksDirectory: flags.checks,
		categories: flags.category,
		checks: flags.check,
		format: flags.format,
		out: flags.out,
		concurrency: integer(flags.concurrency, '--concurrency'),
		failOn: flags.failOn,
		history: flags.history,
		replay: flags.replay,
		runAnyway: flags.runAnyway,
	};
}

/** Flags of `run` that the explorer has keys for instead (refused there rather than ignored). */
const explorerRefuses = {category: '--category', check: '--check', format: '--format', out: '--out', failOn: '--fail-on', history: '--no-history', concurrency: '--concurrency', replay: '--replay', runAnyway: '--run-anyway'} as const;

/** The bundled explorer (dist/ui, made by `npm run build`) starts much faster; tsc's output is the fallback. */
async function loadTui(): Promise<typeof import('./ui/start.js')> {
	// Ink reads CI / CONTINUOUS_INTEGRATION once, when it is loaded, and then draws only the last frame at exit: in a
	// terminal with CI=true (a CI job's interactive shell, a test in a pseudo-terminal) the explorer stayed blank. The
	// explorer only starts on a real terminal, so Ink is loaded with those two hidden and they are put back after.
	const hidden = {CI: process.env.CI, CONTINUOUS_INTEGRATION: process.env.CONTINUOUS_INTEGRATION};
	delete process.env.CI;
	delete process.env.CONTINUOUS_INTEGRATION;
	try {
		const bundle = new URL('../ui/start.js', import.meta.url);
		if (existsSync(bundle)) return (await import(bundle.href)) as typeof import('./ui/start.js');
		return await import('./ui/start.js');
	} finally {
		for (const [name, value] of Object.entries(hidden)) if (value !== undefined) process.env[name] = value;
	}
}

async function main(argv: string[]): Promise<number> {
	// The version alone skips loading the parser (about 30 ms of CPU), as scripts ask for it often.
	if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
		process.stdout.write(`${version}\n`);
		return 0;
	}

	const [{buildProgram, Printed}, {optionsAfterCommand}, {overviewHelp}, {labNotes}] = await Promise.all([
		import('./commands/program.js'),
		import('./commands/options-first.js'),
		import('./commands/overview-help.js'),
		import('./commands/lab-help.js'),
	]);
	const {program, exitCode} = buildProgram({
		version,
		overview: overviewHelp,
		labNotes,
		actions: {
			async explorer(flags) {
				if (!process.stdin.isTTY || !process.stdout.isTTY) {
					// No terminal (CI, pipes): the TUI cannot draw, so run headless instead, with every flag `run` takes.
					process.stderr.write('litellm-parity: no terminal attached; running headless (use `litellm-parity run` explicitly to silence this)\n');
					const {runCommand} = await import('./commands/run.js');
					return runCommand(await runOptions(flags));
				}

				// The explorer picks rows, formats and exports with keys: a run-only flag would be silently ignored.
				const runOnly = Object.entries(explorerRefuses)
					.filter(([field]) => (field === 'history' ? flags.history === false : flags[field as keyof RunFlags] !== undefined))
					.map(([, flag]) => flag);
				if (runOnly.length > 0) {
					const given = runOnly.join(', ');
					throw new UsageError(`${given} ${runOnly.length === 1 ? 'is' : 'are'} for headless runs: use \`litellm-parity run ${runOnly[0]} …\`; the explorer takes --profile, --profile-file, --baseline/--candidate with their keys and --checks (r, R and a choose what runs; E exports)`);
				}

				const {startTui} = await loadTui();
				return startTui(await targetChoice(flags), {checksDirectory: flags.checks});
			},
			async run(flags) {
				const {runCommand} = await import('./commands/run.js');
				return runCommand(await runOptions(flags));
			},
			async shadow(flags) {
				const {shadowCommand} = await import('./commands/shadow.js');
				return shadowCommand({
					...(await targetChoice(flags)),
					listen: flags.listen,
					duration: flags.duration,
					record: flags.record,
					recordLimit: integer(flags.recordLimit, '--record-limit'),
					mirror: flags.mirror,
					noiseFraction: flags.noiseFraction,
					queue: integer(flags.queue, '--queue'),
					format: flags.format,
					out: flags.out,
					report: flags.report,
					failOn: flags.failOn,
					checksDirectory: flags.checks,
				});
			},
			async list(flags) {
				const {listCommand} = await import('./commands/list.js');
				return listCommand({format: flags.format, checksDirectory: flags.checks});
			},
			async history(action, flags) {
				const {historyCommand} = await import('./commands/history.js');
				return historyCommand(action, {profile: flags.profile, limit: integer(flags.limit, '--limit')});
			},
			async profiles(action, argument, flags) {
				const {profilesCommand} = await import('./commands/profiles.js');
				return profilesCommand(action, argument, {...(await targetChoice(flags)), name: flags.name, out: flags.out, use: flags.use});
			},
			async simulate(flags) {
				warnKeyOnCommandLine(flags);
				const {simulateCommand} = await import('./commands/simulate.js');
				return simulateCommand({
					personality: flags.personality,
					host: flags.host,
					port: integer(flags.port, '--port'),
					key: flags.key,
					seed: integer(flags.seed, '--seed'),
					latencyMs: integer(flags.latencyMs, '--latency-ms'),
					gaps: flags.gaps ? undefined : false,
				});
			},
			async lab(action, flags) {
				warnKeyOnCommandLine(flags);
				const {labCommand} = await import('./commands/lab.js');
				return labCommand(action, flags);
			},
		},
	});
	try {
		// `litellm-parity --profile demo run` is `litellm-parity run --profile demo`.
		await program.parseAsync(optionsAfterCommand(program, argv), {from: 'user'});
	} catch (error) {
		if (error instanceof Printed) return error.exitCode;
		throw error;
	}

	return exitCode();
}

main(process.argv.slice(2)).then(
	code => {
		process.exitCode = code;
	},
	(error: unknown) => {
		const known = error instanceof ConfigError || error instanceof UsageError;
		process.stderr.write(`litellm-parity: ${scrub(errorMessage(error))}\n`);
		if (!known && process.env.LITELLM_PARITY_DEBUG) process.stderr.write(`${scrub(String((error as Error)?.stack))}\n`);
		process.exitCode = 2;
	},
);
