// `litellm-parity shadow`: the shadow proxy, headless. Clients talk to --listen and get the baseline's answers; the
// candidate gets a mirror of the safe routes; at the end (--duration, or Ctrl-C) the per-route summary is printed and
// the reports and the recording written.
import {mkdir, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {loadCatalog} from '../catalog/catalog.js';
import {failingVerdicts, type Verdict} from '../domain.js';
import {UsageError} from '../errors.js';
import {buildShadowReport, renderShadowJson, renderShadowMarkdown, renderShadowTable, type ShadowReport} from '../shadow/report.js';
import {startShadow, type ShadowOptions, type ShadowProxy} from '../shadow/proxy.js';
import {Recorder, defaultRecorderLimits} from '../shadow/recorder.js';
import {parseMirrorPattern} from '../shadow/routes.js';
import {RouteRules} from '../shadow/rules.js';
import {chooseProfile, type ProfileChoice} from '../targets/choose-profile.js';
import {openTargets} from '../targets/open.js';
import {standIns} from '../testbed/index.js';
import {parseFailOn} from './run.js';

export type ShadowCommandOptions = ProfileChoice & {
	listen?: string;
	duration?: string;
	record?: string;
	recordLimit?: number;
	mirror?: string[];
	noiseFraction?: string;
	queue?: number;
	inFlight?: number;
	format?: string;
	out?: string;
	report?: string;
	failOn?: string[];
	checksDirectory?: string;
};

const formats = ['table', 'json', 'markdown'] as const;

/** "90s", "5m", "1h", "250ms" or plain seconds. */
export function parseDuration(value: string): number {
	const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/.exec(value.trim());
	if (!match) throw new UsageError(`--duration: '${value}' is not a duration; write it like 30s, 5m or 1h`);
	const amount = Number(match[1]);
	const unit = match[2] ?? 's';
	const ms = amount * {ms: 1, s: 1000, m: 60_000, h: 3_600_000}[unit]!;
	if (ms <= 0) throw new UsageError(`--duration: '${value}' must be longer than zero`);
	return ms;
}

export function parseListen(value: string | undefined): {host: string; port: number} {
	if (value === undefined) return {host: '127.0.0.1', port: 4100};
	const match = /^(?:(\[[^\]]+\]|[^:]+):)?(\d+)$/.exec(value.trim());
	const port = Number(match?.[2]);
	if (!match || !Number.isInteger(port) || port > 65_535) throw new UsageError(`--listen: '${value}' is not a port or host:port; write it like 4100 or 127.0.0.1:4100`);
	return {host: (match[1] ?? '127.0.0.1').replace(/^\[|\]$/g, ''), port};
}

function parseFraction(value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const fraction = Number(value);
	if (!Number.isFinite(fraction) || fraction < 0 || fraction > 1) throw new UsageError(`--noise-fraction: '${value}' must be a number from 0 to 1 (the share of requests sent to the baseline twice)`);
	return fraction;
}

