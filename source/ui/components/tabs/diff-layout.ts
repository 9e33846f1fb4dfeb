// Where the Diff tab's lines go in the height it has, decided from the result, the width, the height and the selected
// difference alone (no measuring during render). The first differences always get room: on a small terminal the
// reason is cut to fewer lines (ending with …) and the two side lines go before a single difference does.
import type {CheckResult, Difference} from '../../../domain.js';
import {clipWords} from '../header-layout.js';
import {wordWrap} from '../../format.js';

/** The reason is never longer than this; it is cut before the differences are. */
export const maxReasonLines = 3;
/** At least this many differences stay in view (fewer when there are fewer). */
export const minListRows = 3;

export type DiffLayout = {
	reasonLines: string[];
	/** The "baseline …" and "candidate …" lines (what each side failed). */
	showSides: boolean;
	/** The line under the list that spells out the selected difference. */
	showSelected: boolean;
	/** The last line: the selected difference's expected reason, or how much noise is hidden. */
	showFooter: boolean;
	cursor: number;
	/** The differences drawn: rows.slice(start, start + listHeight). */
	start: number;
	listHeight: number;
};

export type DiffLayoutInput = {result: CheckResult; rows: Difference[]; width: number; height: number; offset: number; focused: boolean; hiddenNoise: number};

/** The reason wrapped between words to `lines` lines at most; a cut reason ends with …. */
export function reasonLinesFor(reason: string | undefined, width: number, lines: number): string[] {
	if (!reason || lines <= 0) return [];
	const wrapped = wordWrap(reason, width);
	if (wrapped.length <= lines) return wrapped;
	const kept = wrapped.slice(0, lines);
	kept[lines - 1] = clipWords(`${kept[lines - 1]} ${wrapped[lines]}`, width);
	return kept;
}

export function diffLayout({result, rows, width, height, offset, focused, hiddenNoise}: DiffLayoutInput): DiffLayout {
	const cursor = Math.min(offset, Math.max(0, rows.length - 1));
	const selected = rows[cursor];
	const reasonWidth = width - 2;
	const wanted = reasonLinesFor(result.reason, reasonWidth, maxReasonLines).length;
	// Verdict line and the column titles, then the first differences (or the "no differences" line).
	let left = height - 2 - Math.min(minListRows, Math.max(1, rows.length));
	const take = (lines: number) => {
		if (left < lines) return false;
		left -= lines;
		return true;
	};

	let reason = wanted > 0 && take(1) ? 1 : 0;
	const showSelected = Boolean(selected && focused) && take(1);
	const showSides = take(2);
	while (reason < wanted && take(1)) reason++;
	const footerWanted = (selected?.expectedReason && focused) || (hiddenNoise > 0 && rows.length > 0);
	const showFooter = Boolean(footerWanted) && take(1);
	const listHeight = Math.max(1, Math.min(minListRows, rows.length) + left);
	const start = rows.length <= listHeight ? 0 : Math.max(0, Math.min(cursor - Math.floor(listHeight / 2), rows.length - listHeight));
	return {reasonLines: reasonLinesFor(result.reason, reasonWidth, reason), showSides, showSelected, showFooter, cursor, start, listHeight};
}
