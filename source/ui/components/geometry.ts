// Where things go on screen and how far they scroll, derived from the state and the terminal size alone. The layout
// draws with these figures and the key handler bounds scrolling with the very same ones, so nothing is measured
// during render and read back later.
import type {Check} from '../../catalog/schema.js';
import {cursorIndex, selectedCheckIndex, summarizeRow, visibleLines, type MatrixLine, type RowSummary} from '../model/selectors.js';
import type {CheckState, ExplorerState, Tab} from '../model/state.js';
import {trafficDetail} from '../model/traffic.js';
import {screenGeometry, type ScreenGeometry, type TerminalSize} from './screen.js';
import {helpLayout} from './HelpOverlay.js';

export {screenGeometry, splitMinColumns, type ScreenGeometry, type TerminalSize} from './screen.js';
import {historyScroll} from './HistoryOverlay.js';
import {diffScrollMax} from './tabs/DiffTab.js';
import {execScrollMax} from './tabs/ExecTab.js';
import {headersScrollMax} from './tabs/HeadersTab.js';
import {sideScrollMax} from './tabs/SideTab.js';

/** How far PgDn moves the matrix cursor. */
export function matrixPage(geometry: ScreenGeometry): number {
	return Math.max(1, geometry.bodyHeight - 3);
}

/** What the detail pane shows: the selected matrix line, or the traffic view's selected route. */
export type DetailSubject = {line?: MatrixLine; checks: Record<string, CheckState>; checkIndex: number};

export function detailSubject(state: ExplorerState, lines: MatrixLine[] = visibleLines(state)): DetailSubject {
	if (state.trafficView) return state.traffic ? trafficDetail(state.traffic) : {checks: {}, checkIndex: 0};
	const index = cursorIndex(lines, state.view.cursor);
	const line = index === -1 ? undefined : lines[index];
	const checkIndex = line?.kind === 'row' ? selectedCheckIndex(summarizeRow(line.row, state.checks), state.view, line.row.id) : 0;
	return {line, checks: state.checks, checkIndex};
}

/** Up to this many check lines in the detail pane; rows with more scroll the list around the selected one. */
export const maxCheckLines = 6;

export type RowFrame = {inner: number; summary: RowSummary; index: number; check?: CheckState; definitions: Check[]; bodyHeight: number};

/** A row in the detail pane: its checks, the one shown and the height left for the tab below the title and lists. */
export function rowFrame(line: Extract<MatrixLine, {kind: 'row'}>, checks: Record<string, CheckState>, checkIndex: number, width: number, height: number): RowFrame {
	const summary = summarizeRow(line.row, checks);
	const index = Math.min(checkIndex, Math.max(0, summary.checks.length - 1));
	const checkLines = Math.min(maxCheckLines, summary.checks.length);
	const titleLines = line.row.notes ? 2 : 1;
	// Border (2) + title + checks + tab bar + a spacer.
	const bodyHeight = Math.max(3, height - 2 - titleLines - checkLines - 2);
	return {inner: width - 4, summary, index, check: summary.checks[index], definitions: line.row.checks, bodyHeight};
}

export type TabInput = {tab: Tab; check: CheckState; rowChecks: CheckState[]; rowDefinitions: Check[]; width: number; height: number; hideNoise: boolean};

/** How far a tab scrolls (the Diff tab: the index of its last difference). */
export function tabScrollMax(input: TabInput): number {
	switch (input.tab) {
		case 'diff':
			return diffScrollMax(input.check, input.hideNoise);
		case 'baseline':
		case 'candidate':
			return sideScrollMax(input.tab, input.check, input.width, input.height);
		case 'headers':
			return headersScrollMax(input.check, input.hideNoise, input.height);
		case 'exec':
			return execScrollMax(input);
		case 'latency':
		case 'stream':
			return 0;
	}
}

export type Scroll = {page: number; max: number};

/** How far ↓/PgDn may move in what has the keys now: the help or history overlay, else the detail pane. */
export function detailScroll(state: ExplorerState, size: TerminalSize): Scroll {
	const geometry = screenGeometry(size, state);
	const {overlay} = state;
	if (overlay?.kind === 'help') {
		const help = helpLayout(size.columns, geometry.bodyHeight);
		return {page: help.page, max: help.maxOffset};
	}

	if (overlay?.kind === 'history') return historyScroll(overlay, size.columns, geometry.bodyHeight);
	const {line, checks, checkIndex} = detailSubject(state);
	if (line?.kind !== 'row') return {page: geometry.bodyHeight, max: 0};
	const frame = rowFrame(line, checks, checkIndex, geometry.detailWidth, geometry.bodyHeight);
	if (!frame.check) return {page: frame.bodyHeight, max: 0};
	const max = tabScrollMax({tab: state.view.tab, check: frame.check, rowChecks: frame.summary.checks, rowDefinitions: frame.definitions, width: frame.inner, height: frame.bodyHeight, hideNoise: state.view.hideNoise});
	return {page: frame.bodyHeight, max};
}