export async function shadowCommand(options: ShadowCommandOptions, io: {stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream} = process): Promise<number> {
	const format = options.format ?? 'table';
	if (!(formats as readonly string[]).includes(format)) throw new UsageError(`unknown format '${format}' for shadow; use one of ${formats.join(', ')}`);
	const durationMs = options.duration === undefined ? undefined : parseDuration(options.duration);
	const listen = parseListen(options.listen);
	const noiseFraction = parseFraction(options.noiseFraction) ?? 0.1;
	const failOn: readonly Verdict[] = parseFailOn(options.failOn) ?? failingVerdicts;
	const mirror = (options.mirror ?? []).map(source => {
		try {
			return parseMirrorPattern(source);
		} catch (error) {
			throw new UsageError(`--mirror: ${(error as Error).message}`);
		}
	});
	const catalog = await loadCatalog(options.checksDirectory);
	const {profile} = await chooseProfile(options);
	const opened = await openTargets(profile, {quietSimulators: true, standIns});
	const settings: ShadowOptions = {
		targets: opened.targets,
		rules: new RouteRules(catalog),
		host: listen.host,
		port: listen.port,
		mirror,
		noiseFraction,
		maxQueue: options.queue,
		maxInFlight: options.inFlight,
		candidateTimeoutMs: profile.options.timeoutMs ?? 30_000,
		expected: profile.expected,
	};
	let proxy: ShadowProxy;
	try {
		proxy = await startShadow(settings);
	} catch (error) {
		await opened.close();
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'EADDRINUSE') throw new UsageError(`--listen: port ${listen.port} on ${listen.host} is in use; choose another (--listen 4101)`);
		throw error;
	}

	const recorder = options.record ? new Recorder({...defaultRecorderLimits, maxExchanges: options.recordLimit ?? defaultRecorderLimits.maxExchanges}) : undefined;
	if (recorder) proxy.onExchange(exchange => recorder.add(exchange));
	const startedAt = new Date();
	io.stderr.write(`shadow proxy on ${proxy.url} → baseline ${opened.targets.baseline.url}, mirror to candidate ${opened.targets.candidate.url}${durationMs ? ` for ${Math.round(durationMs / 1000)} s` : ' (Ctrl-C to stop)'}\n`);

	const ticker = io.stderr.isTTY
		? setInterval(() => {
				const totals = proxy.totals();
				io.stderr.write(`\r\u001B[2K${totals.requests} requests · ${totals.mirrored} mirrored · ${totals.differing} differing · ${totals.dropped} dropped · ${proxy.routes().length} routes`);
			}, 1000)
		: undefined;
	let stop: () => void = () => undefined;
	await new Promise<void>(resolve => {
		const timer = durationMs === undefined ? undefined : setTimeout(resolve, durationMs);
		stop = () => {
			if (timer) clearTimeout(timer);
			resolve();
		};
		process.on('SIGINT', stop);
		process.on('SIGTERM', stop);
	});
	// The listeners stay: a second Ctrl-C while the reports are written must not kill the process half-way.
	if (ticker) clearInterval(ticker);
	if (io.stderr.isTTY) io.stderr.write('\r\u001B[2K');

	// Answers still on their way get a moment to be judged; the candidate's timeout bounds it anyway.
	await Promise.race([proxy.settled(), new Promise(resolve => setTimeout(resolve, 2000).unref())]);
	const finishedAt = new Date();
	let recording: ShadowReport['recording'];
	if (recorder && options.record) {
		await recorder.save(options.record, {profile: profile.name, targets: opened.targets});
		recording = {file: options.record, kept: recorder.size, skipped: recorder.skipped};
	}

	const report = buildShadowReport({
		startedAt,
		finishedAt,
		profile: profile.name,
		listen: proxy.url,
		targets: opened.targets,
		settings: {noiseFraction, mirror: mirror.map(pattern => pattern.source), maxInFlight: options.inFlight ?? 64, maxQueue: options.queue ?? 1000, candidateTimeoutMs: settings.candidateTimeoutMs!},
		totals: proxy.totals(),
		routes: proxy.routes(),
		recent: route => proxy.recent(route),
		recording,
	});
	await proxy.close();
	await opened.close();

	const rendered = format === 'json' ? renderShadowJson(report) : format === 'markdown' ? renderShadowMarkdown(report) : renderShadowTable(report);
	if (options.out) await writeFile(options.out, rendered);
	else io.stdout.write(rendered);
	if (options.report) {
		await mkdir(options.report, {recursive: true});
		await writeFile(join(options.report, 'shadow-report.json'), renderShadowJson(report));
		await writeFile(join(options.report, 'shadow-report.md'), renderShadowMarkdown(report));
	}

	if (recording) io.stderr.write(`recorded ${recording.kept} exchanges to ${recording.file}${recording.skipped ? ` (${recording.skipped} left out by the limits)` : ''}; replay them with: litellm-parity run --replay ${recording.file}\n`);
	return report.routes.some(route => failOn.includes(route.verdict)) ? 1 : 0;
}
