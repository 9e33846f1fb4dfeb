// The command line: each command declares its own flags (commander), so a flag is checked against the command it
// was given to. A mistake is one line and exit 2: an unknown flag with the closest known one, a flag that belongs to
// another command with that command's name, an empty value (an unset variable) refused instead of running the demo.
// `litellm-parity COMMAND --help` lists only that command's flags; `litellm-parity --help` is the overview. Options
// before the command are moved behind it first (options-first.ts), so they are checked by the command they apply to.
import {Command, CommanderError, Option} from 'commander';
import {UsageError} from '../errors.js';
import {didYouMean} from './suggest.js';

/** Flags that pick the targets (run, shadow, profiles save and the explorer). */
export type TargetFlags = {
	profile?: string;
	profileFile?: string;
	baseline?: string;
	candidate?: string;
	flavour?: string;
	baselineHeader?: string[];
	candidateHeader?: string[];
	baselinePrefix?: string;
	candidatePrefix?: string;
	baselineHealthPath?: string;
	candidateHealthPath?: string;
	key?: string;
	baselineKey?: string;
	candidateKey?: string;
	keyFile?: string;
	baselineKeyFile?: string;
	candidateKeyFile?: string;
};

export type RunFlags = TargetFlags & {
	category?: string[];
	check?: string[];
	format?: string;
	out?: string;
	failOn?: string[];
	/** False when --no-history was given. */
	history: boolean;
	concurrency?: string;
	checks?: string;
	replay?: string;
	runAnyway?: boolean;
};

export type ShadowFlags = TargetFlags & {
	listen?: string;
	duration?: string;
	mirror?: string[];
	noiseFraction?: string;
	record?: string;
	recordLimit?: string;
	queue?: string;
	report?: string;
	format?: string;
	out?: string;
	failOn?: string[];
	checks?: string;
};

export type ProfilesFlags = TargetFlags & {name?: string; use?: boolean; out?: string};
export type SimulateFlags = {personality?: string; host?: string; port?: string; key?: string; seed?: string; latencyMs?: string; gaps: boolean};
export type LabFlags = {runtime?: string; name?: string; baselineImage?: string; candidateImage?: string; key?: string; pullTimeout?: string};

/** What each command does once its flags are parsed; every one resolves to the exit code. */
export type Actions = {
	explorer(flags: RunFlags): Promise<number>;
	run(flags: RunFlags): Promise<number>;
	shadow(flags: ShadowFlags): Promise<number>;
	list(flags: {format?: string; checks?: string}): Promise<number>;
	history(action: string | undefined, flags: {profile?: string; limit?: string}): Promise<number>;
	profiles(action: string | undefined, argument: string | undefined, flags: ProfilesFlags): Promise<number>;
	simulate(flags: SimulateFlags): Promise<number>;
	lab(action: string | undefined, flags: LabFlags): Promise<number>;
};

/** Help or version was printed: the process ends with this code and nothing else happens. */
export class Printed extends Error {
	constructor(readonly exitCode: number) {
		super('printed');
	}
}

const repeatable = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];
const option = (flags: string, description: string, group: string) => new Option(flags, description).helpGroup(group);
const list = (flags: string, description: string, group: string) => option(flags, `${description} (repeatable)`, group).argParser(repeatable);

const targetsGroup = 'Targets:';
const keysGroup = 'Keys (a key given with --key is visible to every user of this machine in `ps`):';

