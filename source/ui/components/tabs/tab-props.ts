// What every detail tab receives. Tabs are pure: they draw a slice of one check and report how far it can scroll.
import type {Check} from '../../../catalog/schema.js';
import type {Profile} from '../../../targets/profile-schema.js';
import type {CheckState} from '../../model/state.js';

/** Filled in while rendering, read by the key handler: how far ↓ and PgDn may go. */
export type LayoutMetrics = {matrixPage: number; detailPage: number; detailMax: number};

export type TabProps = {
	check: CheckState;
	/** The check's definition (compare rules, probe), when the catalog has one. */
	definition?: Check;
	/** Every check of the selected row, for tabs that look for a fitting one (Stream, Exec). */
	rowChecks: CheckState[];
	rowDefinitions: Check[];
	profile?: Profile;
	width: number;
	height: number;
	offset: number;
	focused: boolean;
	hideNoise: boolean;
	metrics: LayoutMetrics;
	/** The spinner's frame (animates an unbounded load's bar). */
	frame?: number;
};
