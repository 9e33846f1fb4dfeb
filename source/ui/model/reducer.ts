// The one place the explorer's state changes. Actions are a discriminated union; run events arrive in batches.
import type {Catalog, Selection} from '../../catalog/catalog.js';
import type {RunEvent, Side, SideVersions, TargetInfo} from '../../domain.js';
import type {Liveness} from '../../targets/health.js';
import type {Profile} from '../../targets/profile-schema.js';
import type {HistoryView} from '../actions/history.js';
import {foldRunEvents} from './fold-events.js';
import {moveTraffic, stepExchange, type TrafficSnapshot} from './traffic.js';
import {categoryKey, cursorIndex, rowCheckIds, summarizeRow, visibleLines, type MatrixLine} from './selectors.js';
import {tabs, type CheckState, type ExplorerState, type FormField, type GatewayState, type Overlay, type PickerEntry, type PromptPurpose, type Stamp, type Tab, type ToastLevel} from './state.js';
import {acknowledgeDifference} from '../../compare/verdict.js';

export type Action =
	| {type: 'catalog-loaded'; catalog: Catalog}
	| {type: 'catalog-failed'; message: string}
	| {type: 'connecting'; message: string}
	| {type: 'profile-opened'; profile: Profile; origin: string; targets: Record<Side, TargetInfo>; dirty?: boolean}
	| {type: 'profile-failed'; message: string; profile?: Profile; origin?: string}
	| {type: 'profile-updated'; profile: Profile; origin?: string; dirty: boolean}
	| {type: 'health'; side: Side; liveness: Liveness}
	| {type: 'run-requested'; label: string}
	| {type: 'run-events'; events: RunEvent[]}
	| {type: 'run-cancelling'}
	/** The run asked for did not start (the pre-flight failed or the engine refused it). */
	| {type: 'run-not-started'}
	/** What the pre-flight saw: the versions each side reports. */
	| {type: 'versions'; versions: SideVersions}
	/** What the pre-flight made of the targets: who answers like LiteLLM (and the notice when one does not). */
	| {type: 'gateway'; gateway: GatewayState}
	| {type: 'open-preflight'; lines: string[]; label: string; selection?: Selection}
	| {type: 'move'; delta: number}
	| {type: 'move-to'; where: 'top' | 'bottom'}
	| {type: 'toggle-category'}
	| {type: 'focus'; focus: 'matrix' | 'detail'}
	| {type: 'tab'; delta: number}
	| {type: 'tab-set'; tab: Tab}
	| {type: 'check-step'; delta: number}
	| {type: 'traffic-view'; show: boolean}
	| {type: 'traffic-snapshot'; snapshot: TrafficSnapshot}
	| {type: 'traffic-move'; delta: number}
	| {type: 'traffic-exchange'; delta: number}
	| {type: 'detail-move'; delta: number; max: number}
	| {type: 'filter'; text: string}
	| {type: 'clear-filter'}
	| {type: 'toggle-problems'}
	| {type: 'toggle-noise'}
	| {type: 'open-help'}
	| {type: 'open-confirm-quit'}
	| {type: 'open-picker'; entries: PickerEntry[]; current?: string}
	| {type: 'open-prompt'; purpose: PromptPurpose; label: string; value?: string; suggested?: boolean; target?: {check: string; path: string; reason?: string}}
	| {type: 'open-form'; fields: FormField[]; index?: number}
	| {type: 'open-history'; profile: string}
	| {type: 'history-loaded'; profile: string; view?: HistoryView; error?: string}
	| {type: 'overlay-scroll'; delta: number; max: number}
	| {type: 'close-overlay'}
	| {type: 'picker-move'; delta: number}
	| {type: 'text-input'; text: string}
	| {type: 'text-delete'}
	| {type: 'text-clear'}
	| {type: 'form-field'; delta: number}
	| {type: 'mark-expected'; check: string; path: string; reason: string}
	| {type: 'toast'; message: string; level?: ToastLevel}
	| {type: 'toast-expired'; id: number};

function withToast(state: ExplorerState, stamp: Stamp, message: string, level: ToastLevel = 'info'): ExplorerState {
	return {...state, toast: {id: stamp.id, message, level}};
}

