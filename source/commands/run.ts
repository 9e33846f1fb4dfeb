// `litellm-parity run`: the headless run for CI and scripts.
import {writeFile} from 'node:fs/promises';
import {loadCatalog, selectRows, type Selection} from '../catalog/catalog.js';
import {failingVerdicts, type RunEvent, type Verdict} from '../domain.js';
import {runChecks} from '../engine/run.js';
import {UsageError} from '../errors.js';
import {recordFromEvents, renderJson, type RunRecord} from '../report/json.js';
import {renderTable} from '../report/table.js';
import {chooseProfile, type ProfileChoice} from '../targets/choose-profile.js';
import {openTargets} from '../targets/open.js';

export const reportFormats = ['table', 'json'] as const;
export type ReportFormat = (typeof reportFormats)[number];

export type RunCommandOptions = ProfileChoice &
	Selection & {
		format?: string;
		out?: string;
		concurrency?: number;
		failOn?: Verdict[];
		checksDirectory?: string;
	};

export function render(record: RunRecord, format: ReportFormat, color: boolean): string {
	return format === 'json' ? renderJson(record) : renderTable(record, {color});
}

/** Runs the selection and returns the process exit code (0 clean, 1 findings). */
export async function runCommand(options: RunCommandOptions, io: {stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream} = process): Promise<number> {
	const format = (options.format ?? 'table') as ReportFormat;
	if (!reportFormats.includes(format)) throw new UsageError(`unknown format '${options.format}'; use one of ${reportFormats.join(', ')}`);
	const catalog = await loadCatalog(options.checksDirectory);
	const rows = selectRows(catalog, options);
	const {profile} = await chooseProfile(options);
	const opened = await openTargets(profile);
	const controller = new AbortController();
	const stop = () => controller.abort();
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
	const showProgress = io.stderr.isTTY && !options.out && format === 'table';
	let started: Extract<RunEvent, {type: 'run-started'}> | undefined;
	let done = 0;
	try {
		const finished = await runChecks({rows, profile, targets: opened.targets, signal: controller.signal, concurrency: options.concurrency}, event => {
			if (event.type === 'run-started') started = event;
			if (event.type === 'check-finished' && showProgress) {
				done++;
				io.stderr.write(`\r\u001B[2K${done}/${started?.checks.length ?? '?'} ${event.check}`);
			}
		});
		if (showProgress) io.stderr.write('\r\u001B[2K');
		const record = recordFromEvents(started!, finished);
		const output = render(record, format, !options.out && io.stdout.isTTY === true);
		if (options.out) await writeFile(options.out, output);
		else io.stdout.write(output);
		const failOn = options.failOn ?? profile.options.failOn ?? failingVerdicts;
		if (finished.cancelled) return 130;
		return record.results.some(result => failOn.includes(result.verdict)) ? 1 : 0;
	} finally {
		process.off('SIGINT', stop);
		process.off('SIGTERM', stop);
		await opened.close();
	}
}
