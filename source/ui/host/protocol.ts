// The messages between the explorer and its engine host (a child process that opens the targets, embedded
// simulators included, and runs the engine), so rendering can never delay a probe or a simulator's answer.
import type {SelectedRow} from '../../catalog/catalog.js';
import type {RunEvent, Side, TargetInfo} from '../../domain.js';
import type {Preflight} from '../../engine/preflight.js';
import type {RunFinished} from '../../engine/run.js';
import type {Liveness} from '../../targets/health.js';
import type {ShadowExchange} from '../../shadow/exchange.js';
import type {ShadowTotals} from '../../shadow/proxy.js';
import type {RouteSummary} from '../../shadow/route-stats.js';
import type {Profile} from '../../targets/profile-schema.js';

export type HostRequest =
	| {type: 'open'; id: number; profile: Profile}
	| {type: 'close'; id: number}
	/** Probe the open targets once, as a headless run does before it starts. */
	| {type: 'preflight'; id: number; profile: Profile}
	| {type: 'run'; id: number; rows: SelectedRow[]; profile: Profile; preflight?: Preflight}
	| {type: 'cancel'}
	| {type: 'health'; id: number}
	/** Start the shadow proxy on the open targets; the host loads the check files itself for its compare rules. */
	| {type: 'shadow'; id: number; checksDirectory?: string; expected?: Profile['expected']; candidateTimeoutMs?: number}
	| {type: 'shadow-close'; id: number};

export type HostReply = {type: 'reply'; id: number; ok: true; value?: unknown} | {type: 'reply'; id: number; ok: false; message: string; path?: string};

export type HostMessage =
	| HostReply
	/** Run events in order, batched per turn of the host's event loop. */
	| {type: 'events'; run: number; events: RunEvent[]}
	| {type: 'finished'; run: number; finished: RunFinished}
	| {type: 'failed'; run: number; message: string}
	/** Secrets the host learned (resolved keys, virtual keys a sequence created), sent before any event could carry them. */
	| {type: 'secrets'; values: string[]}
	/** The shadow proxy's state, pushed when it changed (the traffic view reads the latest). */
	| {type: 'shadow-snapshot'; snapshot: ShadowSnapshot};

export type ShadowSnapshot = {totals: ShadowTotals; routes: RouteSummary[]; recent: Record<string, ShadowExchange[]>};

export type OpenedInfo = Record<Side, TargetInfo>;
export type HealthInfo = Record<Side, Liveness>;
