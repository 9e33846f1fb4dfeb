// The report of a shadow session: per route (method + path template) its verdict, in the fixed verdict words, with
// requests, differing share, each side's p50/p95 latency and error share, and drops. JSON, markdown and a text table.
import {emptySummary, type RunSummary, type Side, type TargetInfo} from '../domain.js';
import {redactValue} from '../targets/secrets.js';
import {version} from '../version.js';
import {scrubValue, type ShadowExchange} from './exchange.js';
import type {RouteSummary} from './route-stats.js';
import type {ShadowTotals} from './proxy.js';

export type ShadowReport = {
	schemaVersion: 1;
	kind: 'shadow';
	tool: {name: 'litellm-parity'; version: string};
	startedAt: string;
	finishedAt: string;
	durationMs: number;
	profile: string;
	listen: string;
	targets: Record<Side, {url: string}>;
	settings: {noiseFraction: number; mirror: string[]; maxInFlight: number; maxQueue: number; candidateTimeoutMs: number};
	totals: Omit<ShadowTotals, 'inFlight' | 'queued' | 'mirrorShare'>;
	/** Routes per verdict. */
	summary: RunSummary;
	routes: Array<RouteSummary & {examples: Array<Pick<ShadowExchange, 'id' | 'at' | 'verdict' | 'reason' | 'differences'> & {path: string}>}>;
	recording?: {file: string; kept: number; skipped: number};
};

export type ReportInput = {
	startedAt: Date;
	finishedAt: Date;
	profile: string;
	listen: string;
	targets: Record<Side, TargetInfo>;
	settings: ShadowReport['settings'];
	totals: ShadowTotals;
	routes: RouteSummary[];
	recent: (route: string) => ShadowExchange[];
	recording?: ShadowReport['recording'];
};

export function buildShadowReport(input: ReportInput): ShadowReport {
	const summary = emptySummary();
	const routes = [...input.routes]
		.sort((a, b) => b.requests - a.requests || a.route.localeCompare(b.route))
		.map(route => {
			summary[route.verdict]++;
			const examples = input
				.recent(route.route)
				.slice(-3)
				.map(exchange => ({id: exchange.id, at: exchange.at, path: exchange.request.path, verdict: exchange.verdict, ...(exchange.reason ? {reason: exchange.reason} : {}), differences: exchange.differences.slice(0, 20)}));
			return {...route, examples};
		});
	const {inFlight: _inFlight, queued: _queued, mirrorShare: _share, ...totals} = input.totals;
	return redactValue(
		scrubValue({
			schemaVersion: 1,
			kind: 'shadow',
			tool: {name: 'litellm-parity', version},
			startedAt: input.startedAt.toISOString(),
			finishedAt: input.finishedAt.toISOString(),
			durationMs: input.finishedAt.getTime() - input.startedAt.getTime(),
			profile: input.profile,
			listen: input.listen,
			targets: {baseline: {url: input.targets.baseline.url}, candidate: {url: input.targets.candidate.url}},
			settings: input.settings,
			totals,
			summary,
			routes,
			...(input.recording ? {recording: input.recording} : {}),
		}),
	) as ShadowReport;
}

const percent = (share: number) => `${(share * 100).toFixed(share > 0 && share < 0.01 ? 2 : 0)}%`;
const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

function latencyCell(side: RouteSummary['baseline']): string {
	return side.answers === 0 ? '–' : `${ms(side.p50Ms)} / ${ms(side.p95Ms)}`;
}

export function renderShadowJson(report: ShadowReport): string {
	return JSON.stringify(report, null, 2) + '\n';
}

export function renderShadowMarkdown(report: ShadowReport): string {
	const lines = [
		`# Shadow traffic: ${report.profile}`,
		'',
		`${report.startedAt} → ${report.finishedAt} (${Math.round(report.durationMs / 1000)} s) · baseline ${report.targets.baseline.url} · candidate ${report.targets.candidate.url}`,
		'',
		`${report.totals.requests} requests, ${report.totals.mirrored} mirrored, ${report.totals.compared} compared, ${report.totals.differing} differing, ${report.totals.dropped} dropped (noise samples: ${percent(report.settings.noiseFraction)} of mirrored requests)`,
		'',
		'| route | verdict | requests | compared | differing | baseline p50 / p95 ms | candidate p50 / p95 ms | errors baseline / candidate | dropped | reason |',
		'|---|---|---:|---:|---:|---:|---:|---:|---:|---|',
	];
	const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
	for (const route of report.routes) {
		lines.push(
			`| \`${cell(route.route)}\` | ${route.verdict} | ${route.requests} | ${route.compared} | ${percent(route.differingShare)} | ${latencyCell(route.baseline)} | ${latencyCell(route.candidate)} | ${percent(route.baseline.errorShare)} / ${percent(route.candidate.errorShare)} | ${route.dropped} | ${cell(route.reason ?? '')} |`,
		);
	}

	const withExamples = report.routes.filter(route => route.examples.length > 0);
	if (withExamples.length > 0) {
		lines.push('', '## Differing exchanges (most recent per route)', '');
		for (const route of withExamples) {
			lines.push(`### \`${route.route}\` — ${route.verdict}`, '');
			for (const example of route.examples) {
				lines.push(`- #${example.id} ${example.at} \`${cell(example.path)}\`: ${example.verdict}${example.reason ? ` — ${cell(example.reason)}` : ''}`);
				for (const difference of example.differences.filter(d => !d.noise).slice(0, 5)) {
					lines.push(`  - \`${cell(difference.path)}\` (${difference.kind}): ${cell(JSON.stringify(difference.baseline ?? null))} → ${cell(JSON.stringify(difference.candidate ?? null))}`);
				}
			}

			lines.push('');
		}
	}

	return lines.join('\n') + '\n';
}

/** The per-route summary printed at the end of a headless session. */
export function renderShadowTable(report: ShadowReport): string {
	const header = ['route', 'verdict', 'requests', 'differing', 'baseline p50/p95', 'candidate p50/p95', 'errors b/c', 'dropped'];
	const rows = report.routes.map(route => [
		route.route,
		route.verdict,
		String(route.requests),
		route.compared ? `${percent(route.differingShare)} of ${route.compared}` : '–',
		latencyCell(route.baseline),
		latencyCell(route.candidate),
		`${percent(route.baseline.errorShare)} / ${percent(route.candidate.errorShare)}`,
		String(route.dropped),
	]);
	const widths = header.map((title, index) => Math.max(title.length, ...rows.map(row => row[index]!.length)));
	const line = (cells: string[]) => cells.map((text, index) => (index >= 2 ? text.padStart(widths[index]!) : text.padEnd(widths[index]!))).join('  ').trimEnd();
	const out = [line(header), ...rows.map(line)];
	for (const route of report.routes) if (route.reason && route.verdict !== 'parity') out.push(`  ${route.route}: ${route.reason}`);
	const counts = Object.entries(report.summary)
		.filter(([, count]) => count > 0)
		.map(([verdict, count]) => `${count} ${verdict}`)
		.join(', ');
	out.push('', `${report.totals.requests} requests, ${report.totals.mirrored} mirrored, ${report.totals.compared} compared, ${report.totals.differing} differing, ${report.totals.dropped} dropped · routes: ${counts || 'none'}`);
	return out.join('\n') + '\n';
}
