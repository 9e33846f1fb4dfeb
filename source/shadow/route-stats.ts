// Per-route counters of a shadow session: requests, mirrored and compared exchanges, verdicts, drops by cause, each
// side's latency (HDR histograms, constant memory) and error share, and the most recent differing exchanges.
import {build, type Histogram} from 'hdr-histogram-js';
import {emptySummary, verdicts, worstVerdict, type Side, type Verdict} from '../domain.js';
import type {ShadowExchange} from './exchange.js';

export const dropCauses = ['full', 'down', 'slow', 'too-large', 'busy'] as const;
export type DropCause = (typeof dropCauses)[number];

/** Compact histograms: 2 significant digits, packed buckets (a few KB each, however many requests). */
function histogram(): Histogram {
	return build({lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 2, bitBucketSize: 'packed'});
}

export class SideStats {
	readonly latency = histogram();
	answers = 0;
	errors = 0;

	record(totalMs: number, error: boolean): void {
		this.answers++;
		if (error) this.errors++;
		this.latency.recordValue(Math.max(1, Math.round(totalMs * 1000)));
	}

	summary(): SideSummary {
		const ms = (percentile: number) => Math.round(this.latency.getValueAtPercentile(percentile)) / 1000;
		return {
			answers: this.answers,
			errors: this.errors,
			errorShare: this.answers ? round(this.errors / this.answers) : 0,
			p50Ms: this.answers ? ms(50) : 0,
			p95Ms: this.answers ? ms(95) : 0,
		};
	}
}

export type SideSummary = {answers: number; errors: number; errorShare: number; p50Ms: number; p95Ms: number};

export type RouteSummary = {
	route: string;
	method: string;
	template: string;
	verdict: Verdict;
	reason?: string;
	/** The check whose compare rules judged this route, when one matched. */
	rule?: string;
	requests: number;
	mirrored: number;
	compared: number;
	differing: number;
	differingShare: number;
	dropped: number;
	drops: Record<DropCause, number>;
	verdicts: Record<Verdict, number>;
	noisePaths: string[];
	baseline: SideSummary;
	candidate: SideSummary;
};

function round(value: number): number {
	return Math.round(value * 10_000) / 10_000;
}

export class RouteStats {
	static readonly recentKept = 5;
	requests = 0;
	mirrored = 0;
	compared = 0;
	differing = 0;
	readonly drops: Record<DropCause, number> = {full: 0, down: 0, slow: 0, 'too-large': 0, busy: 0};
	readonly verdicts = emptySummary();
	readonly sides: Record<Side, SideStats> = {baseline: new SideStats(), candidate: new SideStats()};
	/** The newest differing exchanges, newest last. */
	readonly recent: ShadowExchange[] = [];
	lastReason?: string;
	rule?: string;
	/** What the route has learned to be noise, as the mirror last reported it. */
	noisePaths: readonly string[] = [];

	constructor(readonly route: string) {}

	get dropped(): number {
		return this.drops.full + this.drops.down + this.drops.slow + this.drops['too-large'] + this.drops.busy;
	}

	drop(cause: DropCause): void {
		this.drops[cause]++;
	}

	/** An exchange judged in parity that nobody needs to see: counted, not kept. */
	parity(rule?: string): void {
		this.compared++;
		this.verdicts.parity++;
		this.rule = rule;
	}

	judged(exchange: ShadowExchange): void {
		this.compared++;
		this.verdicts[exchange.verdict]++;
		this.rule = exchange.rule;
		if (exchange.verdict === 'parity') return;
		this.differing++;
		this.lastReason = exchange.reason;
		this.recent.push(exchange);
		if (this.recent.length > RouteStats.recentKept) this.recent.shift();
	}

	verdict(): {verdict: Verdict; reason?: string} {
		if (this.compared === 0) {
			if (this.dropped > 0) return {verdict: 'error', reason: `the candidate took none of ${this.dropped} mirrored requests (${this.dropSummary()})`};
			return {verdict: 'skipped', reason: this.mirrored === 0 ? 'not mirrored: a route that may change state (allow it with --mirror)' : 'no exchange compared yet'};
		}

		// The one ranking of domain.ts: one exchange with a gap makes the route a gap, as one check does for a row.
		const worst = worstVerdict(verdicts.filter(verdict => this.verdicts[verdict] > 0)) ?? 'parity';
		if (worst === 'parity') return {verdict: 'parity'};
		const recent = [...this.recent].reverse().find(exchange => exchange.verdict === worst);
		return {verdict: worst, reason: `${this.verdicts[worst]} of ${this.compared} compared: ${recent?.reason ?? this.lastReason ?? worst}`};
	}

	dropSummary(): string {
		return dropCauses.filter(cause => this.drops[cause] > 0).map(cause => `${this.drops[cause]} ${cause}`).join(', ');
	}

	summary(): RouteSummary {
		const [method = '', ...rest] = this.route.split(' ');
		const {verdict, reason} = this.verdict();
		return {
			route: this.route,
			method,
			template: rest.join(' '),
			verdict,
			...(reason ? {reason} : {}),
			...(this.rule ? {rule: this.rule} : {}),
			requests: this.requests,
			mirrored: this.mirrored,
			compared: this.compared,
			differing: this.differing,
			differingShare: this.compared ? round(this.differing / this.compared) : 0,
			dropped: this.dropped,
			drops: {...this.drops},
			verdicts: {...this.verdicts},
			noisePaths: [...this.noisePaths],
			baseline: this.sides.baseline.summary(),
			candidate: this.sides.candidate.summary(),
		};
	}
}
