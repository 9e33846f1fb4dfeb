// `litellm-parity run`: the headless run for CI and scripts.
import {writeFile} from 'node:fs/promises';
import {loadCatalog, selectRows, type Catalog, type Selection} from '../catalog/catalog.js';
import {failingVerdicts, sides, verdicts, type RunEvent, type Verdict} from '../domain.js';
import {deadTargetLines, defaultPreflightTimeoutMs, probeTargets} from '../engine/preflight.js';
import {runChecks} from '../engine/run.js';
import {UsageError} from '../errors.js';
import {recordFromEvents, renderJson, type RunRecord} from '../report/json.js';
import {renderJunit} from '../report/junit.js';
import {renderMarkdown} from '../report/markdown.js';
import {renderTable} from '../report/table.js';
import {historyLimit, saveRun} from '../history/history.js';
import {checkWritable} from '../files/writable.js';
import {chooseProfile, type ProfileChoice} from '../targets/choose-profile.js';
import {flavourOf, flavourRules, reportTitle} from '../engine/flavour.js';
import {identityFromPreflight, identityNotice} from '../targets/identify.js';
import {openTargets} from '../targets/open.js';
import {standIns} from '../testbed/index.js';
import type {Profile} from '../targets/profile-schema.js';
import {SameFailureWatch} from '../report/same-failure.js';

