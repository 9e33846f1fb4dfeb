// Expected differences (check files' `expectedDifferences`, profiles' `expected`): which entries apply to a check,
// the value each side shows at an entry's path, and whether that value is the one the entry pins.
import type {Check} from '../catalog/schema.js';
import type {Difference, Observation, Side} from '../domain.js';
import type {ExpectedEntry} from '../targets/profile-schema.js';
import type {PinnedValue} from '../shared/expected-schema.js';
import {countAt, queryAll} from '../shared/json-path.js';

/** One expected difference as the judge sees it, wherever it was written. */
export type Acknowledgement = {
	id: string;
	origin: 'check file' | 'profile';
	reason: string;
	path?: string;
	side?: Side;
	baseline?: PinnedValue;
	candidate?: PinnedValue;
	expires?: string;
};

/** What became of an entry on one check: it covered or confirmed a difference, its pins were violated, it had expired, or it matched nothing. */
export type EntryState = 'used' | 'violated' | 'expired' | 'unused';

/** A profile entry applies when every scope it names (check — a check or row id —, row, category) matches. */
export function profileEntryApplies(entry: Pick<ExpectedEntry, 'check' | 'row' | 'category'>, checkId: string, rowId: string, categoryId: string | undefined): boolean {
	if (entry.check !== undefined && entry.check !== checkId && entry.check !== rowId) return false;
	if (entry.row !== undefined && entry.row !== rowId) return false;
	if (entry.category !== undefined && entry.category !== categoryId) return false;
	return entry.check !== undefined || entry.row !== undefined || entry.category !== undefined;
}

export function entriesFor(check: Check, rowId: string, categoryId: string | undefined, profileEntries: readonly ExpectedEntry[] = []): Acknowledgement[] {
	const own: Acknowledgement[] = (check.expectedDifferences ?? []).map((entry, index) => ({...entry, id: `${check.id}#${index + 1}`, origin: 'check file'}));
	const fromProfile: Acknowledgement[] = profileEntries
		.filter(entry => profileEntryApplies(entry, check.id, rowId, categoryId))
		.map(({check: _check, row: _row, category: _category, ...entry}) => ({...entry, origin: 'profile'}));
	return [...own, ...fromProfile];
}

export function isExpired(entry: Pick<Acknowledgement, 'expires'>, today: string): boolean {
	return entry.expires !== undefined && entry.expires < today;
}

function asText(value: unknown): string {
	if (value === undefined || value === null) return '';
	return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Does a side's value satisfy its pin? Values compare as text (a pinned 1000 accepts "1000"). */
export function pinMatches(pin: PinnedValue, value: unknown): boolean {
	if (pin === null) return value === null || value === undefined;
	if (typeof pin !== 'object') return value !== undefined && value !== null && asText(value) === String(pin);
	if ('oneOf' in pin) return pin.oneOf.some(option => pinMatches(option, value));
	return value !== undefined && value !== null && new RegExp(pin.matches).test(asText(value));
}

export function describePin(pin: PinnedValue): string {
	if (pin === null) return 'nothing';
	if (typeof pin !== 'object') return JSON.stringify(pin);
	if ('oneOf' in pin) return `one of ${pin.oneOf.map(option => JSON.stringify(option)).join(', ')}`;
	return `matching /${pin.matches}/`;
}

/** `$.data[id=gpt-4o]` (a keyed difference path) as a JSONPath filter. */
function toJsonPath(path: string): string {
	return path.replaceAll(/\[([^\]"=]+)=([^\]]*)\]/g, (_, field: string, value: string) => `[?(@${field === '$' ? '' : `.${field}`}==${JSON.stringify(value)})]`);
}

/** The value an observation shows at a difference path: status, latency, header:NAME, fact:NAME or a body path. */
export function valueAt(observation: Observation | undefined, path: string): unknown {
	if (!observation) return undefined;
	if (path === 'status') return observation.status;
	if (path === 'latency') return observation.timing.totalMs;
	if (path.startsWith('header:')) return observation.headers[path.slice('header:'.length).toLowerCase()];
	if (path.startsWith('fact:')) return observation.facts?.[path.slice('fact:'.length)];
	if (path.startsWith('count ')) return countAt(observation.body, toJsonPath(path.slice('count '.length).trim()));
	if (path.startsWith('$')) {
		const found = queryAll(observation.body, toJsonPath(path));
		return found.length <= 1 ? found[0] : found;
	}

	return undefined;
}

/** Does an entry's path (and side) reach this difference? A path covers itself and everything beneath it. */
export function pathCovers(entry: Pick<Acknowledgement, 'path' | 'side'>, difference: Difference): boolean {
	if (entry.side === 'baseline' && difference.kind === 'extra') return false;
	if (entry.path === undefined) return true;
	return difference.path === entry.path || difference.path.startsWith(entry.path + '.') || difference.path.startsWith(entry.path + '[');
}

export type PinCheck = {entry: Acknowledgement; values: Record<Side, unknown>; violated: Side[]};

/** Read both sides at a pinned entry's path and say which side shows a value outside its pin. */
export function checkPins(entry: Acknowledgement, baseline: Observation | undefined, candidate: Observation | undefined): PinCheck | undefined {
	if (entry.path === undefined || (entry.baseline === undefined && entry.candidate === undefined)) return undefined;
	const values = {baseline: valueAt(baseline, entry.path), candidate: valueAt(candidate, entry.path)};
	// Neither side shows anything at the path: this check does not observe it (another check of the row may).
	if (values.baseline === undefined && values.candidate === undefined) return undefined;
	const violated = (['baseline', 'candidate'] as const).filter(side => entry[side] !== undefined && !pinMatches(entry[side]!, values[side]));
	return {entry, values, violated};
}

export function describeViolation({entry, values}: PinCheck): string {
	const show = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value));
	const wanted = (['baseline', 'candidate'] as const).filter(side => entry[side] !== undefined).map(side => `${side} ${describePin(entry[side]!)}`);
	return `${entry.path}: baseline ${show(values.baseline)}, candidate ${show(values.candidate)} — expected ${wanted.join(', ')} (${entry.reason})`;
}