function targetOptions(): Option[] {
	return [
		option('--profile <name>', 'a saved profile or profiles/NAME.yaml (demo, local-docker, …)', targetsGroup),
		option('--profile-file <path>', 'a profile file', targetsGroup),
		option('--baseline <url>', 'ad-hoc baseline URL (with --candidate)', targetsGroup),
		option('--candidate <url>', 'ad-hoc candidate URL (with --baseline)', targetsGroup),
		option('--flavour <flavour>', 'litellm|litellm-llmrouter|openai: what the targets are (default litellm-llmrouter); openai: any OpenAI-compatible gateway, LiteLLM-only rows skipped as not applicable', targetsGroup),
		list('--baseline-header <header>', "'name: value' sent to the baseline only, e.g. a gateway's provider header", targetsGroup),
		list('--candidate-header <header>', "'name: value' sent to the candidate only", targetsGroup),
		option('--baseline-prefix <path>', 'put before every baseline path (starts with /, never changes the host)', targetsGroup),
		option('--candidate-prefix <path>', 'put before every candidate path', targetsGroup),
		option('--baseline-health-path <path>', 'the path the baseline health dot polls (default /health/liveliness; /v1/models for openai)', targetsGroup),
		option('--candidate-health-path <path>', 'the path the candidate health dot polls', targetsGroup),
		option('--key-file <path>', 'read the key for both sides from PATH (first line); or export LITELLM_MASTER_KEY', keysGroup),
		option('--baseline-key-file <path>', "the baseline's key from a file", keysGroup),
		option('--candidate-key-file <path>', "the candidate's key from a file", keysGroup),
		option('--key <key>', 'the key for both sides (prefer --key-file or $LITELLM_MASTER_KEY)', keysGroup),
		option('--baseline-key <key>', "the baseline's key", keysGroup),
		option('--candidate-key <key>', "the candidate's key", keysGroup),
	];
}

function failOnOption(group: string): Option {
	return list('--fail-on <verdicts>', 'verdicts that make the exit code 1 (default gap,drift,both-fail,error); comma-separated or', group);
}

function checksOption(group: string): Option {
	return option('--checks <dir>', 'load the check files from DIR instead of the built-in checks/', group);
}

function runOptions(group: string): Option[] {
	return [
		list('--category <id>', 'only this category, by id or title', group),
		list('--check <id>', 'only this check or row', group),
		option('--format <format>', 'table|json|junit|markdown (default table); markdown is the validation plan filled in', group),
		failOnOption(group),
		option('--no-history', 'do not keep this run in the history', group),
		option('--run-anyway', 'run even when a target does not answer the pre-flight probe (exit 2 otherwise)', group),
		option('--out <file>', 'write the report to FILE', group),
		option('--concurrency <n>', 'checks in flight at once (default 4)', group),
		checksOption(group),
		option('--replay <file>', 'run the requests of a shadow recording as checks (instead of the matrix)', group),
	];
}

function shadowOptions(): Option[] {
	const group = 'Shadow options:';
	return [
		option('--listen <[host:]port>', 'where clients connect (default 127.0.0.1:4100)', group),
		option('--duration <d>', 'stop after D (30s, 5m, 1h) and print the per-route summary; else run until Ctrl-C', group),
		list('--mirror <pattern>', 'also mirror these routes ("POST /key/*", "/v1/**"); reads and LLM calls are mirrored by default, anything that may change state is not', group),
		option('--noise-fraction <f>', 'share of mirrored requests sent to the baseline twice to learn noise (default 0.1)', group),
		option('--record <file>', 'keep the judged exchanges (redacted) to replay them with run --replay', group),
		option('--record-limit <n>', 'at most N exchanges recorded (default 5000)', group),
		option('--queue <n>', 'mirrored requests waiting for the candidate at most; more are dropped and counted (default 1000)', group),
		option('--report <dir>', 'write DIR/shadow-report.json and DIR/shadow-report.md', group),
		option('--format <format>', 'table|json|markdown (default table)', group),
		option('--out <file>', 'write the summary to FILE', group),
		failOnOption(group),
		checksOption(group),
	];
}

/** `--listen` → the commands that declare it (the explorer's flags are all run's, so run names them). */
function owners(program: Command, flag: string, except: Command): string[] {
	return program.commands.filter(command => command !== except && command.options.some(known => known.long === flag || known.short === flag)).map(command => command.name());
}

function label(command: Command): string {
	return command.parent ? command.name() : 'plain litellm-parity';
}

function helpHint(command: Command): string {
	return `see 'litellm-parity ${command.parent ? `${command.name()} ` : ''}--help'`;
}

