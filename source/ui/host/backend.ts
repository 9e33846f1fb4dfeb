// Where the explorer's targets live and its runs execute. The real explorer uses the child-process host; tests may
// run the engine inline or script the events.
import type {SelectedRow} from '../../catalog/catalog.js';
import type {RunEvent} from '../../domain.js';
import type {Preflight} from '../../engine/preflight.js';
import type {RunFinished} from '../../engine/run.js';
import type {Profile} from '../../targets/profile-schema.js';
import type {ShadowOptions, ShadowProxy} from '../../shadow/proxy.js';
import type {HealthInfo, OpenedInfo} from './protocol.js';

export type HostedRun = {events: AsyncIterable<RunEvent>; finished: Promise<RunFinished>};

export interface EngineBackend {
	/** Close what is open, then open the profile's targets (embedded ones started); resolves with their URLs. */
	open(profile: Profile): Promise<OpenedInfo>;
	close(): Promise<void>;
	/** Probe the open targets once (does each answer, which version, does it answer like LiteLLM). */
	preflight(profile: Profile): Promise<Preflight>;
	/** Start a run on the open targets, judged with what the pre-flight saw; aborting the signal cancels it. */
	run(rows: SelectedRow[], profile: Profile, signal: AbortSignal, preflight?: Preflight): HostedRun;
	/** Liveness of both open targets (undefined when none are open). */
	health(): Promise<HealthInfo | undefined>;
	/** Start the shadow proxy on the open targets (the traffic view). */
	shadow(options: Omit<ShadowOptions, 'targets'>): Promise<ShadowProxy>;
	/** Stop everything for good. */
	dispose(): Promise<void>;
}