/** A check slot per catalog check (and per check-less row), with nothing run yet. */
export function checksFromCatalog(catalog: Catalog): Record<string, CheckState> {
	const checks: Record<string, CheckState> = {};
	for (const category of catalog.categories) {
		for (const row of category.rows) {
			const ids = rowCheckIds(row);
			ids.forEach((id, index) => {
				const check = row.checks[index];
				checks[id] = {id, row: row.id, category: category.id, title: check?.title ?? row.feature, probe: check?.probe ?? 'none', status: 'idle'};
			});
		}
	}

	return checks;
}

function resetResults(checks: Record<string, CheckState>): Record<string, CheckState> {
	return Object.fromEntries(Object.entries(checks).map(([id, check]) => [id, {...check, status: 'idle' as const, result: undefined, observations: undefined, live: undefined}]));
}

function moveCursor(state: ExplorerState, lines: MatrixLine[], index: number): ExplorerState {
	if (lines.length === 0) return state;
	const clamped = Math.max(0, Math.min(lines.length - 1, index));
	const cursor = lines[clamped]!.key;
	if (cursor === state.view.cursor) return state;
	return {...state, view: {...state.view, cursor, detailOffset: 0}};
}

function updateOverlay(state: ExplorerState, update: (overlay: Overlay) => Overlay | undefined): ExplorerState {
	if (!state.overlay) return state;
	const overlay = update(state.overlay);
	return overlay === state.overlay ? state : {...state, overlay};
}

function editText(overlay: Overlay, change: (value: string) => string, replacing = false): Overlay {
	// A suggested value is replaced by what the user types (never `my-demomy-demo`); editing keys keep it.
	if (overlay.kind === 'prompt') return {...overlay, value: change(replacing && overlay.suggested ? '' : overlay.value), suggested: false};
	if (overlay.kind === 'form') {
		const fields = overlay.fields.map((field, index) => (index === overlay.index ? {...field, value: change(field.value)} : field));
		return {...overlay, fields};
	}

	return overlay;
}

/** The filter prompt filters live as the user types. */
function syncFilter(state: ExplorerState): ExplorerState {
	const overlay = state.overlay;
	if (overlay?.kind !== 'prompt' || overlay.purpose !== 'filter' || overlay.value === state.view.filter) return state;
	return {...state, view: {...state.view, filter: overlay.value, detailOffset: 0}};
}

/**
 * The row under the cursor shows its worst check unless the user picked one. Results arriving would move "worst"
 * from check to check under the user's eyes: before they land, the check on screen becomes the picked one.
 */
function pinShownCheck(state: ExplorerState): ExplorerState {
	const lines = visibleLines(state);
	const line = lines[cursorIndex(lines, state.view.cursor)];
	if (line?.kind !== 'row' || state.view.checkChoice?.row === line.row.id) return state;
	const summary = summarizeRow(line.row, state.checks);
	if (summary.checks.length <= 1) return state;
	return {...state, view: {...state.view, checkChoice: {row: line.row.id, index: summary.leadIndex}}};
}

