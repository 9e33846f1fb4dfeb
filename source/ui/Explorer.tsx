// The container: owns the state (an external store around the reducer), the live resources (through Session) and
// every action; the one keypress dispatcher lives here. Everything it draws is the pure Layout.
import path from 'node:path';
import {useApp, useInput, useStdout, type Key} from 'ink';
import React, {useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore} from 'react';
import {loadCatalog as loadShippedCatalog, selectRows, type Catalog, type Selection} from '../catalog/catalog.js';
import {sides, type RunEvent, type SideVersions} from '../domain.js';
import {errorMessage} from '../errors.js';
import {deadTargetLines, type Preflight} from '../engine/preflight.js';
import {historyDirectory} from '../history/history.js';
import {chooseProfile, type ProfileChoice} from '../targets/choose-profile.js';
import {identityNotice} from '../targets/identify.js';
import {flavourOf} from '../targets/profile-schema.js';
import {loadProfileFile, type ProfileStore} from '../targets/profiles.js';
import type {Profile} from '../targets/profile-schema.js';
import type {TargetPair} from '../targets/target.js';
import type {OpenedInfo} from './host/protocol.js';
import {describeExport, exportReport, recordFromState, reportsDirectory} from './actions/export-report.js';
import {keepRun, loadHistory, watchEvents} from './actions/history.js';
import {applyTargetEdits, fieldIndexFor, formFieldsFor, pickerEntries, withExpectedEntry} from './actions/profile-edits.js';
import {detailScroll, matrixPage, screenGeometry} from './components/geometry.js';
import {Layout} from './components/Layout.js';
import {diffRows} from './components/tabs/DiffTab.js';
import {useHealth} from './hooks/use-health.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {useTicker} from './hooks/use-ticker.js';
import {useToastExpiry} from './hooks/use-toast-expiry.js';
import {useTraffic} from './hooks/use-traffic.js';
import {activeContexts} from './keys/contexts.js';
import type {ActionId} from './keys/keymap.js';
import {resolveAction, splitKeypresses, typedText} from './keys/resolve.js';
import {consumeRun} from './model/consume-run.js';
import {summaryLine} from './format.js';
import {cursorIndex, problemCheckIds, selectedCheckIndex, summarizeRow, visibleLines} from './model/selectors.js';
import {tabs, type ExplorerState, type GatewayState} from './model/state.js';
import {createExplorerStore, type ExplorerStore} from './model/store.js';
import type {Session} from './session.js';
import {keysFor} from './keys/keymap.js';

export type ExplorerProps = {
	choice: ProfileChoice;
	store: ProfileStore;
	session: Session;
	/** Called once when the user quits; the caller unmounts and releases the session. */
	onExit: (code: number) => void;
	loadCatalog?: () => Promise<Catalog>;
	/** The folder `E` proposes for reports (default: the user's reports folder, see reportsDirectory). */
	exportDirectory?: string;
	/** Folders the picker lists profile files from (default: ./profiles and the package's). */
	profileFolders?: string[];
	/** Called before a resize redraw (the real terminal clears the screen here). */
	onResize?: () => void;
	healthIntervalMs?: number;
	/** For tests: the store to drive (default: a fresh one). */
	explorerStore?: ExplorerStore;
	/** Keys pressed before the explorer was loaded (on the starting screen), replayed once it is. */
	earlyKeys?: Array<[string, Key]>;
	/** Where runs of everything are kept and `H` reads them (default: the user's history folder, as headless runs). */
	historyDirectory?: string;
};

/** What the pre-flight made of the targets, worded as the headless run's notice (identityNotice) for the header. */
function gatewayOf(preflight: Preflight, profile: Profile): GatewayState {
	const notice = identityNotice(flavourOf(profile), preflight.identity);
	return {identity: preflight.identity, ...(notice ? {notice} : {})};
}

/** The versions the pre-flight saw on each side (for the header's banner). */
function versionsOf(preflight: Preflight): SideVersions {
	const versions: SideVersions = {};
	for (const side of sides) if (preflight.reach[side].version) versions[side] = preflight.reach[side].version;
	return versions;
}

