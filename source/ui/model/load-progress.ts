// Measuring checks (load, overhead) as the explorer shows them: how far the running side is, and the figures each
// side ended with. Pure functions over the check state, shared by the matrix, the footer and the detail tabs.
import {sides, type Side, type SideProgress} from '../../domain.js';
import type {CheckState} from './state.js';

export type LoadProgress = Omit<Extract<SideProgress, {kind: 'load'}>, 'kind'>;

/** Probe kinds that report `load` progress: a long measurement per side rather than one answer. */
export const measuringProbes: ReadonlySet<string> = new Set(['load', 'overhead']);

export function isMeasuring(check: CheckState): boolean {
	return measuringProbes.has(check.probe);
}

/** An overhead check's progress counts direct/proxied pairs, not requests. */
export function rateUnit(check: Pick<CheckState, 'probe'>): string {
	return check.probe === 'overhead' ? 'pairs/s' : 'req/s';
}

/** The share done (0…1) by request count, else by duration; undefined when the load has neither bound. */
export function loadShare(progress: LoadProgress): number | undefined {
	if (progress.total) return Math.min(1, progress.completed / progress.total);
	if (progress.durationMs) return Math.min(1, progress.elapsedMs / progress.durationMs);
	return undefined;
}

/** A bar of `width` cells; an unbounded load shows a block sweeping along it instead (from the spinner frame). */
export function progressBar(share: number | undefined, width: number, frame = 0): string {
	const cells = Math.max(1, width);
	if (share === undefined) {
		const at = frame % cells;
		return '░'.repeat(at) + '█' + '░'.repeat(cells - at - 1);
	}

	const filled = Math.round(Math.max(0, Math.min(1, share)) * cells);
	return '█'.repeat(filled) + '░'.repeat(cells - filled);
}

export type ActiveLoad = {check: CheckState; side: Side; progress: LoadProgress};

/** The side of a running check whose load is in flight now (measuring probes take one side at a time). */
export function activeLoad(check: CheckState): ActiveLoad | undefined {
	if (check.status !== 'running' || !check.live) return undefined;
	for (const side of sides) {
		const lane = check.live[side];
		if (lane.load && !lane.finished) return {check, side, progress: lane.load};
	}

	return undefined;
}

/** The load running anywhere in the matrix (at most one: measurements run alone). */
export function runningLoad(checks: Iterable<CheckState>): ActiveLoad | undefined {
	for (const check of checks) {
		const active = activeLoad(check);
		if (active) return active;
	}

	return undefined;
}

export type LoadFigures = {
	rate?: number;
	requests?: number;
	p50?: number;
	p95?: number;
	p99?: number;
	errors?: number;
	non2xx?: number;
	/** Overhead checks: proxied − direct pairs, and the two medians. */
	samples?: number;
	directP50?: number;
	proxiedP50?: number;
	durationMs?: number;
};

const numberOf = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/** The figures a load or overhead probe left in its facts (CheckResult.facts[side] or the observation's). */
export function loadFigures(facts: Record<string, unknown> | undefined): LoadFigures | undefined {
	if (!facts) return undefined;
	const percentiles = (facts.percentiles ?? {}) as Record<string, unknown>;
	const figures: LoadFigures = {
		rate: numberOf(facts.rate),
		requests: numberOf(facts.requests),
		p50: numberOf(percentiles['50']) ?? numberOf(facts.med),
		p95: numberOf(percentiles['95']),
		p99: numberOf(percentiles['99']),
		errors: numberOf(facts.errors),
		non2xx: numberOf(facts.non2xx),
		samples: typeof facts.samples === 'number' ? facts.samples : undefined,
		directP50: numberOf(facts.directP50),
		proxiedP50: numberOf(facts.proxiedP50),
		durationMs: numberOf(facts.durationMs),
	};
	return Object.values(figures).some(value => value !== undefined) ? figures : undefined;
}

const millis = (value: number | undefined) => (value === undefined ? '—' : `${value < 10 ? value.toFixed(1) : Math.round(value)}ms`);

/** One line of final figures: rate and percentiles for a load, overhead percentiles and both medians otherwise. */
export function figuresText(figures: LoadFigures): string {
	const parts: string[] = [];
	if (figures.rate !== undefined) parts.push(`rate ${figures.rate.toFixed(1)} req/s`);
	const overhead = figures.directP50 !== undefined || figures.proxiedP50 !== undefined;
	parts.push(`${overhead ? 'overhead ' : ''}p50 ${millis(figures.p50)}`, `p95 ${millis(figures.p95)}`, `p99 ${millis(figures.p99)}`);
	if (figures.errors !== undefined) parts.push(`errors ${figures.errors}`);
	if (figures.non2xx !== undefined) parts.push(`non-2xx ${figures.non2xx}`);
	if (overhead) parts.push(`direct p50 ${millis(figures.directP50)}`, `proxied p50 ${millis(figures.proxiedP50)}`);
	return parts.join(' · ');
}

/** The matrix row's indicator for a running load: side initial, a short bar and the current rate. */
export function compactLoad(active: ActiveLoad, width: number, frame = 0): string {
	const initial = active.side === 'baseline' ? 'B' : 'C';
	const share = loadShare(active.progress);
	const rate = `${Math.round(active.progress.rps)}/s`;
	if (width >= 16) return `${initial} ${progressBar(share, Math.min(10, width - rate.length - 3), frame)} ${rate}`;
	return `${initial} ${share === undefined ? rate : `${Math.round(share * 100)}%`}`;
}