/** Pure: the next state from the state, the action and its stamp (ids and times come in with the action). */
export function reducer(state: ExplorerState, action: Action, stamp: Stamp): ExplorerState {
	switch (action.type) {
		case 'catalog-loaded': {
			const checks = checksFromCatalog(action.catalog);
			const first = action.catalog.categories[0];
			return {...state, catalog: action.catalog, catalogError: undefined, checks, view: {...state.view, cursor: state.view.cursor ?? (first ? categoryKey(first.id) : undefined)}};
		}

		case 'catalog-failed':
			return withToast({...state, catalogError: action.message}, stamp, action.message, 'error');

		case 'connecting':
			return {...state, busy: action.message, connection: {phase: 'starting', message: action.message}};

		case 'profile-opened':
			return {
				...state,
				profile: {spec: action.profile, origin: action.origin, dirty: action.dirty ?? false},
				targets: action.targets,
				connection: {phase: 'open'},
				health: {},
				busy: undefined,
				// Results (and the versions seen) belong to the targets they were taken from.
				checks: resetResults(state.checks),
				lastRun: undefined,
				versions: undefined,
				gateway: undefined,
			};

		case 'profile-failed':
			return withToast(
				{
					...state,
					versions: undefined,
					gateway: undefined,
					profile: action.profile ? {spec: action.profile, origin: action.origin ?? '', dirty: false} : state.profile,
					targets: undefined,
					connection: {phase: 'failed', message: action.message},
					busy: undefined,
					health: {},
					// The previous profile's results must not pass for this one's, even when its targets did not open.
					checks: action.profile ? resetResults(state.checks) : state.checks,
					lastRun: action.profile ? undefined : state.lastRun,
				},
				stamp,
				action.message,
				'error',
			);

		case 'profile-updated':
			return {...state, profile: {spec: action.profile, origin: action.origin ?? state.profile?.origin ?? '', dirty: action.dirty}};

		case 'health': {
			// The dot and its reason are what is drawn: a poll that changes neither changes nothing (no redraw).
			const before = state.health[action.side];
			const {ok, status, error} = action.liveness;
			if (before && before.ok === ok && before.status === status && before.error === error) return state;
			return {...state, health: {...state.health, [action.side]: action.liveness}};
		}

		case 'run-requested':
			// The footer shows this run's progress, not the toast of the previous one.
			return {...state, toast: undefined, run: {runId: '', label: action.label, total: 0, finished: 0, startedAt: stamp.at, cancelling: false}};

		case 'run-events':
			return foldRunEvents(pinShownCheck(state), action.events, stamp);

		case 'run-not-started':
			return state.run ? {...state, run: undefined} : state;

		case 'versions': {
			// Asked again before every run: the same versions change nothing (no redraw).
			const versions = {...state.versions, ...action.versions};
			const same = Object.keys(versions).length === Object.keys(state.versions ?? {}).length && Object.entries(versions).every(([side, version]) => state.versions?.[side as Side] === version);
			return same ? state : {...state, versions};
		}

		case 'gateway':
			// Asked again before every run: the same answer changes nothing (no redraw).
			return JSON.stringify(state.gateway) === JSON.stringify(action.gateway) ? state : {...state, gateway: action.gateway};

		case 'open-preflight':
			return {...state, run: undefined, overlay: {kind: 'preflight', lines: action.lines, label: action.label, selection: action.selection}};

		case 'run-cancelling':
			return state.run ? {...state, run: {...state.run, cancelling: true}} : state;

		case 'move': {
			const lines = visibleLines(state);
			return moveCursor(state, lines, cursorIndex(lines, state.view.cursor) + action.delta);
		}

		case 'move-to': {
			const lines = visibleLines(state);
			return moveCursor(state, lines, action.where === 'top' ? 0 : lines.length - 1);
		}

		case 'toggle-category': {
			const lines = visibleLines(state);
			const line = lines[cursorIndex(lines, state.view.cursor)];
			if (!line) return state;
			const id = line.category.id;
			const collapsed = state.view.collapsed.includes(id) ? state.view.collapsed.filter(entry => entry !== id) : [...state.view.collapsed, id];
			// Folding from a row moves the cursor to its category, which stays visible.
			return {...state, view: {...state.view, collapsed, cursor: categoryKey(id), detailOffset: 0}};
		}

		case 'focus':
			return {...state, view: {...state.view, focus: action.focus, detailOffset: 0}};

		case 'tab': {
			const index = (tabs.indexOf(state.view.tab) + action.delta + tabs.length) % tabs.length;
			return {...state, view: {...state.view, tab: tabs[index]!, detailOffset: 0}};
		}

		case 'tab-set':
			return {...state, view: {...state.view, tab: action.tab, detailOffset: 0}};

		case 'traffic-view':
			return {...state, trafficView: action.show, view: {...state.view, focus: 'matrix', detailOffset: 0}};
		case 'traffic-snapshot':
			return {...state, traffic: {route: state.traffic?.route, exchange: state.traffic?.exchange ?? 0, ...action.snapshot}};
		case 'traffic-move':
			return state.traffic ? {...state, traffic: moveTraffic(state.traffic, action.delta), view: {...state.view, detailOffset: 0}} : state;
		case 'traffic-exchange':
			return state.traffic ? {...state, traffic: stepExchange(state.traffic, action.delta), view: {...state.view, detailOffset: 0}} : state;
		case 'check-step': {
			const lines = visibleLines(state);
			const line = lines[cursorIndex(lines, state.view.cursor)];
			if (line?.kind !== 'row') return state;
			const summary = summarizeRow(line.row, state.checks);
			const count = summary.checks.length;
			if (count <= 1) return state;
			const current = state.view.checkChoice?.row === line.row.id ? state.view.checkChoice.index : summary.leadIndex;
			const index = (current + action.delta + count) % count;
			return {...state, view: {...state.view, checkChoice: {row: line.row.id, index}, detailOffset: 0}};
		}

		case 'detail-move': {
			const detailOffset = Math.max(0, Math.min(action.max, state.view.detailOffset + action.delta));
			return detailOffset === state.view.detailOffset ? state : {...state, view: {...state.view, detailOffset}};
		}

		case 'filter':
			return {...state, view: {...state.view, filter: action.text, detailOffset: 0}};

		case 'clear-filter':
			if (!state.view.filter && !state.view.problemsOnly) return state;
			return {...state, view: {...state.view, filter: '', problemsOnly: false}};

		case 'toggle-problems':
			return withToast({...state, view: {...state.view, problemsOnly: !state.view.problemsOnly}}, stamp, state.view.problemsOnly ? 'showing every row' : 'showing problems only (gap, drift, both-fail, error)');

		case 'toggle-noise':
			return withToast({...state, view: {...state.view, hideNoise: !state.view.hideNoise, detailOffset: 0}}, stamp, state.view.hideNoise ? 'noise differences shown (dimmed)' : 'noise differences hidden');

		case 'open-help':
			return {...state, overlay: {kind: 'help', offset: 0}};

		case 'open-confirm-quit':
			return {...state, overlay: {kind: 'confirm-quit'}};

		case 'open-picker': {
			const index = Math.max(0, action.entries.findIndex(entry => entry.name === action.current));
			return {...state, overlay: {kind: 'picker', entries: action.entries, index}};
		}

		case 'open-prompt':
			return syncFilter({...state, overlay: {kind: 'prompt', purpose: action.purpose, label: action.label, value: action.value ?? '', suggested: action.suggested, target: action.target}});

		case 'open-form':
			return {...state, overlay: {kind: 'form', fields: action.fields, index: Math.max(0, Math.min(action.fields.length - 1, action.index ?? 0))}};

		case 'open-history':
			return {...state, overlay: {kind: 'history', profile: action.profile, offset: 0}};

		case 'history-loaded':
			// Only into the overlay it was read for: closed or reopened for another profile meanwhile, it is dropped.
			return updateOverlay(state, overlay => (overlay.kind === 'history' && overlay.profile === action.profile ? {...overlay, view: action.view, error: action.error} : overlay));

		case 'overlay-scroll':
			return updateOverlay(state, overlay => {
				if (overlay.kind !== 'history' && overlay.kind !== 'help') return overlay;
				const offset = Math.max(0, Math.min(action.max, overlay.offset + action.delta));
				return offset === overlay.offset ? overlay : {...overlay, offset};
			});

		case 'close-overlay':
			return state.overlay ? {...state, overlay: undefined} : state;

		case 'picker-move':
			return updateOverlay(state, overlay => {
				if (overlay.kind !== 'picker' || overlay.entries.length === 0) return overlay;
				const index = (overlay.index + action.delta + overlay.entries.length) % overlay.entries.length;
				return {...overlay, index};
			});

		case 'text-input':
			return syncFilter(updateOverlay(state, overlay => editText(overlay, value => value + action.text, true)));

		case 'text-delete':
			return syncFilter(updateOverlay(state, overlay => editText(overlay, value => [...value].slice(0, -1).join(''))));

		case 'text-clear':
			return syncFilter(updateOverlay(state, overlay => editText(overlay, () => '')));

		case 'form-field':
			return updateOverlay(state, overlay => {
				if (overlay.kind !== 'form') return overlay;
				const index = (overlay.index + action.delta + overlay.fields.length) % overlay.fields.length;
				return {...overlay, index};
			});

		case 'mark-expected': {
			const check = state.checks[action.check];
			if (!check?.result) return state;
			// The verdict follows the run's rule: expected once every finding is acknowledged, else drift saying which are.
			return {...state, checks: {...state.checks, [action.check]: {...check, result: acknowledgeDifference(check.result, action.path, action.reason)}}};
		}

		case 'toast':
			return withToast(state, stamp, action.message, action.level);

		case 'toast-expired':
			return state.toast?.id === action.id ? {...state, toast: undefined} : state;
	}
}
