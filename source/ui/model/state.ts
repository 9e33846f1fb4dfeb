// The explorer's state: what the catalog and the profile are, what each check last showed, and how the user is
// looking at it. Everything the layout draws comes from here; only the reducer changes it.
import type {Catalog, Selection} from '../../catalog/catalog.js';
import type {CheckResult, Observation, RunSummary, Side, SideVersions, TargetInfo} from '../../domain.js';
import type {Liveness} from '../../targets/health.js';
import type {GatewayIdentity} from '../../targets/identify.js';
import type {Profile} from '../../targets/profile-schema.js';
import type {HistoryView} from '../actions/history.js';
import type {LoadProgress} from './load-progress.js';
import type {TrafficState} from './traffic.js';

export const tabs = ['diff', 'baseline', 'candidate', 'headers', 'latency', 'stream', 'exec'] as const;
export type Tab = (typeof tabs)[number];
export const tabTitles: Record<Tab, string> = {
	diff: 'Diff',
	baseline: 'Baseline',
	candidate: 'Candidate',
	headers: 'Headers',
	latency: 'Latency',
	stream: 'Stream',
	exec: 'Exec',
};

/** What one side showed while a check ran: enough for the live stream lanes. */
export type Lane = {
	status?: number;
	headersAtMs?: number;
	chunks: number;
	/** The tail of the streamed text (bounded: the lanes only show the end). */
	text: string;
	/** A tail that could be the start of a secret split across chunks: shown once the next chunk proves it is not. */
	held?: string;
	ttftMs?: number;
	lastAtMs?: number;
	finished: boolean;
	/** The stream ended with [DONE]. */
	done?: boolean;
	steps: string[];
	note?: string;
	/** The latest progress of a load or overhead measurement on this side. */
	load?: LoadProgress;
};

export type CheckStatus = 'idle' | 'queued' | 'running' | 'done' | 'cancelled';

export type CheckState = {
	id: string;
	row: string;
	category: string;
	title: string;
	probe: string;
	status: CheckStatus;
	result?: CheckResult;
	observations?: Partial<Record<Side, Observation>>;
	live?: Record<Side, Lane>;
};

export type RunState = {
	runId: string;
	label: string;
	total: number;
	finished: number;
	startedAt: string;
	cancelling: boolean;
};

export type LastRun = {
	runId: string;
	label: string;
	startedAt: string;
	finishedAt: string;
	durationMs: number;
	cancelled: boolean;
	summary: RunSummary;
	targets: Record<Side, TargetInfo>;
};

export type PickerEntry = {name: string; kind: 'saved' | 'file'; file?: string; description?: string};

export type PromptPurpose = 'filter' | 'save' | 'expected' | 'export' | 'save-expected';

/** The target fields `e` edits: everything of a target that an error can point at. */
export const targetFields = ['url', 'key', 'adminKey', 'pathPrefix', 'upstream', 'otlpPort', 'mlflowUrl', 'container'] as const;
export type TargetField = (typeof targetFields)[number];
export type FormField = {id: `${Side}.${TargetField}`; label: string; value: string; secret: boolean; placeholder?: string};

export type Overlay =
	| {kind: 'help'; offset: number}
	/** `q` while a run is in flight: quitting would cancel it, so the explorer asks first. */
	| {kind: 'confirm-quit'}
	| {kind: 'picker'; entries: PickerEntry[]; index: number}
	/** `suggested`: the value is a proposal; the first key typed replaces it instead of appending to it. */
	| {kind: 'prompt'; purpose: PromptPurpose; label: string; value: string; suggested?: boolean; target?: {check: string; path: string; reason?: string}}
	| {kind: 'form'; fields: FormField[]; index: number}
	/** The pre-flight found a target that does not answer: nothing ran; `y` runs the same selection anyway. */
	| {kind: 'preflight'; lines: string[]; label: string; selection?: Selection}
	/** `H`: the profile's kept runs; `view` arrives once the history folder is read. */
	| {kind: 'history'; profile: string; view?: HistoryView; error?: string; offset: number};

/**
 * What the store hands the reducer with every action: a fresh id and the time. The reducer reads no clock and keeps
 * no counter, so the same actions with the same stamps always give the same state.
 */
export type Stamp = {id: number; at: string};

export type ToastLevel = 'info' | 'warn' | 'error';
export type Toast = {id: number; message: string; level: ToastLevel};

export type ProfileState = {
	spec: Profile;
	/** Where it came from, in words (saved profiles, profiles/demo.yaml, embedded demo…). */
	origin: string;
	/** Edited in the TUI and not saved yet. */
	dirty: boolean;
};

export type Connection = {phase: 'starting' | 'open' | 'failed'; message?: string};

export type Focus = 'matrix' | 'detail';

export type ViewState = {
	/** Key of the line under the cursor: `c:<category>` or `r:<row>`. */
	cursor?: string;
	collapsed: string[];
	filter: string;
	problemsOnly: boolean;
	hideNoise: boolean;
	focus: Focus;
	tab: Tab;
	/** The check the user picked in a row; without one the row's worst check is shown. */
	checkChoice?: {row: string; index: number};
	/** Diff tab: the selected difference; other tabs: the first line shown. */
	detailOffset: number;
};

/** What the last pre-flight learnt of the targets: who answers like LiteLLM, and the run-level notice when one does not. */
export type GatewayState = {identity: GatewayIdentity; notice?: string};

export type ExplorerState = {
	catalog?: Catalog;
	catalogError?: string;
	profile?: ProfileState;
	connection: Connection;
	targets?: Record<Side, TargetInfo>;
	health: Partial<Record<Side, Liveness>>;
	checks: Record<string, CheckState>;
	run?: RunState;
	lastRun?: LastRun;
	view: ViewState;
	overlay?: Overlay;
	toast?: Toast;
	/** Work in progress the spinner stands for when no run is in flight (opening targets…). */
	busy?: string;
	/** `T`: the shadow proxy's live traffic replaces the matrix (the proxy keeps running when the matrix is back). */
	trafficView?: boolean;
	traffic?: TrafficState;
	/** The LiteLLM version each side reports (pre-flight, then the run's events): the header's banner when they differ. */
	versions?: SideVersions;
	/** The pre-flight's gateway identity (what each target turned out to be): the header and its banner show it. */
	gateway?: GatewayState;
};

export function initialState(): ExplorerState {
	return {
		connection: {phase: 'starting'},
		health: {},
		checks: {},
		view: {collapsed: [], filter: '', problemsOnly: false, hideNoise: false, focus: 'matrix', tab: 'diff', detailOffset: 0},
		busy: 'starting…',
	};
}
