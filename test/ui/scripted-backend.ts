// An engine backend the test drives: open answers with fixed URLs, and each run's events are pushed by the test, so
// what the explorer draws can be checked step by step without live simulators or wall-clock timing.
import type {SelectedRow} from '../../source/catalog/catalog.js';
import {emptySummary, type CheckRef, type CheckResult, type Observation, type RunEvent, type Side, type SideProgress} from '../../source/domain.js';
import {Channel} from '../../source/engine/channel.js';
import type {Preflight, Reach} from '../../source/engine/preflight.js';
import type {RunFinished} from '../../source/engine/run.js';
import type {Profile} from '../../source/targets/profile-schema.js';
import type {EngineBackend, HostedRun} from '../../source/ui/host/backend.js';
import type {HealthInfo, OpenedInfo} from '../../source/ui/host/protocol.js';

export type ScriptedRun = {
	rows: SelectedRow[];
	signal: AbortSignal;
	/** What the pre-flight saw when this run was started (the explorer passes it on, as the headless run does). */
	preflight?: Preflight;
	refs: CheckRef[];
	push(...events: RunEvent[]): void;
	start(): void;
	chunk(check: string, side: Side, text: string, atMs?: number): void;
	progress(check: string, side: Side, progress: SideProgress): void;
	finishCheck(check: string, result: Partial<CheckResult> & Pick<CheckResult, 'verdict'>, observations?: Partial<Record<Side, Observation>>): void;
	finish(cancelled?: boolean): void;
};

export class ScriptedBackend implements EngineBackend {
	runs: ScriptedRun[] = [];
	healthPolls = 0;
	opened?: Profile;
	failOpen?: string;
	/** What the pre-flight probe answers per side (default: both answer, no version reported). */
	reach: Partial<Record<Side, Partial<Reach>>> = {};
	preflights = 0;
	/** While set, the pre-flight waits for it (targets slow to answer). */
	preflightGate?: Promise<void>;
	/** While set, opening waits for it (a slow start-up). */
	openGate?: Promise<void>;
	#waiters: Array<(run: ScriptedRun) => void> = [];

	constructor(readonly urls: OpenedInfo = {baseline: {url: 'http://127.0.0.1:4000'}, candidate: {url: 'http://127.0.0.1:4001'}}) {}

	async open(profile: Profile): Promise<OpenedInfo> {
		await this.openGate;
		if (this.failOpen) throw new Error(this.failOpen);
		this.opened = profile;
		return this.urls;
	}

	async close(): Promise<void> {
		this.opened = undefined;
	}

	async health(): Promise<HealthInfo | undefined> {
		this.healthPolls++;
		return {baseline: {ok: true, status: 200, latencyMs: this.healthPolls, checkedAt: this.healthPolls}, candidate: {ok: true, status: 200, latencyMs: this.healthPolls, checkedAt: this.healthPolls}};
	}

	async preflight(): Promise<Preflight> {
		this.preflights++;
		await this.preflightGate;
		const side = (name: Side): Reach => ({side: name, answers: true, status: 200, ...this.reach[name]});
		return {reach: {baseline: side('baseline'), candidate: side('candidate')}, identity: {}};
	}

	async shadow(): Promise<never> {
		throw new Error('no shadow proxy in the scripted backend');
	}

	async dispose(): Promise<void> {
		this.opened = undefined;
	}

	/** The next run the explorer starts (or the latest one already started). */
	async nextRun(index = this.runs.length): Promise<ScriptedRun> {
		if (this.runs[index]) return this.runs[index];
		return new Promise(resolve => this.#waiters.push(run => (this.runs.length > index ? resolve(this.runs[index]!) : undefined)));
	}

	run(rows: SelectedRow[], profile: Profile, signal: AbortSignal, preflight?: Preflight): HostedRun {
		const channel = new Channel<RunEvent>();
		let resolveFinished!: (finished: RunFinished) => void;
		const finished = new Promise<RunFinished>(resolve => {
			resolveFinished = resolve;
		});
		const results: CheckResult[] = [];
		const refs: CheckRef[] = rows.flatMap(({category, row, checks}) =>
			(checks.length > 0 ? checks : [{id: row.id, probe: 'none', title: row.feature}]).map(check => ({
				category: category.id,
				categoryTitle: category.title,
				row: row.id,
				feature: row.feature,
				check: check.id,
				title: check.title ?? row.feature,
				probe: check.probe,
			})),
		);
		const emptySide = {ok: true, failures: []};
		const counters = new Map<string, number>();
		const scripted: ScriptedRun = {
			rows,
			signal,
			preflight,
			refs,
			push: (...events) => {
				for (const event of events) channel.push(event);
			},
			start: () => scripted.push({type: 'run-started', runId: `scripted-${this.runs.length}`, startedAt: new Date(0).toISOString(), profile: profile.name, targets: this.urls, checks: refs}),
			chunk: (check, side, text, atMs = 1) => {
				const key = `${check}:${side}`;
				const index = counters.get(key) ?? 0;
				counters.set(key, index + 1);
				scripted.progress(check, side, {kind: 'chunk', index, text, atMs});
			},
			progress: (check, side, progress) => scripted.push({type: 'side-progress', check, side, progress}),
			finishCheck: (check, result, observations = {}) => {
				const ref = refs.find(entry => entry.check === check)!;
				const full: CheckResult = {...ref, baseline: emptySide, candidate: emptySide, differences: [], durationMs: 1, ...result};
				results.push(full);
				scripted.push({type: 'check-finished', check, result: full, observations});
			},
			finish: (cancelled = false) => {
				const summary = emptySummary();
				for (const result of results) summary[result.verdict]++;
				const event: RunFinished = {type: 'run-finished', finishedAt: new Date(1000).toISOString(), durationMs: 1000, cancelled, summary, results};
				scripted.push(event);
				channel.close();
				resolveFinished(event);
			},
		};
		signal.addEventListener('abort', () => scripted.finish(true), {once: true});
		this.runs.push(scripted);
		for (const waiter of this.#waiters.splice(0)) waiter(scripted);
		return {events: channel, finished};
	}
}