function isEmbedded(profile: Profile): boolean {
	return Boolean(profile.baseline.embedded ?? profile.candidate.embedded);
}

export function Explorer(props: ExplorerProps) {
	const {session, store: profiles} = props;
	const {exit} = useApp();
	const {stdout} = useStdout();
	const store = useMemo(() => props.explorerStore ?? createExplorerStore(), [props.explorerStore]);
	const state = useSyncExternalStore(store.subscribe, store.getState);
	const {dispatch, getState} = store;
	const size = useTerminalSize(stdout, props.onResize);
	const frame = useTicker(Boolean(state.run || state.busy));
	const [targets, setTargets] = useState<OpenedInfo>();
	const generation = useRef(0);
	const exiting = useRef(false);
	const pollHealth = useCallback(async () => session.health(), [session]);
	useHealth(targets, pollHealth, dispatch, props.healthIntervalMs);
	useToastExpiry(state.toast, dispatch);
	// The traffic view starts its proxy the first time it is shown and keeps it while the matrix is back.
	const [trafficWanted, setTrafficWanted] = useState(false);
	// The hook only uses the targets as "open, and which": the URLs the engine host reported stand in for them.
	useTraffic(session, trafficWanted, targets as unknown as TargetPair | undefined, state.catalog, state.profile?.spec, dispatch, message => dispatch({type: 'toast', message, level: 'error'}));

	const toast = useCallback((message: string, level: 'info' | 'warn' | 'error' = 'info') => dispatch({type: 'toast', message, level}), [dispatch]);

	const openProfile = useCallback(
		async (profile: Profile, origin: string, dirty = false): Promise<boolean> => {
			generation.current++;
			setTargets(undefined);
			dispatch({type: 'connecting', message: isEmbedded(profile) ? 'starting the embedded simulators…' : `opening ${profile.name}…`});
			try {
				const opened = await session.open(profile);
				setTargets(opened);
				dispatch({type: 'profile-opened', profile, origin, dirty, targets: {baseline: {url: opened.baseline.url}, candidate: {url: opened.candidate.url}}});
				// Ask the targets once now, so the version banner is up before the first run (a run asks again).
				const mine = generation.current;
				session.preflight(profile).then(
					preflight => {
						if (generation.current !== mine) return;
						dispatch({type: 'versions', versions: versionsOf(preflight)});
						dispatch({type: 'gateway', gateway: gatewayOf(preflight, profile)});
					},
					() => undefined,
				);
				return true;
			} catch (error) {
				if (!exiting.current) dispatch({type: 'profile-failed', message: errorMessage(error), profile, origin});
				return false;
			}
		},
		[session, dispatch],
	);

	// Start: draw first, then load the catalog and open the targets side by side.
	useEffect(() => {
		(props.loadCatalog ?? loadShippedCatalog)().then(
			catalog => dispatch({type: 'catalog-loaded', catalog}),
			(error: unknown) => dispatch({type: 'catalog-failed', message: errorMessage(error)}),
		);
		chooseProfile(props.choice, profiles).then(
			chosen => openProfile(chosen.profile, chosen.origin),
			(error: unknown) => dispatch({type: 'profile-failed', message: errorMessage(error)}),
		);
	}, []);

	const quit = useCallback(() => {
		if (exiting.current) return;
		exiting.current = true;
		session.cancel();
		props.onExit(0);
		exit();
	}, [session, exit, props.onExit]);

	const history = props.historyDirectory ?? historyDirectory();

	/** A finished (not cancelled) run of everything goes into the history, exactly as a headless run does. */
	const keep = useCallback(
		async (started: Extract<RunEvent, {type: 'run-started'}> | undefined, finished: Extract<RunEvent, {type: 'run-finished'}>, label: string) => {
			if (!started || finished.cancelled) return;
			try {
				await keepRun(started, finished, history);
				toast(`${summaryLine(label, finished)} · kept in the history (${keysFor('history')} compares)`);
			} catch (error) {
				toast(`could not keep this run in the history: ${errorMessage(error)}`, 'warn');
			}
		},
		[history, toast],
	);

	/** A run asked for while the checks or the targets are still loading (a key pressed at start-up) waits for them. */
	const pendingRun = useRef<{selection: Selection | undefined; label: string} | undefined>(undefined);
	/** Bumped when Esc cancels a run still waiting for its pre-flight: that run then never starts. */
	const preflightTicket = useRef(0);
	const runSelection = useCallback(
		async (selection: Selection | undefined, label: string, runAnyway = false) => {
			const current = getState();
			if (current.run) return toast(`a run is in flight: ${keysFor('cancel', 'running')} cancels it`, 'warn');
			const loading = (!current.catalog && !current.catalogError) || current.connection.phase === 'starting';
			if (loading) {
				pendingRun.current = {selection, label};
				return toast(`${label}: starts as soon as the checks and the targets are ready`);
			}

			if (!current.catalog) return toast('the checks could not be loaded', 'warn');
			if (!current.profile || !session.targets) return toast(`no targets are open: ${keysFor('profiles')} picks a profile, ${keysFor('edit-targets')} edits the targets`, 'warn');
			let rows;
			try {
				rows = selectRows(current.catalog, selection);
			} catch (error) {
				return toast(errorMessage(error), 'error');
			}

			if (rows.length === 0) return toast('nothing to run', 'warn');
			const mine = generation.current;
			const isCurrent = () => generation.current === mine;
			const profile = current.profile.spec;
			dispatch({type: 'run-requested', label});
			// Pre-flight, as the headless run: a target that does not answer at all stops the run before it starts
			// (one line per target, y runs anyway) instead of every check timing out against it.
			const ticket = ++preflightTicket.current;
			let preflight: Preflight;
			try {
				preflight = await session.preflight(profile);
			} catch (error) {
				if (!isCurrent() || ticket !== preflightTicket.current) return;
				dispatch({type: 'run-not-started'});
				return toast(errorMessage(error), 'error');
			}

			if (!isCurrent() || exiting.current || ticket !== preflightTicket.current) return;
			dispatch({type: 'versions', versions: versionsOf(preflight)});
			dispatch({type: 'gateway', gateway: gatewayOf(preflight, profile)});
			const dead = deadTargetLines(preflight.reach, getState().targets ?? session.targets!);
			if (dead.length > 0 && !runAnyway) return dispatch({type: 'open-preflight', lines: dead, label, selection});
			let run;
			try {
				run = session.run(rows, profile, preflight);
			} catch (error) {
				dispatch({type: 'run-not-started'});
				return toast(errorMessage(error), 'error');
			}

			let started: Extract<RunEvent, {type: 'run-started'}> | undefined;
			const events = watchEvents(run.events, event => {
				if (event.type === 'run-started') started = event;
			});
			void consumeRun(events, dispatch, isCurrent)
				.then(async () => {
					// Only a run of everything is a run worth comparing with the next one.
					if (selection === undefined && isCurrent()) await keep(started, await run.finished, label);
				})
				.catch((error: unknown) => toast(errorMessage(error), 'error'));
		},
		[getState, dispatch, session, toast, keep],
	);

	const selected = () => {
		const current = getState();
		const lines = visibleLines(current);
		return lines[cursorIndex(lines, current.view.cursor)];
	};

	const selectedCheck = (current: ExplorerState) => {
		const line = selected();
		if (line?.kind !== 'row') return undefined;
		const summary = summarizeRow(line.row, current.checks);
		return summary.checks[selectedCheckIndex(summary, current.view, line.row.id)];
	};

	const confirmPrompt = async (current: ExplorerState) => {
		const overlay = current.overlay;
		if (overlay?.kind !== 'prompt') return;
		const value = overlay.value.trim();
		switch (overlay.purpose) {
			case 'filter':
				dispatch({type: 'close-overlay'});
				return;
			case 'save': {
				if (!current.profile) return toast('no profile to save yet', 'warn');
				if (!/^[\w.-]+$/.test(value)) return toast('profile names are letters, digits, dots, - and _', 'error');
				try {
					const saved = profiles.save({...current.profile.spec, name: value});
					profiles.setActive(saved.name);
					dispatch({type: 'close-overlay'});
					dispatch({type: 'profile-updated', profile: saved, origin: 'saved profiles', dirty: false});
					toast(`saved profile '${saved.name}' (active from now on) in ${profiles.path}`);
				} catch (error) {
					toast(`cannot save: ${errorMessage(error)}`, 'error');
				}

				return;
			}

			case 'export':
				if (!value) return toast('name a folder for the reports', 'warn');
				dispatch({type: 'close-overlay'});
				return doExport(value);
			case 'expected': {
				const target = overlay.target;
				if (!target || !current.profile) return dispatch({type: 'close-overlay'});
				if (!value) return toast('a reason is required: say why this difference is fine', 'warn');
				// A shipped profile file (the demo, profiles/*.yaml) is not rewritten, and a saved copy would hide it:
				// ask under which name to save the profile with this difference.
				const stored = ['saved profiles', 'active profile'].some(origin => current.profile!.origin.startsWith(origin));
				if (!stored) {
					const name = current.profile.spec.name === 'demo' ? 'my-demo' : `my-${current.profile.spec.name}`;
					return dispatch({type: 'open-prompt', purpose: 'save-expected', label: `'${current.profile.spec.name}' is a shipped file; save it with this difference as profile:`, value: name, suggested: true, target: {...target, reason: value}});
				}

				return saveExpected(current.profile.spec, {check: target.check, path: target.path, reason: value}, current.profile.dirty);
			}

			case 'save-expected': {
				const target = overlay.target;
				if (!target?.reason || !current.profile) return dispatch({type: 'close-overlay'});
				if (!/^[\w.-]+$/.test(value)) return toast('profile names are letters, digits, dots, - and _', 'error');
				if (value === current.profile.spec.name) return toast(`'${value}' is the shipped file's name: a saved profile of that name would hide it; pick another`, 'warn');
				return saveExpected({...current.profile.spec, name: value}, {check: target.check, path: target.path, reason: target.reason}, false, true);
			}
		}
	};

	/** Save the profile with one more acknowledged difference, mark it on screen; a new name becomes the active profile. */
	const saveExpected = (spec: Profile, entry: {check: string; path: string; reason: string}, dirty: boolean, renamed = false) => {
		try {
			// The entry pins both sides' values: a later run with other values is a finding again.
			const seen = getState().checks[entry.check]?.result?.differences.find(difference => difference.path === entry.path);
			const updated = withExpectedEntry(spec, {...entry, ...(seen && seen.kind !== 'latency' ? {baseline: seen.baseline, candidate: seen.candidate} : {})});
			profiles.save(updated);
			if (renamed) profiles.setActive(updated.name);
			dispatch({type: 'close-overlay'});
			dispatch({type: 'profile-updated', profile: updated, dirty, ...(renamed ? {origin: 'saved profiles'} : {})});
			dispatch({type: 'mark-expected', check: entry.check, path: entry.path, reason: entry.reason});
			toast(`${entry.path} on ${entry.check} is expected now (saved in profile '${updated.name}'${renamed ? `, active from now on, in ${profiles.path}` : ''}); ${keysFor('run-row')} reruns the row`);
		} catch (error) {
			toast(`cannot save: ${errorMessage(error)}`, 'error');
		}
	};

	const switchProfile = async (current: ExplorerState) => {
		const overlay = current.overlay;
		if (overlay?.kind !== 'picker') return;
		const entry = overlay.entries[overlay.index];
		dispatch({type: 'close-overlay'});
		if (!entry) return;
		let profile: Profile | undefined;
		try {
			profile = entry.kind === 'saved' ? profiles.get(entry.name) : await loadProfileFile(entry.file!);
		} catch (error) {
			return toast(errorMessage(error), 'error');
		}

		if (!profile) return toast(`profile '${entry.name}' is gone`, 'error');
		const origin = entry.kind === 'saved' ? 'saved profiles' : (entry.description ?? entry.name);
		if (await openProfile(profile, origin)) {
			// Only make it the start-up profile when its name finds this very profile again.
			const shadowed = entry.kind === 'file' && profiles.names().includes(entry.name);
			if (!shadowed) profiles.setActive(entry.name);
			toast(`switched to '${entry.name}'`);
		}
	};

	const applyForm = async (current: ExplorerState) => {
		const overlay = current.overlay;
		if (overlay?.kind !== 'form' || !current.profile) return;
		let next: Profile;
		try {
			next = applyTargetEdits(current.profile.spec, overlay.fields);
		} catch (error) {
			return toast(errorMessage(error), 'error');
		}

		dispatch({type: 'close-overlay'});
		const origin = current.profile.origin.endsWith('(edited)') ? current.profile.origin : `${current.profile.origin} (edited)`;
		if (await openProfile(next, origin, true)) toast(`targets updated; ${keysFor('save-profile')} saves them as a profile`);
	};

	const doExport = async (directory: string) => {
		const current = getState();
		const record = recordFromState(current);
		if (!record || !current.catalog) return toast(`nothing to export yet: run something first (${keysFor('run-all')} runs everything)`, 'warn');
		try {
			const written = await exportReport(record, path.resolve(directory), {catalog: current.catalog, failOn: current.profile?.spec.options.failOn});
			toast(`reports written: ${describeExport(written)}`);
		} catch (error) {
			toast(`cannot write the report: ${errorMessage(error)}`, 'error');
		}
	};

	const openHistory = async () => {
		const profile = getState().profile?.spec.name;
		if (!profile) return toast(`no profile yet: ${keysFor('profiles')} picks one`, 'warn');
		dispatch({type: 'open-history', profile});
		try {
			dispatch({type: 'history-loaded', profile, view: await loadHistory(profile, history)});
		} catch (error) {
			dispatch({type: 'history-loaded', profile, error: errorMessage(error)});
		}
	};

	/** Keys that mean something else while the traffic view replaces the matrix; undefined: the usual meaning. */
	const performInTraffic = (action: ActionId, current: ExplorerState): boolean => {
		if (!current.trafficView || current.overlay) return false;
		const inDetail = current.view.focus === 'detail';
		switch (action) {
			case 'move-down':
			case 'move-up':
				if (inDetail) return false;
				dispatch({type: 'traffic-move', delta: action === 'move-down' ? 1 : -1});
				return true;
			case 'page-down':
			case 'page-up':
				if (inDetail) return false;
				dispatch({type: 'traffic-move', delta: (action === 'page-down' ? 1 : -1) * matrixPage(screenGeometry(size, current))});
				return true;
			case 'top':
			case 'bottom':
				dispatch({type: 'traffic-move', delta: action === 'top' ? -1e6 : 1e6});
				return true;
			case 'open':
				dispatch({type: 'focus', focus: 'detail'});
				return true;
			case 'collapse':
			case 'clear-filter':
				return true;
			case 'next-check':
			case 'prev-check':
				dispatch({type: 'traffic-exchange', delta: action === 'next-check' ? 1 : -1});
				return true;
			case 'run-row':
			case 'run-category':
			case 'run-all':
			case 'run-problems':
			case 'mark-expected':
				toast(`the traffic view shows the shadow proxy: ${keysFor('traffic')} goes back to the matrix to run checks`, 'warn');
				return true;
			default:
				return false;
		}
	};

	const perform = (action: ActionId) => {
		const current = getState();
		const {overlay, view} = current;
		const inDetail = view.focus === 'detail';
		if (performInTraffic(action, current)) return;
		switch (action) {
			case 'quit':
				// Quitting cancels the run in flight: ask first (Ctrl+C never asks).
				if (current.run && overlay?.kind !== 'confirm-quit' && !current.run.cancelling) return dispatch({type: 'open-confirm-quit'});
				return quit();
			case 'quit-now':
				return quit();
			case 'run-anyway':
				if (overlay?.kind !== 'preflight') return;
				dispatch({type: 'close-overlay'});
				return void runSelection(overlay.selection, overlay.label, true);
			case 'help':
				return dispatch({type: 'open-help'});
			case 'close':
				if (overlay?.kind === 'prompt' && overlay.purpose === 'filter') dispatch({type: 'filter', text: ''});
				return dispatch({type: 'close-overlay'});
			case 'move-down':
			case 'move-up': {
				const delta = action === 'move-down' ? 1 : -1;
				if (overlay?.kind === 'picker') return dispatch({type: 'picker-move', delta});
				if (overlay?.kind === 'history' || overlay?.kind === 'help') return dispatch({type: 'overlay-scroll', delta, max: detailScroll(current, size).max});
				if (inDetail) return dispatch({type: 'detail-move', delta, max: detailScroll(current, size).max});
				return dispatch({type: 'move', delta});
			}

			case 'page-down':
			case 'page-up': {
				const sign = action === 'page-down' ? 1 : -1;
				if (overlay?.kind === 'history' || overlay?.kind === 'help' || inDetail) {
					const scroll = detailScroll(current, size);
					return dispatch({type: inDetail && !overlay ? 'detail-move' : 'overlay-scroll', delta: sign * scroll.page, max: scroll.max});
				}

				return dispatch({type: 'move', delta: sign * matrixPage(screenGeometry(size, current))});
			}

			case 'top':
				return dispatch({type: 'move-to', where: 'top'});
			case 'bottom':
				return dispatch({type: 'move-to', where: 'bottom'});
			case 'open': {
				const line = selected();
				if (!line) return;
				if (line.kind === 'category') return dispatch({type: 'toggle-category'});
				return dispatch({type: 'focus', focus: 'detail'});
			}

			case 'collapse':
				return dispatch({type: 'toggle-category'});
			case 'back':
				return dispatch({type: 'focus', focus: 'matrix'});
			case 'clear-filter':
				return dispatch({type: 'clear-filter'});
			case 'next-check':
				return dispatch({type: 'check-step', delta: 1});
			case 'prev-check':
				return dispatch({type: 'check-step', delta: -1});
			case 'run-row': {
				const line = selected();
				if (!line) return;
				if (line.kind === 'category') return void runSelection({categories: [line.category.id]}, line.category.title);
				return void runSelection({checks: [line.row.id]}, line.row.feature);
			}

			case 'run-category': {
				const line = selected();
				if (!line) return;
				return void runSelection({categories: [line.category.id]}, line.category.title);
			}

			case 'run-all':
				return void runSelection(undefined, 'everything');
			case 'run-problems': {
				const ids = problemCheckIds(current.checks);
				if (ids.length === 0) return toast('no problems to rerun (no gap, drift, both-fail or error)');
				return void runSelection({checks: ids}, `${ids.length} problems`);
			}

			case 'cancel':
				if (session.cancel()) {
					dispatch({type: 'run-cancelling'});
					toast('cancelling: in-flight requests are aborted', 'warn');
				} else if (current.run && !session.running) {
					// Still asking the targets (the pre-flight): the run will not start.
					preflightTicket.current++;
					dispatch({type: 'run-not-started'});
					toast(`${current.run.label}: cancelled before it started`, 'warn');
				}

				return;
			case 'filter':
				return dispatch({type: 'open-prompt', purpose: 'filter', label: '/', value: view.filter});
			case 'problems-only':
				return dispatch({type: 'toggle-problems'});
			case 'hide-noise':
				return dispatch({type: 'toggle-noise'});
			case 'next-tab':
				return dispatch({type: 'tab', delta: 1});
			case 'prev-tab':
				return dispatch({type: 'tab', delta: -1});
			case 'tab-1':
			case 'tab-2':
			case 'tab-3':
			case 'tab-4':
			case 'tab-5':
			case 'tab-6':
			case 'tab-7':
				return dispatch({type: 'tab-set', tab: tabs[Number(action.slice(4)) - 1]!});
			case 'profiles':
				try {
					return dispatch({type: 'open-picker', entries: pickerEntries(profiles, props.profileFolders), current: current.profile?.spec.name});
				} catch (error) {
					return toast(errorMessage(error), 'error');
				}

			case 'save-profile': {
				if (!current.profile) return toast('no profile to save yet', 'warn');
				const name = current.profile.spec.name === 'demo' ? 'my-demo' : current.profile.spec.name;
				return dispatch({type: 'open-prompt', purpose: 'save', label: 'save profile as:', value: name, suggested: true});
			}

			case 'edit-targets':
				if (!current.profile) return toast(`no profile yet: ${keysFor('profiles')} picks one`, 'warn');
			{
				// Opened on the field the last error names (a wrong admin key, port, URL…), when it names one.
				const fields = formFieldsFor(current.profile.spec);
				// A target that did not answer the pre-flight: its URL (the first word of its line names the side).
				const dead = overlay?.kind === 'preflight' ? `${overlay.lines[0]?.split(' ')[0]}.url` : undefined;
				const message = dead ?? (current.connection.phase === 'failed' ? current.connection.message : current.toast?.level === 'error' ? current.toast.message : undefined);
				return dispatch({type: 'open-form', fields, index: fieldIndexFor(fields, message)});
			}
			case 'mark-expected': {
				const check = selectedCheck(current);
				const difference = check ? diffRows(check, view.hideNoise)[view.detailOffset] : undefined;
				if (!check || !difference) return toast(`select a difference first (${keysFor('open', 'matrix')}, then ${keysFor('move-down', 'detail')}${keysFor('move-up', 'detail')} in the Diff tab)`, 'warn');
				return dispatch({type: 'open-prompt', purpose: 'expected', label: `why is ${difference.path} expected?`, value: difference.expectedReason ?? '', target: {check: check.id, path: difference.path}});
			}

			case 'export': {
				if (!recordFromState(current)) return toast(`nothing to export yet: run something first (${keysFor('run-all')} runs everything)`, 'warn');
				return dispatch({type: 'open-prompt', purpose: 'export', label: 'export reports to:', value: props.exportDirectory ?? reportsDirectory(), suggested: true});
			}
			case 'history':
				return void openHistory();
			case 'traffic':
				setTrafficWanted(true);
				return dispatch({type: 'traffic-view', show: !current.trafficView});
			case 'confirm':
				if (overlay?.kind === 'picker') return void switchProfile(current);
				if (overlay?.kind === 'prompt') return void confirmPrompt(current);
				if (overlay?.kind === 'form') return void applyForm(current);

				return;
			case 'delete-char':
				return dispatch({type: 'text-delete'});
			case 'clear-field':
				return dispatch({type: 'text-clear'});
			case 'next-field':
				return dispatch({type: 'form-field', delta: 1});
			case 'prev-field':
				return dispatch({type: 'form-field', delta: -1});
		}
	};

	// The one keypress dispatcher: keymap first (by context priority), then text for an open prompt or form.
	const performRef = useRef(perform);
	performRef.current = perform;
	const onKey = useCallback(
		(input: string, key: Key) => {
			const textEntry = ['prompt', 'form'].includes(getState().overlay?.kind ?? '');
			for (const [oneInput, oneKey] of splitKeypresses(input, key, textEntry)) {
				const current = getState();
				const action = resolveAction(oneInput, oneKey, activeContexts(current));
				if (action) {
					performRef.current(action);
					continue;
				}

				const kind = current.overlay?.kind;
				if (kind === 'prompt' || kind === 'form') {
					const text = typedText(oneInput, oneKey);
					if (text) dispatch({type: 'text-input', text});
				}
			}
		},
		[getState, dispatch],
	);
	useInput(onKey);
	useEffect(() => {
		for (const [input, key] of props.earlyKeys?.splice(0) ?? []) onKey(input, key);
	}, []);
	useEffect(() => {
		const pending = pendingRun.current;
		if (!pending) return;
		if (state.connection.phase === 'failed' || state.catalogError) pendingRun.current = undefined;
		else if (state.catalog && state.connection.phase === 'open') {
			pendingRun.current = undefined;
			void runSelection(pending.selection, pending.label);
		}
	}, [state.catalog, state.catalogError, state.connection.phase, runSelection]);

	return <Layout state={state} columns={size.columns} rows={size.rows} frame={frame} />;
}
