// The explorer's live resources, outside React so that quitting, signals and crashes can always release them:
// the engine backend (by default a child process holding the targets, embedded simulators included, and running the
// engine) and the one run in flight with its AbortController.
import type {SelectedRow} from '../catalog/catalog.js';
import type {RunEvent} from '../domain.js';
import type {Preflight} from '../engine/preflight.js';
import type {RunFinished} from '../engine/run.js';
import type {Profile} from '../targets/profile-schema.js';
import type {EngineBackend} from './host/backend.js';
import {ChildBackend} from './host/child-backend.js';
import {InlineBackend, type OpenFn} from './host/inline-backend.js';
import type {HealthInfo, OpenedInfo} from './host/protocol.js';
import type {ShadowOptions, ShadowProxy} from '../shadow/proxy.js';

export type {OpenFn} from './host/inline-backend.js';

export type ActiveRun = {events: AsyncIterable<RunEvent>; finished: Promise<RunFinished>; controller: AbortController};

export class Session {
	#opened?: OpenedInfo;
	#opening?: Promise<unknown>;
	#run?: ActiveRun;
	#shadow?: Promise<ShadowProxy>;
	#disposed = false;
	readonly #backend: EngineBackend;

	/** A backend, or an open function for an inline engine (tests); the default is the child-process host. */
	constructor(backend: EngineBackend | OpenFn = new ChildBackend()) {
		this.#backend = typeof backend === 'function' ? new InlineBackend(backend) : backend;
	}

	/** The open targets' URLs, or undefined while none are open. */
	get targets(): OpenedInfo | undefined {
		return this.#opened;
	}

	get running(): boolean {
		return this.#run !== undefined;
	}

	/** Close the current targets (stopping any run on them), then open the profile's. */
	async open(profile: Profile): Promise<OpenedInfo> {
		if (this.#disposed) throw new Error('the explorer is closing');
		await this.cancelAndSettle();
		await this.#stopShadow();
		this.#opened = undefined;
		const attempt = this.#backend.open(profile).then(async opened => {
			// Quit may have come while the simulators were starting: stop them rather than leak them.
			if (this.#disposed) {
				await this.#backend.close().catch(() => undefined);
				throw new Error('the explorer is closing');
			}

			this.#opened = opened;
			return opened;
		});
		const settled = attempt.then(() => undefined, () => undefined);
		this.#opening = settled;
		try {
			return await attempt;
		} finally {
			if (this.#opening === settled) this.#opening = undefined;
		}
	}

	/** Ask the open targets once whether they answer (and which LiteLLM version they report) before a run. */
	async preflight(profile: Profile): Promise<Preflight> {
		if (!this.#opened) throw new Error('no targets are open');
		return this.#backend.preflight(profile);
	}

	/** Start a run on the open targets, judged with what the pre-flight saw; only one at a time. */
	run(rows: SelectedRow[], profile: Profile, preflight?: Preflight): ActiveRun {
		if (!this.#opened) throw new Error('no targets are open');
		if (this.#run) throw new Error('a run is already in flight');
		const controller = new AbortController();
		const {events, finished} = this.#backend.run(rows, profile, controller.signal, preflight);
		const run = {events, finished, controller};
		this.#run = run;
		void finished
			.finally(() => {
				if (this.#run === run) this.#run = undefined;
			})
			.catch(() => undefined);
		return run;
	}

	/** The shadow proxy on the open targets (the traffic view), started on first use where the targets live. */
	shadow(options: Omit<ShadowOptions, 'targets'> = {}): Promise<ShadowProxy> {
		if (!this.#opened) return Promise.reject(new Error('no targets are open'));
		this.#shadow ??= this.#backend.shadow(options);
		this.#shadow.catch(() => (this.#shadow = undefined));
		return this.#shadow;
	}

	async #stopShadow(): Promise<void> {
		const shadow = this.#shadow;
		this.#shadow = undefined;
		if (shadow) await (await shadow.catch(() => undefined))?.close();
	}

	async health(): Promise<HealthInfo | undefined> {
		if (!this.#opened) return undefined;
		return this.#backend.health();
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

	/** Stop everything: the run, the targets and any target still opening. Safe to call more than once. */
	async dispose(): Promise<void> {
		this.#disposed = true;
		await this.cancelAndSettle();
		await this.#opening;
		await this.#stopShadow();
		this.#opened = undefined;
		await this.#backend.dispose();
	}
}
