// The whole screen as a pure function of the state: a fixed-height root exactly as tall as the terminal (minus the
// line Ink keeps for its cursor), so nothing ever scrolls and frames never flicker.
import {Box} from 'ink';
import React, {useMemo} from 'react';
import {activeContexts, hintsFor} from '../keys/contexts.js';
import {loadShare, rateUnit, runningLoad} from '../model/load-progress.js';
import {cursorIndex, verdictCounts, visibleLines} from '../model/selectors.js';
import type {ExplorerState} from '../model/state.js';
import {DetailPane} from './DetailPane.js';
import {Footer} from './Footer.js';
import {detailSubject, screenGeometry} from './geometry.js';
import {Header} from './Header.js';
import {HelpOverlay} from './HelpOverlay.js';
import {HistoryOverlay} from './HistoryOverlay.js';
import {Matrix} from './Matrix.js';
import {PreflightNotice} from './PreflightNotice.js';
import {ProfilePicker} from './ProfilePicker.js';
import {TargetForm} from './TargetForm.js';
import {TrafficList} from './TrafficList.js';
import {keysFor} from '../keys/keymap.js';

export type LayoutProps = {state: ExplorerState; columns: number; rows: number; frame: number};

export {splitMinColumns} from './geometry.js';

/** The footer's progress while a run is in flight; a load in flight says how far it is wherever the cursor is. */
export function runBusy(state: ExplorerState): string | undefined {
	const {run} = state;
	if (!run) return undefined;
	if (run.cancelling) return 'cancelling…';
	const counted = `${run.label}: ${run.finished}/${run.total || '…'}`;
	const load = runningLoad(Object.values(state.checks));
	if (!load) return counted;
	const share = loadShare(load.progress);
	// Short enough to stay whole next to the hints; the matrix row says which check it is.
	return `${counted} · ${load.check.probe} ${load.side}${share === undefined ? '' : ` ${Math.round(share * 100)}%`} · ${Math.round(load.progress.rps)} ${rateUnit(load.check)}`;
}

export function Layout({state, columns, rows, frame}: LayoutProps) {
	const {view, overlay, checks} = state;
	const {height, bodyHeight, split, matrixWidth, detailWidth} = screenGeometry({columns, rows}, state);
	const lines = useMemo(() => visibleLines(state), [state.catalog, state.checks, view.filter, view.problemsOnly, view.collapsed]);
	const subject = detailSubject(state, lines);
	const cursor = cursorIndex(lines, view.cursor);
	const counts = useMemo(() => verdictCounts(checks), [checks]);
	const hints = hintsFor(activeContexts(state));
	const busy = state.run ? runBusy(state) : state.busy;
	// Help, history and the pre-flight notice take the whole body; pickers and forms take the detail pane's place.
	const fullBody = overlay?.kind === 'help' || overlay?.kind === 'history' || overlay?.kind === 'preflight';
	const showMatrix = !fullBody && (split || (view.focus === 'matrix' && (!overlay || overlay.kind === 'prompt' || overlay.kind === 'confirm-quit')));
	const loading = state.catalogError ? `cannot load the checks: ${state.catalogError}` : state.catalog ? undefined : 'loading checks…';
	const detailMessage =
		state.connection.phase === 'starting' && !state.catalog
			? `starting… ${state.connection.message ?? ''}`
			: state.connection.phase === 'failed'
				? `targets not open: ${state.connection.message ?? ''}\n\n${keysFor('profiles')} picks another profile, ${keysFor('edit-targets')} edits the targets`
				: undefined;

	let right: React.ReactNode;
	if (overlay?.kind === 'help') right = <HelpOverlay width={columns} height={bodyHeight} offset={overlay.offset} />;
	else if (overlay?.kind === 'history') right = <HistoryOverlay profile={overlay.profile} view={overlay.view} error={overlay.error} offset={overlay.offset} width={columns} height={bodyHeight} />;
	else if (overlay?.kind === 'picker') right = <ProfilePicker entries={overlay.entries} index={overlay.index} current={state.profile?.spec.name} width={detailWidth} height={bodyHeight} />;
	else if (overlay?.kind === 'preflight') right = <PreflightNotice lines={overlay.lines} label={overlay.label} width={columns} height={bodyHeight} />;
	else if (overlay?.kind === 'form') right = <TargetForm fields={overlay.fields} index={overlay.index} width={detailWidth} height={bodyHeight} />;
	else if (split || view.focus === 'detail') {
		right = (
			<DetailPane
				// The traffic view puts the shadow proxy's routes in the matrix's place and its exchanges here.
				line={subject.line}
				checks={subject.checks}
				checkIndex={subject.checkIndex}
				tab={view.tab}
				offset={view.detailOffset}
				hideNoise={view.hideNoise}
				profile={state.profile?.spec}
				width={detailWidth}
				height={bodyHeight}
				focused={view.focus === 'detail'}
				frame={frame}
				message={detailMessage ?? (state.trafficView && !subject.line ? 'no traffic yet: point a client at the shadow proxy (its URL is on the left)' : undefined)}
				messageTone={state.connection.phase === 'failed' ? 'error' : 'dim'}
			/>
		);
	}

	return (
		<Box flexDirection="column" width={columns} height={height} overflow="hidden">
			<Header
				width={columns}
				profileName={state.profile?.spec.name}
				origin={state.profile?.origin}
				dirty={state.profile?.dirty}
				connection={state.connection}
				targets={state.targets}
				health={state.health}
				counts={counts}
				run={state.run}
				versions={state.versions}
				identity={state.gateway?.identity}
				gatewayNotice={state.gateway?.notice}
			/>
			<Box height={bodyHeight} width={columns}>
				{showMatrix && state.trafficView ? (
					<TrafficList traffic={state.traffic} width={matrixWidth} height={bodyHeight} focused={view.focus === 'matrix' && !overlay} />
				) : showMatrix ? (
					<Matrix
						lines={lines}
						cursor={cursor}
						checks={checks}
						collapsed={view.collapsed}
						width={matrixWidth}
						height={bodyHeight}
						focused={view.focus === 'matrix' && !overlay}
						frame={frame}
						filter={view.filter}
						problemsOnly={view.problemsOnly}
						loading={loading}
					/>
				) : null}
				{right}
			</Box>
			<Footer width={columns} frame={frame} busy={busy} toast={state.toast} prompt={overlay?.kind === 'prompt' ? overlay : undefined} question={overlay?.kind === 'confirm-quit' ? 'a run is in flight: quit and cancel it?' : undefined} hints={hints} />
		</Box>
	);
}
