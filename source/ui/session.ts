// The explorer's live resources, outside React so that quitting, signals and crashes can always release them:
// the open targets (with the embedded simulators) and the one run in flight with its AbortController.
import type {SelectedRow} from '../catalog/catalog.js';
import type {RunEvent} from '../domain.js';
import {startRun, type RunFinished} from '../engine/run.js';
import type {Profile} from '../targets/profile-schema.js';
import {openTargets, type OpenTargets} from '../targets/open.js';
import type {TargetPair} from '../targets/target.js';
import type {ShadowOptions, ShadowProxy} from '../shadow/proxy.js';

export type OpenFn = (profile: Profile) => Promise<OpenTargets>;

/**
 * The explorer is watched by people: its embedded simulators stream at a pace the eye can follow (the simulator's
 * own default, 3 ms a chunk, finishes a demo stream before one frame is drawn). A profile's own pace wins.
 */
export const watchableChunkDelayMs = 30;

export function withWatchablePace(profile: Profile): Profile {
	const paced = (spec: Profile['baseline']): Profile['baseline'] => {
		if (!spec.embedded) return spec;
		const embedded = typeof spec.embedded === 'string' ? {personality: spec.embedded} : spec.embedded;
		return {...spec, embedded: {chunkDelayMs: watchableChunkDelayMs, ...embedded}};
	};

	return {...profile, baseline: paced(profile.baseline), candidate: paced(profile.candidate)};
}

export type ActiveRun = {events: AsyncIterable<RunEvent>; finished: Promise<RunFinished>; controller: AbortController};

export class Session {
	#opened?: OpenTargets;
	#opening?: Promise<unknown>;
	#run?: ActiveRun;
	#shadow?: Promise<ShadowProxy>;
	#disposed = false;
	readonly #open: OpenFn;

	constructor(open: OpenFn = profile => openTargets(withWatchablePace(profile), {quietSimulators: true})) {
		this.#open = open;
	}

	get targets(): TargetPair | undefined {
		return this.#opened?.targets;
	}

	get running(): boolean {
		return this.#run !== undefined;
	}

	/** The shadow proxy on the open targets (the traffic view), started on first use; loaded lazily. */
	shadow(options: Omit<ShadowOptions, 'targets'> = {}): Promise<ShadowProxy> {
		if (!this.#opened) return Promise.reject(new Error('no targets are open'));
		const targets = this.#opened.targets;
		this.#shadow ??= import('../shadow/proxy.js').then(({startShadow}) => startShadow({...options, targets}));
		this.#shadow.catch(() => (this.#shadow = undefined));
		return this.#shadow;
	}

	async #stopShadow(): Promise<void> {
		const shadow = this.#shadow;
		this.#shadow = undefined;
		if (shadow) await (await shadow.catch(() => undefined))?.close();
	}

	/** Close the current targets (stopping any run on them), then open the profile's. */
	async open(profile: Profile): Promise<TargetPair> {
		if (this.#disposed) throw new Error('the explorer is closing');
		await this.cancelAndSettle();
		await this.#stopShadow();
		await this.#closeTargets();
		const attempt = (async () => {
			const opened = await this.#open(profile);
			// Quit may have come while the simulators were starting: stop them rather than leak them.
			if (this.#disposed) {
				await opened.close();
				throw new Error('the explorer is closing');
			}

			this.#opened = opened;
			return opened.targets;
		})();
		const settled = attempt.then(() => undefined, () => undefined);
		this.#opening = settled;
		try {
			return await attempt;
		} finally {
			if (this.#opening === settled) this.#opening = undefined;
		}
	}

	/** Start a run on the open targets; only one at a time. */
	run(rows: SelectedRow[], profile: Profile): ActiveRun {
		if (!this.#opened) throw new Error('no targets are open');
		if (this.#run) throw new Error('a run is already in flight');
		const controller = new AbortController();
		const {events, finished} = startRun({rows, profile, targets: this.#opened.targets, signal: controller.signal});
		const run = {events, finished, controller};
		this.#run = run;
		void finished.finally(() => {
			if (this.#run === run) this.#run = undefined;
		}).catch(() => undefined);
		return run;
	}

	/** Abort the run in flight: its in-flight requests are aborted through the signal. */
	cancel(): boolean {
		if (!this.#run || this.#run.controller.signal.aborted) return false;
		this.#run.controller.abort();
		return true;
	}

	async cancelAndSettle(): Promise<void> {
		const run = this.#run;
		if (!run) return;
		run.controller.abort();
		await run.finished.catch(() => undefined);
	}

	async #closeTargets(): Promise<void> {
		const opened = this.#opened;
		this.#opened = undefined;
		if (opened) await opened.close();
	}

	/** Stop everything: the run, the targets and any target still opening. Safe to call more than once. */
	async dispose(): Promise<void> {
		this.#disposed = true;
		await this.cancelAndSettle();
		await this.#opening;
		await this.#stopShadow();
		await this.#closeTargets();
	}
}