/** Commander's errors, rewritten as one line that names the command and what to do. */
function usageError(program: Command, command: Command, error: CommanderError): Error {
	if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return new Printed(error.exitCode);
	const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
	switch (error.code) {
		case 'commander.unknownOption': {
			const flag = quoted.split('=')[0]!;
			const owning = owners(program, flag, command);
			if (owning.length > 0) return new UsageError(`${flag} is an option of ${owning.length > 1 ? `${owning.slice(0, -1).join(', ')} and ${owning.at(-1)}` : owning[0]}, not ${label(command)}; ${owning.length === 1 ? helpHint(program.commands.find(known => known.name() === owning[0])!) : helpHint(command)}`);
			const known = command.options.flatMap(known => (known.long ? [known.long] : []));
			return new UsageError(`unknown option ${flag} for ${label(command)}${didYouMean(flag, known) || `; ${helpHint(command)}`}`);
		}

		case 'commander.optionMissingArgument':
			return new UsageError(`${quoted.split(' ')[0]} needs a value; ${helpHint(command)}`);
		case 'commander.excessArguments': {
			const expected = command.registeredArguments.length;
			return new UsageError(`${label(command)} takes ${expected === 0 ? 'no arguments' : `at most ${expected} argument${expected === 1 ? '' : 's'}`}, got '${command.args.slice(expected).join(' ')}'; ${helpHint(command)}`);
		}

		default:
			return new UsageError(`${error.message.replace(/^error: /, '').split('\n')[0]}; ${helpHint(command)}`);
	}
}

/** An unset variable (--profile "$PROFILE") must not silently run something else, such as the demo. */
function refuseEmpty(command: Command): void {
	for (const known of command.options) {
		const value = command.getOptionValue(known.attributeName()) as unknown;
		const given = Array.isArray(value) ? value : [value];
		if (given.some(item => typeof item === 'string' && item.trim() === '')) throw new UsageError(`${known.long} is empty (an unset variable?); give a value or leave the flag out`);
	}
}