export const reportFormats = ['table', 'json', 'junit', 'markdown'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export type RunCommandOptions = ProfileChoice &
	Selection & {
		format?: string;
		out?: string;
		concurrency?: number;
		failOn?: string[];
		checksDirectory?: string;
		/** Keep this run in the history (default true). */
		history?: boolean;
		/** Run the requests of a shadow recording instead of the matrix. */
		replay?: string;
		/** Run even when a target does not answer the pre-flight probe (its checks then read `error`). */
		runAnyway?: boolean;
	};

export function render(record: RunRecord, format: ReportFormat, {color = false, catalog, failOn}: {color?: boolean; catalog: Catalog; failOn?: readonly Verdict[]}): string {
	switch (format) {
		case 'json':
			return renderJson(record);
		case 'junit':
			return renderJunit(record, failOn);
		case 'markdown':
			return renderMarkdown(record, catalog);
		default:
			return renderTable(record, {color});
	}
}

export function parseFailOn(values: string[] | undefined): Verdict[] | undefined {
	if (!values) return undefined;
	const list = values.flatMap(value => value.split(',')).map(value => value.trim()).filter(Boolean);
	for (const value of list) {
		if (!verdicts.includes(value as Verdict)) throw new UsageError(`--fail-on: unknown verdict '${value}'; use any of ${verdicts.join(', ')}`);
	}

	return list as Verdict[];
}

async function replayedRows(file: string, catalog: Catalog, io: {stderr: NodeJS.WriteStream}, expected: Profile['expected']) {
	const {loadRecording, replayRows} = await import('../shadow/replay.js');
	const {rows, left} = replayRows(await loadRecording(file), catalog, file, expected);
	if (left.length > 0) io.stderr.write(`litellm-parity: ${left.length} recorded exchange${left.length > 1 ? 's are' : ' is'} not replayed (#${left[0]!.id}: ${left[0]!.reason})\n`);
	return rows;
}

/** Runs the selection and returns the process exit code (0 clean, 1 findings). */
export async function runCommand(options: RunCommandOptions, io: {stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream} = process): Promise<number> {
	const format = (options.format ?? 'table') as ReportFormat;
	if (!reportFormats.includes(format)) throw new UsageError(`unknown format '${options.format}'; use one of ${reportFormats.join(', ')}`);
	const requestedFailOn = parseFailOn(options.failOn);
	// Everything that can be refused is refused before a request is sent.
	if (options.out) await checkWritable(options.out);
	if (options.history !== false) historyLimit();
	// The profile first: a bad profile file is refused before the check files are even read.
	const {profile} = await chooseProfile(options);
	const catalog = await loadCatalog(options.checksDirectory);
	const rows = options.replay ? undefined : selectRows(catalog, options);
	const selected = rows ?? (await replayedRows(options.replay!, catalog, io, profile.expected));
	const opened = await openTargets(profile, {standIns});
	// Pre-flight: one request per target. A target that does not answer at all stops the run here (exit 2, one line
	// per target) instead of every check timing out against it.
	const reach = await probeTargets(opened.targets, {timeoutMs: Math.min(profile.options.timeoutMs ?? defaultPreflightTimeoutMs, defaultPreflightTimeoutMs)});
	const dead = sides.filter(side => !reach[side].answers);
	if (dead.length > 0 && !options.runAnyway) {
		for (const line of deadTargetLines(reach, opened.targets)) io.stderr.write(`litellm-parity: ${line}\n`);
		io.stderr.write('litellm-parity: nothing was run; start the target or fix its URL in the profile (--run-anyway runs regardless; its checks then read error)\n');
		await opened.close();
		return 2;
	}

	const controller = new AbortController();
	const stop = () => controller.abort();
	// Persistent listeners, kept until the process exits: a second signal (which may arrive after the run ended) must
	// land here, not kill the process before the report is written and the targets are closed.
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
	// Progress goes to stderr and only on a terminal: stdout stays the report alone (JSON stays parseable).
	const showProgress = io.stderr.isTTY === true;
	let started: Extract<RunEvent, {type: 'run-started'}> | undefined;
	let done = 0;
	try {
		const flavour = flavourOf(profile);
		// On a LiteLLM flavour: do the targets answer like LiteLLM at all? The pre-flight's answers tell.
		const identity = flavour === 'openai' ? {} : identityFromPreflight(reach);
		const sameFailure = new SameFailureWatch();
		const finished = await runChecks({rows: selected, profile, targets: opened.targets, signal: controller.signal, concurrency: options.concurrency, preflight: reach, flavour: flavourRules(profile, identity)}, event => {
			sameFailure.observe(event);
			if (event.type === 'run-started') started = event;
			if (!showProgress) return;
			if (event.type === 'check-finished') {
				done++;
				io.stderr.write(`\r\u001B[2K${done}/${started?.checks.length ?? '?'} ${event.check}`);
			} else if (event.type === 'side-progress' && event.progress.kind === 'load') {
				const {completed, total, rps, elapsedMs, durationMs} = event.progress;
				const share = total ? completed / total : durationMs ? elapsedMs / durationMs : 0;
				const bar = '█'.repeat(Math.round(Math.min(1, share) * 20)).padEnd(20, '░');
				io.stderr.write(`\r\u001B[2K${event.check} ${event.side} ${bar} ${completed} requests, ${Math.round(rps)} req/s`);
			}
		});
		if (showProgress) io.stderr.write('\r\u001B[2K');
		const notices = [identityNotice(flavour, identity), ...sameFailure.notices()].filter((notice): notice is string => notice !== undefined);
		const record: RunRecord = {
			...recordFromEvents(started!, finished),
			flavour,
			title: reportTitle(profile),
			...(profile.description ? {description: profile.description} : {}),
			...(notices.length > 0 ? {gatewayNotices: notices} : {}),
		};
		// A report written to a file (or read by a machine) still tells the person at the terminal.
		if (options.out || format === 'json' || format === 'junit') for (const notice of notices) io.stderr.write(`litellm-parity: ${notice}\n`);
		const failOn = requestedFailOn ?? profile.options.failOn ?? failingVerdicts;
		const output = render(record, format, {color: !options.out && io.stdout.isTTY === true, catalog, failOn});
		if (options.out) await writeFile(options.out, output);
		else io.stdout.write(output);
		if (options.history !== false && !finished.cancelled) {
			await saveRun(record).catch(error => io.stderr.write(`litellm-parity: could not keep this run in the history (${(error as Error).message})\n`));
		}

		if (finished.cancelled) return 130;
		return record.results.some(result => failOn.includes(result.verdict)) ? 1 : 0;
	} finally {
		await opened.close();
	}
}
