// What every detail tab receives. Tabs are pure: they draw a slice of one check; how far each scrolls is a function next to it (see geometry.ts).
import type {Check} from '../../../catalog/schema.js';
import type {Profile} from '../../../targets/profile-schema.js';
import type {CheckState} from '../../model/state.js';

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
	/** The spinner's frame (animates an unbounded load's bar). */
	frame?: number;
};