export function buildProgram({actions, version, overview, labNotes}: {actions: Actions; version: string; overview: string; labNotes: string}): {program: Command; exitCode: () => number} {
	let code = 0;
	const program = new Command('litellm-parity');
	program
		.enablePositionalOptions()
		.helpCommand(false)
		.showSuggestionAfterError(false)
		.configureOutput({outputError: () => undefined})
		.helpOption('-h, --help', 'this help; litellm-parity COMMAND --help shows one command\'s flags')
		.version(version, '-v, --version', 'the version');

	const sub = (name: string, description: string, options: Option[]) => {
		// --version works after any command too (`litellm-parity run --version`), as a user types it there.
		const command = program.command(name).description(description).helpOption('-h, --help', 'this help').version(version, '-v, --version', 'the version of litellm-parity');
		for (const known of options) command.addOption(known);
		command.exitOverride(error => {
			throw usageError(program, command, error);
		});
		return command;
	};

	const keysNote = '\nIn profiles, write keys as ${env.NAME}; header values and keys are masked in every output.\n';
	sub('run', 'headless run; exit 0 clean, 1 findings, 2 usage or configuration error, 130 interrupted', [...targetOptions(), ...runOptions('Run options:')])
		.addHelpText('after', keysNote)
		.action(async (flags: RunFlags) => {
			code = await actions.run(flags);
		});
	sub('list', 'the feature matrix grouped by category', [option('--format <format>', 'table|json (default table)', 'Options:'), checksOption('Options:')]).action(async (flags: {format?: string; checks?: string}) => {
		code = await actions.list(flags);
	});
	sub('history', 'past runs; diff: newly broken and fixed rows, latency moves vs the previous run', [
		option('--profile <name>', "only this profile's runs", 'Options:'),
		option('--limit <n>', 'list at most N runs (default 20)', 'Options:'),
	])
		.argument('[action]', 'list (default) or diff')
		.action(async (action: string | undefined, flags: {profile?: string; limit?: string}) => {
			code = await actions.history(action, flags);
		});
	sub('profiles', 'saved profiles: list, show, save, use, delete, import, export', [
		option('--name <name>', 'import: save under this name', 'Profile options:'),
		option('--use', 'save: make it the active profile', 'Profile options:'),
		option('--out <file>', 'export: write to FILE (literal keys included, readable by you only)', 'Profile options:'),
		...targetOptions(),
	])
		.argument('[action]', 'list (default), show NAME, save NAME, use NAME, delete NAME, import FILE, export NAME')
		.argument('[name]', 'the profile name (import: the file)')
		.addHelpText('after', `\nsave takes the targets as run does (--profile, --profile-file or --baseline/--candidate).${keysNote}`)
		.action(async (action: string | undefined, argument: string | undefined, flags: ProfilesFlags) => {
			code = await actions.profiles(action, argument, flags);
		});
	sub('simulate', 'one embedded LiteLLM-like server in the foreground, until Ctrl+C', [
		option('--personality <personality>', 'baseline|candidate (default baseline)', 'Options:'),
		option('--host <host>', 'address to listen on (default 127.0.0.1)', 'Options:'),
		option('--port <n>', 'port to listen on (default: a free one)', 'Options:'),
		option('--key <key>', 'its master key (default $LITELLM_MASTER_KEY)', 'Options:'),
		option('--seed <n>', 'seed of its generated answers', 'Options:'),
		option('--latency-ms <n>', 'added to every answer', 'Options:'),
		option('--no-gaps', "without the candidate personality's deliberate gaps", 'Options:'),
	]).action(async (flags: SimulateFlags) => {
		code = await actions.simulate(flags);
	});
	sub('lab', 'local baseline/candidate containers for the container rows', [
		option('--runtime <runtime>', 'docker|podman (default docker)', 'Options:'),
		option('--name <lab>', 'the lab (and profile) name (default lab)', 'Options:'),
		option('--baseline-image <image>', 'run this image as the baseline (with --candidate-image)', 'Options:'),
		option('--candidate-image <image>', 'run this image as the candidate', 'Options:'),
		option('--key <key>', 'master key of the images given', 'Options:'),
		option('--pull-timeout <seconds>', 'time limit for pulling missing images (default 1200)', 'Options:'),
	])
		.argument('[action]', 'up, down or status')
		.addHelpText('after', `\n${labNotes}`)
		.action(async (action: string | undefined, flags: LabFlags) => {
			code = await actions.lab(action, flags);
		});
	sub('shadow', 'shadow proxy: clients get the baseline\'s answers, the candidate a mirror; differences per route (docs/SHADOW.md)', [...shadowOptions(), ...targetOptions()])
		.addHelpText('after', keysNote)
		.action(async (flags: ShadowFlags) => {
			code = await actions.shadow(flags);
		});

	sub('help', "a command's own flags, or the overview", [])
		.argument('[command]')
		.action((name: string | undefined) => {
			const command = program.commands.find(known => known.name() === name && name !== 'help');
			if (name !== undefined && !command) throw new UsageError(`unknown command '${name}'${didYouMean(name, program.commands.map(known => known.name())) || "; see 'litellm-parity --help'"}`);
			if (command) command.outputHelp();
			else process.stdout.write(overview);
		});

	// Plain `litellm-parity`: the explorer in a terminal, a headless run (with run's flags) without one.
	for (const known of [...targetOptions(), ...runOptions('Run options (without a terminal, where plain litellm-parity runs headless):')]) program.addOption(known);
	program
		.argument('[command]')
		.exitOverride(error => {
			throw usageError(program, program, error);
		})
		.hook('preAction', (_program, command) => refuseEmpty(command))
		.action(async (command: string | undefined, flags: RunFlags) => {
			if (command !== undefined) throw new UsageError(`unknown command '${command}'${didYouMean(command, program.commands.map(known => known.name())) || "; see 'litellm-parity --help'"}`);
			code = await actions.explorer(flags);
		});
	// The overview keeps its hand-written layout; each command's own help is generated from its flags.
	program.configureHelp({formatHelp: () => overview});
	return {program, exitCode: () => code};
}
