// The traffic view's model: the shadow proxy's routes as the explorer shows them, and the selected route's most recent
// differing exchanges turned into the rows and check states the existing detail pane (Diff, Baseline, Candidate,
// Headers, Stream tabs) already draws.
import type {CatalogCategory, CatalogRow} from '../../catalog/catalog.js';
import type {Check} from '../../catalog/schema.js';
import type {CheckResult, Observation, SideResult} from '../../domain.js';
import type {ShadowExchange} from '../../shadow/exchange.js';
import type {ShadowTotals} from '../../shadow/proxy.js';
import type {RouteSummary} from '../../shadow/route-stats.js';
import {defaultRule} from '../../shadow/rules.js';
import type {MatrixLine} from './selectors.js';
import type {CheckState} from './state.js';

export type TrafficSnapshot = {url: string; totals: ShadowTotals; routes: RouteSummary[]; recent: Record<string, ShadowExchange[]>};

export type TrafficState = TrafficSnapshot & {
	/** The route under the cursor (kept by name: routes reorder as traffic comes in). */
	route?: string;
	/** Which of the route's recent exchanges the detail pane shows (0 = the newest). */
	exchange: number;
};

/** Busiest routes first, then by name: a stable order that keeps the eye on what matters. */
export function orderedRoutes(traffic: TrafficSnapshot): RouteSummary[] {
	return [...traffic.routes].sort((a, b) => b.requests - a.requests || a.route.localeCompare(b.route));
}

export function trafficCursor(traffic: TrafficState): number {
	const routes = orderedRoutes(traffic);
	const index = routes.findIndex(route => route.route === traffic.route);
	return index === -1 ? 0 : index;
}

export function moveTraffic(traffic: TrafficState, delta: number): TrafficState {
	const routes = orderedRoutes(traffic);
	if (routes.length === 0) return traffic;
	const index = Math.max(0, Math.min(routes.length - 1, trafficCursor(traffic) + delta));
	return {...traffic, route: routes[index]!.route, exchange: 0};
}

export function stepExchange(traffic: TrafficState, delta: number): TrafficState {
	const route = orderedRoutes(traffic)[trafficCursor(traffic)];
	const count = route ? (traffic.recent[route.route]?.length ?? 0) : 0;
	if (count <= 1) return traffic;
	return {...traffic, exchange: (traffic.exchange + delta + count) % count};
}

const category: CatalogCategory = {id: 'traffic', title: 'Shadow traffic', section: 'validation', order: 0, file: '', rows: []};

function sideResult(observation: Observation): SideResult {
	const ok = observation.reached && observation.status !== undefined && observation.status < 400;
	return {ok, status: observation.status, latencyMs: Math.round(observation.timing.totalMs * 10) / 10, error: observation.error, failures: []};
}

export const percent = (share: number) => `${Math.round(share * 100)}%`;

export function routeStatsLine(route: RouteSummary): string {
	const ms = (value: number) => (value >= 10 ? Math.round(value) : Math.round(value * 10) / 10);
	const side = (summary: RouteSummary['baseline']) => (summary.answers ? `p50 ${ms(summary.p50Ms)} / p95 ${ms(summary.p95Ms)} ms, errors ${percent(summary.errorShare)}` : 'no answers');
	return `${route.requests} requests · ${route.compared} compared · ${percent(route.differingShare)} differ · ${route.dropped} dropped · baseline ${side(route.baseline)} · candidate ${side(route.candidate)}${route.rule ? ` · rules of ${route.rule}` : ''}`;
}

/** The selected route as a row with one check per recent differing exchange (newest first), for the detail pane. */
export function trafficDetail(traffic: TrafficState): {line?: MatrixLine; checks: Record<string, CheckState>; checkIndex: number} {
	const route = orderedRoutes(traffic)[trafficCursor(traffic)];
	if (!route) return {checks: {}, checkIndex: 0};
	const exchanges = [...(traffic.recent[route.route] ?? [])].reverse();
	const rowId = `traffic:${route.route}`;
	const definitions: Check[] = exchanges.map(exchange => ({id: `shadow.${exchange.id}`, probe: exchange.streamed ? 'sse' : 'http', expect: {}, compare: defaultRule.compare}));
	const checks: Record<string, CheckState> = {};
	for (const exchange of exchanges) {
		const id = `shadow.${exchange.id}`;
		const title = `${exchange.at.slice(11, 19)} ${exchange.request.path}`;
		const result: CheckResult = {
			category: category.id,
			row: rowId,
			feature: route.route,
			check: id,
			title,
			verdict: exchange.verdict,
			reason: exchange.reason,
			baseline: sideResult(exchange.baseline),
			candidate: sideResult(exchange.candidate),
			differences: exchange.differences,
			durationMs: 0,
		};
		checks[id] = {id, row: rowId, category: category.id, title, probe: exchange.streamed ? 'sse' : 'http', status: 'done', result, observations: {baseline: exchange.baseline, candidate: exchange.candidate}};
	}

	const notes = `${routeStatsLine(route)}${route.reason ? ` · ${route.reason}` : ''}`;
	const row: CatalogRow = {id: rowId, feature: `${route.route} · ${route.verdict}`, notes, candidateOnly: false, checks: definitions, category: category.id};
	const empty = route.compared === 0 ? 'no exchange of this route compared yet' : route.differing === 0 ? `all ${route.compared} compared exchanges in parity: nothing differs to open` : 'no differing exchange kept yet';
	return {line: {kind: 'row', key: `r:${rowId}`, row, category, label: `shadow traffic on ${traffic.url}`, empty}, checks, checkIndex: Math.min(traffic.exchange, Math.max(0, exchanges.length - 1))};
}
