#!/usr/bin/env node
// Entry point. Commands load their modules lazily so that `--version` and `--help` stay fast and the TUI's React
// tree is only loaded when the TUI runs.
import {existsSync} from 'node:fs';
import {parseArgs} from 'node:util';
import {ConfigError, UsageError, errorMessage} from './errors.js';
import {scrub} from './targets/secrets.js';

const help = `litellm-parity — prove, row by row, that a custom LiteLLM container keeps parity with the original image

Usage
  litellm-parity                         the explorer TUI on the active profile (the embedded demo when none is set)
  litellm-parity run [options]           headless run; exit 0 clean, 1 findings, 2 usage or configuration error
  litellm-parity list [--format json]    the feature matrix grouped by category
  litellm-parity history [list|diff] [--profile NAME]
                                         past runs; diff: newly broken and fixed rows, latency moves vs the previous run
  litellm-parity profiles list|show|save|use|delete|import|export [NAME|FILE]
  litellm-parity simulate --personality baseline|candidate [--host 127.0.0.1] [--port N]
  litellm-parity lab up|down|status     local baseline/candidate containers for the container rows (see lab --help)
  litellm-parity shadow [options]        shadow proxy: clients get the baseline's answers, the candidate a mirror;
                                         differences per route (see docs/SHADOW.md)

Targets (run, TUI, profiles save)
  --profile NAME            a saved profile or profiles/NAME.yaml (demo, local-docker, …)
  --profile-file PATH       a profile file
  --baseline URL --candidate URL
                            ad-hoc targets; keys from --key, --baseline-key/--candidate-key or $LITELLM_MASTER_KEY
  --flavour litellm|litellm-llmrouter|openai
                            what the targets are (default litellm-llmrouter); openai: any OpenAI-compatible
                            gateway, LiteLLM-only rows skipped as not applicable
  --baseline-header 'name: value', --candidate-header 'name: value'
                            extra headers for one side (repeatable), e.g. a gateway's provider header
  --baseline-prefix /PATH, --candidate-prefix /PATH
                            put before every path on that side (starts with /, never changes the host)
  --baseline-health-path /PATH, --candidate-health-path /PATH
                            the path the health dots poll (default /health/liveliness; /v1/models for openai)

Run options
  --category ID|TITLE       only this category (repeatable)
  --check ID                only this check or row (repeatable)
  --format table|json|junit|markdown
                            report format (default table); markdown is the validation plan filled in
  --fail-on VERDICTS        verdicts that make the run exit 1 (default gap,drift,both-fail,error)
  --no-history              do not keep this run in the history
  --run-anyway              run even when a target does not answer the pre-flight probe (exit 2 otherwise)
  --out FILE                write the report to FILE
  --concurrency N           checks in flight at once (default 4)
  --checks DIR              load the check files from DIR instead of the built-in checks/ (run, list, the TUI)
  --replay FILE             run the requests of a shadow recording as checks (instead of the matrix)

Shadow options
  --listen [HOST:]PORT      where clients connect (default 127.0.0.1:4100)
  --duration D              stop after D (30s, 5m, 1h) and print the per-route summary; else run until Ctrl-C
  --mirror PATTERN          also mirror these routes ("POST /key/*", "/v1/**"; repeatable); reads and LLM calls are
                            mirrored by default, anything that may change state is not
  --noise-fraction F        share of mirrored requests sent to the baseline twice to learn noise (default 0.1)
  --record FILE             keep the judged exchanges (redacted, bounded by --record-limit N, default 5000)
  --report DIR              write DIR/shadow-report.json and DIR/shadow-report.md

Other
  --name NAME               profiles import: save under this name
  --use                     profiles save: make it the active profile
  --version, --help

Keys (a key given with --key is visible to every user of this machine in \`ps\`)
  --key-file PATH           read the key for both sides from PATH (first line); or export LITELLM_MASTER_KEY
  --baseline-key-file PATH, --candidate-key-file PATH
                            one side's key from a file
  In profiles, write keys as \${env.NAME}; header values and keys are masked in every output.
`;

/** Keys from files (kept out of `ps`); a key on the command line works but gets a warning. */
async function applyKeyOptions(choice: {key?: string; baselineKey?: string; candidateKey?: string}, values: Record<string, unknown>): Promise<void> {
	const files = {key: values['key-file'], baselineKey: values['baseline-key-file'], candidateKey: values['candidate-key-file']} as Record<'key' | 'baselineKey' | 'candidateKey', string | undefined>;
	if (Object.values(files).some(Boolean)) {
		const {readKeyFile} = await import('./targets/key-file.js');
		for (const [field, file] of Object.entries(files) as Array<['key' | 'baselineKey' | 'candidateKey', string | undefined]>) {
			if (!file) continue;
			if (choice[field]) throw new UsageError(`give the ${field === 'key' ? '' : field === 'baselineKey' ? 'baseline ' : 'candidate '}key once: --${field === 'key' ? 'key' : field === 'baselineKey' ? 'baseline-key' : 'candidate-key'} or its -file option`);
			choice[field] = readKeyFile(file);
		}
	}

	if (values.key || values['baseline-key'] || values['candidate-key']) {
		process.stderr.write('litellm-parity: note: a key on the command line is visible to other users in `ps`; prefer --key-file PATH or $LITELLM_MASTER_KEY\n');
	}
}

