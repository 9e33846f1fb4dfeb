// The screen's parts for a terminal size: header, body and footer heights, and whether the matrix and the detail
// pane sit side by side. Light on purpose: the starting screen draws with it before the rest is loaded.
import type {SideVersions} from '../../domain.js';
import type {GatewayState, Overlay, Toast} from '../model/state.js';
import {footerHeightFor} from './Footer.js';
import {headerHeightFor} from './Header.js';

export type TerminalSize = {columns: number; rows: number};

/** Below this width the matrix and the detail pane take turns (the focused one fills the screen). */
export const splitMinColumns = 90;

export type ScreenGeometry = {height: number; headerHeight: number; footerHeight: number; bodyHeight: number; split: boolean; matrixWidth: number; detailWidth: number};

/** What of the state changes the screen's parts: the version banner and gateway notice on top, a long toast at the bottom. */
export type ScreenState = {versions?: SideVersions; gateway?: GatewayState; toast?: Toast; overlay?: Overlay};

/** Ink keeps one line for its cursor: the root is exactly one line shorter than the terminal, so nothing scrolls. */
export function screenGeometry({columns, rows}: TerminalSize, state: ScreenState = {}): ScreenGeometry {
	const height = Math.max(6, rows - 1);
	const headerHeight = headerHeightFor({versions: state.versions, gatewayNotice: state.gateway?.notice}, columns);
	const footerHeight = footerHeightFor(state.toast, columns, state.overlay?.kind === 'prompt' || state.overlay?.kind === 'confirm-quit');
	const bodyHeight = Math.max(3, height - headerHeight - footerHeight);
	const split = columns >= splitMinColumns;
	const matrixWidth = split ? Math.max(40, Math.min(72, Math.round(columns * 0.42))) : columns;
	return {height, headerHeight, footerHeight, bodyHeight, split, matrixWidth, detailWidth: split ? columns - matrixWidth : columns};
}
