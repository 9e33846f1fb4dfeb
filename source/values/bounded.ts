// Every step that walks a value a server chose (redaction, diff, noise, rendering, reports, history, explorer state)
// walks it through here: an iterative copy (no recursion, so no stack overflow however deep the value nests) that
// stops at a depth, a node count and a character budget, and leaves a visible marker where it cut.

export type ValueBounds = {
	/** Containers deeper than this are replaced by a marker. */
	maxDepth: number;
	/** Values (containers and leaves) copied before the rest is cut. */
	maxNodes: number;
	/** A longer string keeps its start and a marker. */
	maxStringChars: number;
	/** Characters (strings and keys) copied before the rest is cut. */
	maxTotalChars: number;
};

/** What an observation keeps of a server's answer (what diff, noise, asserts and the explorer see). */
export const answerBounds: ValueBounds = {maxDepth: 64, maxNodes: 500_000, maxStringChars: 64 * 1024, maxTotalChars: 2 * 1024 * 1024};

/** What a difference, a failure's actual value, a report or a history entry keeps of one value. */
export const keptBounds: ValueBounds = {maxDepth: 12, maxNodes: 400, maxStringChars: 1024, maxTotalChars: 8 * 1024};

/** Whole records (reports, history entries, explorer results) once their values are bounded: a last guard. */
export const recordBounds: ValueBounds = {maxDepth: 32, maxNodes: 200_000, maxStringChars: 8 * 1024, maxTotalChars: 8 * 1024 * 1024};

/** Every cut is marked with this prefix, so a reader (or a test) sees where the tool stopped. */
export const cutMarker = '…[cut';

export type BoundReport = {
	/** A container sat deeper than maxDepth. */
	tooDeep: boolean;
	/** The node or character budget ran out. */
	tooBig: boolean;
	/** Strings longer than maxStringChars that were shortened. */
	stringsCut: number;
	/** Characters of all strings and keys seen, before any cut (what the server sent, as far as the walk went). */
	sourceChars: number;
};

export type Bounded<T> = {value: T; report: BoundReport};

const identity = (text: string) => text;

function cutString(text: string, max: number): string {
	if (text.length <= max) return text;
	// Do not split a surrogate pair.
	let end = max;
	const code = text.charCodeAt(end - 1);
	if (code >= 0xd8_00 && code <= 0xdb_ff) end--;
	return `${text.slice(0, end)}${cutMarker}: ${text.length - end} more characters]`;
}

type Frame = {source: unknown[] | Record<string, unknown>; keys?: string[]; index: number; length: number; out: unknown[] | Record<string, unknown>; depth: number};

/** A plain property write that treats `__proto__` and friends as ordinary keys. */
function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
	Object.defineProperty(target, key, {value, enumerable: true, writable: true, configurable: true});
}

/**
 * Copy a JSON-like value within bounds; `mapString` is applied to every kept string and key (redaction, control
 * characters). Non-JSON leaves (functions, symbols) are dropped, bigints become strings.
 */
export function boundValue<T>(value: T, bounds: ValueBounds = keptBounds, mapString: (text: string) => string = identity): Bounded<T> {
	const report: BoundReport = {tooDeep: false, tooBig: false, stringsCut: 0, sourceChars: 0};
	let nodes = 0;
	let chars = 0;
	const stack: Frame[] = [];
	const leafString = (text: string) => {
		report.sourceChars += text.length;
		if (text.length > bounds.maxStringChars) report.stringsCut++;
		const kept = mapString(cutString(text, bounds.maxStringChars));
		chars += kept.length;
		return kept;
	};

	const take = (item: unknown, depth: number): unknown => {
		nodes++;
		if (typeof item === 'string') return leafString(item);
		if (typeof item === 'bigint') return String(item);
		if (typeof item === 'function' || typeof item === 'symbol') return undefined;
		if (item === null || typeof item !== 'object') return item;
		if (depth >= bounds.maxDepth) {
			report.tooDeep = true;
			return `${cutMarker}: nested deeper than ${bounds.maxDepth} levels]`;
		}

		if (Array.isArray(item)) {
			const out: unknown[] = [];
			stack.push({source: item, index: 0, length: item.length, out, depth: depth + 1});
			return out;
		}

		if (item instanceof Date) return item.toISOString();
		const keys = Object.keys(item);
		const out: Record<string, unknown> = {};
		stack.push({source: item as Record<string, unknown>, keys, index: 0, length: keys.length, out, depth: depth + 1});
		return out;
	};

	const root = take(value, 0);
	while (stack.length > 0) {
		const frame = stack.at(-1)!;
		if (frame.index >= frame.length) {
			stack.pop();
			continue;
		}

		if (nodes >= bounds.maxNodes || chars >= bounds.maxTotalChars) {
			report.tooBig = true;
			const left = frame.length - frame.index;
			if (Array.isArray(frame.out)) frame.out.push(`${cutMarker}: ${left} more items]`);
			else setKey(frame.out, '…', `${cutMarker}: ${left} more keys]`);
			frame.index = frame.length;
			continue;
		}

		const index = frame.index++;
		if (Array.isArray(frame.out)) {
			frame.out.push(take((frame.source as unknown[])[index], frame.depth));
		} else {
			const key = frame.keys![index]!;
			const inner = take((frame.source as Record<string, unknown>)[key], frame.depth);
			if (inner === undefined) continue;
			report.sourceChars += key.length;
			const keptKey = mapString(cutString(key, Math.min(bounds.maxStringChars, 256)));
			chars += keptKey.length;
			setKey(frame.out, keptKey, inner);
		}
	}

	return {value: root as T, report};
}

/** The bounded copy alone. */
export function bounded<T>(value: T, bounds: ValueBounds = keptBounds, mapString?: (text: string) => string): T {
	return boundValue(value, bounds, mapString).value;
}

/** A string cut to a length with the marker (for messages and single fields). */
export function boundText(text: string, maxChars = keptBounds.maxStringChars): string {
	return cutString(text, maxChars);
}

/** JSON text of a value that can never overflow the stack or grow without limit. */
export function boundedJson(value: unknown, bounds: ValueBounds = keptBounds, space?: number): string {
	return JSON.stringify(bounded(value, bounds), null, space) ?? 'undefined';
}