/** Flags of `run` that the explorer has keys for instead (refused there rather than ignored). */
const explorerRefuses = ['category', 'check', 'format', 'out', 'fail-on', 'no-history', 'concurrency', 'replay', 'run-anyway'] as const;

/** The bundled explorer (dist/ui, made by `npm run build`) starts much faster; tsc's output is the fallback. */
async function loadTui(): Promise<typeof import('./ui/start.js')> {
	const bundle = new URL('../ui/start.js', import.meta.url);
	if (existsSync(bundle)) return (await import(bundle.href)) as typeof import('./ui/start.js');
	return import('./ui/start.js');
}

async function main(argv: string[]): Promise<number> {
	const {values, positionals} = parseArgs({
		args: argv,
		allowPositionals: true,
		strict: true,
		options: {
			help: {type: 'boolean', short: 'h'},
			version: {type: 'boolean', short: 'v'},
			profile: {type: 'string'},
			'profile-file': {type: 'string'},
			baseline: {type: 'string'},
			candidate: {type: 'string'},
			key: {type: 'string'},
			'baseline-key': {type: 'string'},
			'candidate-key': {type: 'string'},
			flavour: {type: 'string'},
			'baseline-header': {type: 'string', multiple: true},
			'candidate-header': {type: 'string', multiple: true},
			'baseline-prefix': {type: 'string'},
			'candidate-prefix': {type: 'string'},
			'baseline-health-path': {type: 'string'},
			'candidate-health-path': {type: 'string'},
			category: {type: 'string', multiple: true},
			check: {type: 'string', multiple: true},
			format: {type: 'string'},
			out: {type: 'string'},
			checks: {type: 'string'},
			'fail-on': {type: 'string', multiple: true},
			'no-history': {type: 'boolean'},
			'key-file': {type: 'string'},
			'baseline-key-file': {type: 'string'},
			'candidate-key-file': {type: 'string'},
			'run-anyway': {type: 'boolean'},
			limit: {type: 'string'},
			concurrency: {type: 'string'},
			personality: {type: 'string'},
			host: {type: 'string'},
			port: {type: 'string'},
			seed: {type: 'string'},
			'latency-ms': {type: 'string'},
			'no-gaps': {type: 'boolean'},
			name: {type: 'string'},
			use: {type: 'boolean'},
			runtime: {type: 'string'},
			'baseline-image': {type: 'string'},
			'candidate-image': {type: 'string'},
			replay: {type: 'string'},
			listen: {type: 'string'},
			duration: {type: 'string'},
			record: {type: 'string'},
			'record-limit': {type: 'string'},
			mirror: {type: 'string', multiple: true},
			'noise-fraction': {type: 'string'},
			queue: {type: 'string'},
			report: {type: 'string'},
			'pull-timeout': {type: 'string'},
		},
	});

	// An unset variable (--profile "$PROFILE") must not silently run something else, such as the demo.
	for (const [name, value] of Object.entries(values)) {
		const given = Array.isArray(value) ? value : [value];
		if (given.some(item => typeof item === 'string' && item.trim() === '')) throw new UsageError(`--${name} is empty (an unset variable?); give a value or leave the flag out`);
	}

	if (values.version) {
		const {version} = await import('./version.js');
		process.stdout.write(`${version}\n`);
		return 0;
	}

	if (values.help) {
		if (positionals[0] === 'lab') {
			const {labHelp} = await import('./commands/lab.js');
			process.stdout.write(labHelp);
		} else process.stdout.write(help);
		return 0;
	}

	const integer = (value: string | undefined, flag: string) => {
		if (value === undefined) return undefined;
		const parsed = Number(value);
		if (!Number.isInteger(parsed) || parsed < 0) throw new UsageError(`${flag} expects a whole number, got '${value}'`);
		return parsed;
	};

	const choice = {
		profile: values.profile,
		profileFile: values['profile-file'],
		baseline: values.baseline,
		candidate: values.candidate,
		key: values.key,
		baselineKey: values['baseline-key'],
		candidateKey: values['candidate-key'],
		flavour: values.flavour,
		baselineHeaders: values['baseline-header'],
		candidateHeaders: values['candidate-header'],
		baselinePrefix: values['baseline-prefix'],
		candidatePrefix: values['candidate-prefix'],
		baselineHealthPath: values['baseline-health-path'],
		candidateHealthPath: values['candidate-health-path'],
	};
	const [command, ...rest] = positionals;
	await applyKeyOptions(choice, values);
	if (choice.profileFile) {
		// A FIFO, a folder, a device, a binary or huge file is refused at once, before the heavier modules load.
		const {readInputText} = await import('./files/read-input.js');
		readInputText(choice.profileFile, {what: 'profile file'});
	}

	/** Everything `run` takes; the no-terminal fallback of plain `litellm-parity` takes the same. */
	const runOptions = () => ({
		...choice,
		checksDirectory: values.checks,
		categories: values.category,
		checks: values.check,
		format: values.format,
		out: values.out,
		concurrency: integer(values.concurrency, '--concurrency'),
		failOn: values['fail-on'],
		history: !values['no-history'],
		replay: values.replay,
		runAnyway: values['run-anyway'],
	});
	switch (command) {
		case 'run': {
			const {runCommand} = await import('./commands/run.js');
			return runCommand(runOptions());
		}

		case 'shadow': {
			const {shadowCommand} = await import('./commands/shadow.js');
			return shadowCommand({
				...choice,
				listen: values.listen,
				duration: values.duration,
				record: values.record,
				recordLimit: integer(values['record-limit'], '--record-limit'),
				mirror: values.mirror,
				noiseFraction: values['noise-fraction'],
				queue: integer(values.queue, '--queue'),
				format: values.format,
				out: values.out,
				report: values.report,
				failOn: values['fail-on'],
				checksDirectory: values.checks,
			});
		}

		case 'history': {
			const {historyCommand} = await import('./commands/history.js');
			return historyCommand(rest[0], {profile: values.profile, limit: integer(values.limit, '--limit')});
		}

		case 'list': {
			const {listCommand} = await import('./commands/list.js');
			return listCommand({format: values.format, checksDirectory: values.checks});
		}

		case 'profiles': {
			const {profilesCommand} = await import('./commands/profiles.js');
			return profilesCommand(rest[0], rest[1], {...choice, name: values.name, out: values.out, use: values.use});
		}

		case 'simulate': {
			const {simulateCommand} = await import('./commands/simulate.js');
			return simulateCommand({
				personality: values.personality,
				host: values.host,
				port: integer(values.port, '--port'),
				key: values.key,
				seed: integer(values.seed, '--seed'),
				latencyMs: integer(values['latency-ms'], '--latency-ms'),
				gaps: values['no-gaps'] ? false : undefined,
			});
		}

		case 'lab': {
			const {labCommand} = await import('./commands/lab.js');
			return labCommand(rest[0], {runtime: values.runtime, baselineImage: values['baseline-image'], candidateImage: values['candidate-image'], name: values.name, key: values.key, pullTimeout: values['pull-timeout']});
		}

		case undefined: {
			if (!process.stdin.isTTY || !process.stdout.isTTY) {
				// No terminal (CI, pipes): the TUI cannot draw, so run headless instead, with every flag `run` takes.
				process.stderr.write('litellm-parity: no terminal attached; running headless (use `litellm-parity run` explicitly to silence this)\n');
				const {runCommand} = await import('./commands/run.js');
				return runCommand(runOptions());
			}

			// The explorer picks rows, formats and exports with keys: a run-only flag would be silently ignored.
			const runOnly = explorerRefuses.filter(flag => values[flag] !== undefined);
			if (runOnly.length > 0) {
				const flags = runOnly.map(flag => `--${flag}`).join(', ');
				throw new UsageError(`${flags} ${runOnly.length === 1 ? 'is' : 'are'} for headless runs: use \`litellm-parity run ${flags.split(', ')[0]} …\`; the explorer takes --profile, --profile-file, --baseline/--candidate with their keys and --checks (r, R and a choose what runs; E exports)`);
			}

			const {startTui} = await loadTui();
			return startTui(choice, {checksDirectory: values.checks});
		}

		default:
			throw new UsageError(`unknown command '${command}'; see 'litellm-parity --help'`);
	}
}

main(process.argv.slice(2)).then(
	code => {
		process.exitCode = code;
	},
	(error: unknown) => {
		const known = error instanceof ConfigError || error instanceof UsageError || (error as {code?: string})?.code?.startsWith('ERR_PARSE_ARGS');
		process.stderr.write(`litellm-parity: ${scrub(errorMessage(error))}\n`);
		if (!known && process.env.LITELLM_PARITY_DEBUG) process.stderr.write(`${scrub(String((error as Error)?.stack))}\n`);
		process.exitCode = 2;
	},
);
