// The engine in the explorer's own process: for tests that inject targets, and the host process itself.
import type {SelectedRow} from '../../catalog/catalog.js';
import {preflightPair, preflightRunOptions, type Preflight} from '../../engine/preflight.js';
import {startRun} from '../../engine/run.js';
import {checkLiveness} from '../../targets/health.js';
import type {Profile} from '../../targets/profile-schema.js';
import {openTargets, type OpenTargets} from '../../targets/open.js';
import {standIns} from '../../testbed/index.js';
import type {ShadowOptions, ShadowProxy} from '../../shadow/proxy.js';
import type {EngineBackend, HostedRun} from './backend.js';
import type {HealthInfo, OpenedInfo} from './protocol.js';

export type OpenFn = (profile: Profile) => Promise<OpenTargets>;

export class InlineBackend implements EngineBackend {
	#opened?: OpenTargets;
	readonly #open: OpenFn;

	constructor(open: OpenFn = profile => openTargets(profile, {quietSimulators: true, standIns})) {
		this.#open = open;
	}

	async open(profile: Profile): Promise<OpenedInfo> {
		await this.close();
		this.#opened = await this.#open(profile);
		const {baseline, candidate} = this.#opened.targets;
		return {baseline: {url: baseline.url}, candidate: {url: candidate.url}};
	}

	async close(): Promise<void> {
		const opened = this.#opened;
		this.#opened = undefined;
		await opened?.close();
	}

	async preflight(profile: Profile): Promise<Preflight> {
		if (!this.#opened) throw new Error('no targets are open');
		return preflightPair(this.#opened.targets, profile);
	}

	run(rows: SelectedRow[], profile: Profile, signal: AbortSignal, preflight?: Preflight): HostedRun {
		if (!this.#opened) throw new Error('no targets are open');
		return startRun({rows, profile, targets: this.#opened.targets, signal, ...preflightRunOptions(profile, preflight)});
	}

	async shadow(options: Omit<ShadowOptions, 'targets'>): Promise<ShadowProxy> {
		if (!this.#opened) throw new Error('no targets are open');
		const {startShadow} = await import('../../shadow/proxy.js');
		return startShadow({...options, targets: this.#opened.targets});
	}

	async health(): Promise<HealthInfo | undefined> {
		if (!this.#opened) return undefined;
		const {baseline, candidate} = this.#opened.targets;
		const [b, c] = await Promise.all([checkLiveness(baseline), checkLiveness(candidate)]);
		return {baseline: b, candidate: c};
	}

	async dispose(): Promise<void> {
		await this.close();
	}
}
