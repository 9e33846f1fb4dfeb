// Structural differences between two answers: status, selected headers, and bodies in exact / shape / ignore modes.
// Ignore patterns are JSONPath, resolved against both bodies to the concrete nodes they cover. Arrays whose order
// means nothing (model lists, health endpoints, callbacks) are matched by a key the check names (`compare.keys`).
import type {CompareSpec} from '../catalog/schema.js';
import type {Difference, Observation} from '../domain.js';
import {answerBounds, bounded, keptBounds} from '../values/bounded.js';
import {isUnder, pointersOf, selectField} from '../shared/json-path.js';

/** A difference with the JSON pointer it sits at, so noise and ignore rules can cover whole subtrees. */
export type LocatedDifference = Difference & {pointer: string};

/** A very different pair of bodies must not flood the UI or the report. */
export const maxDifferences = 200;

/** Array path (indices written [*]) → the field that identifies an element; `$` keys an element by its own value. */
export type ArrayKeys = Readonly<Record<string, string>>;

function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

/** A difference keeps a bounded copy of each value (a few KB, cut with a marker), never the server's whole value. */
function preview(value: unknown): unknown {
	if (Array.isArray(value)) return value.length > 5 ? `[${value.length} items]` : bounded(value, keptBounds);
	if (value && typeof value === 'object') {
		const keys = Object.keys(value);
		return keys.length > 8 ? `{${keys.length} keys}` : bounded(value, keptBounds);
	}

	return bounded(value, keptBounds);
}

/** Own properties only: a key named __proto__ or toString is data, not the prototype's. */
function own(record: Record<string, unknown>, key: string): unknown {
	return Object.hasOwn(record, key) ? record[key] : undefined;
}

function escapePointer(segment: string | number): string {
	return String(segment).replaceAll('~', '~0').replaceAll('/', '~1');
}

function displayKey(key: string): string {
	return /^[A-Za-z_$][\w$-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** `$.data[3].x` and `$.data[id=gpt-4o].x` both normalise to `$.data[*].x`: the form `compare.keys` is written in. */
export function arrayPattern(path: string): string {
	return path.replaceAll(/\[(?:\d+|[^\]"=]+=[^\]]*)\]/g, '[*]');
}

/** The identity of an element of a keyed array, as text (undefined when the element has no such key). */
function keyOf(element: unknown, field: string): string | undefined {
	if (field === '$') return element !== null && typeof element === 'object' ? JSON.stringify(element) : String(element);
	const value = element && typeof element === 'object' && !Array.isArray(element) ? (element as Record<string, unknown>)[field] : undefined;
	return value === undefined || value === null ? undefined : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Elements by key, in order; a repeated key gets #2, #3 … so duplicates still pair up. */
function byKey(elements: unknown[], field: string): Map<string, {value: unknown; index: number}> | undefined {
	const map = new Map<string, {value: unknown; index: number}>();
	for (const [index, value] of elements.entries()) {
		const key = keyOf(value, field);
		if (key === undefined) return undefined;
		let unique = key;
		for (let n = 2; map.has(unique); n++) unique = `${key}#${n}`;
		map.set(unique, {value, index});
	}

	return map;
}

type Frame = {b: unknown; c: unknown; path: string; pointer: string; bPointer: string; cPointer: string; depth: number};

export function diffBodies(baseline: unknown, candidate: unknown, mode: CompareSpec['body'], ignored: ReadonlySet<string>, keys: ArrayKeys = {}): LocatedDifference[] {
	const out: LocatedDifference[] = [];
	if (mode === 'ignore') return out;
	// Depth-first with an explicit stack (children pushed in reverse, so the order is the bodies' own order).
	const stack: Frame[] = [{b: baseline, c: candidate, path: '$', pointer: '', bPointer: '', cPointer: '', depth: 0}];
	while (stack.length > 0 && out.length < maxDifferences) {
		const {b, c, path, pointer, bPointer, cPointer, depth} = stack.pop()!;
		// Answers are bounded to this depth when they arrive; deeper levels are cut markers on both sides.
		if (depth > answerBounds.maxDepth) continue;
		if (isUnder(bPointer, ignored) || isUnder(cPointer, ignored)) continue;
		if (b === undefined && c !== undefined) {
			out.push({path, pointer, kind: 'extra', candidate: preview(c), noise: false});
			continue;
		}

		if (c === undefined && b !== undefined) {
			out.push({path, pointer, kind: 'missing', baseline: preview(b), noise: false});
			continue;
		}

		const bType = typeOf(b);
		const cType = typeOf(c);
		if (bType !== cType) {
			out.push({path, pointer, kind: 'type', baseline: mode === 'shape' ? bType : preview(b), candidate: mode === 'shape' ? cType : preview(c), noise: false});
			continue;
		}

		const children: Frame[] = [];
		if (bType === 'object') {
			const bRecord = b as Record<string, unknown>;
			const cRecord = c as Record<string, unknown>;
			for (const key of new Set([...Object.keys(bRecord), ...Object.keys(cRecord)])) {
				const segment = escapePointer(key);
				children.push({b: own(bRecord, key), c: own(cRecord, key), path: path + displayKey(key), pointer: `${pointer}/${segment}`, bPointer: `${bPointer}/${segment}`, cPointer: `${cPointer}/${segment}`, depth: depth + 1});
			}
		} else if (bType === 'array') {
			const bArray = b as unknown[];
			const cArray = c as unknown[];
			const field = keys[arrayPattern(path)];
			const bKeyed = field === undefined ? undefined : byKey(bArray, field);
			const cKeyed = field === undefined ? undefined : byKey(cArray, field);
			if (field !== undefined && bKeyed && cKeyed) {
				// Matched by key: a removed element is one missing element, not every later one shifted.
				for (const key of new Set([...bKeyed.keys(), ...cKeyed.keys()])) {
					const bEntry = bKeyed.get(key);
					const cEntry = cKeyed.get(key);
					const label = `${field === '$' ? '' : `${field}=`}${key}`;
					children.push({
						b: bEntry?.value,
						c: cEntry?.value,
						path: `${path}[${label}]`,
						pointer: `${pointer}/${escapePointer(`[${label}]`)}`,
						bPointer: bEntry ? `${bPointer}/${bEntry.index}` : `${bPointer}/-`,
						cPointer: cEntry ? `${cPointer}/${cEntry.index}` : `${cPointer}/-`,
						depth: depth + 1,
					});
				}
			} else {
				// Shape mode compares the elements both sides have; lengths are values, not shape.
				const length = mode === 'shape' ? Math.min(bArray.length, cArray.length) : Math.max(bArray.length, cArray.length);
				for (let index = 0; index < length; index++) {
					children.push({b: bArray[index], c: cArray[index], path: `${path}[${index}]`, pointer: `${pointer}/${index}`, bPointer: `${bPointer}/${index}`, cPointer: `${cPointer}/${index}`, depth: depth + 1});
				}
			}
		} else if (mode === 'exact' && b !== c) {
			out.push({path, pointer, kind: 'value', baseline: preview(b), candidate: preview(c), noise: false});
		}

		for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
	}

	return out;
}

/** Concrete pointers covered by the ignore patterns in either body. */
export function ignoredPointers(patterns: readonly string[], ...bodies: unknown[]): Set<string> {
	const pointers = new Set<string>();
	for (const pattern of patterns) {
		for (const body of bodies) for (const pointer of pointersOf(body, pattern)) pointers.add(pointer);
	}

	return pointers;
}

/** `application/json; charset=utf-8` → `application/json`: what a content type means, without its parameters. */
export function mediaType(value: string | undefined): string | undefined {
	return value?.split(';')[0]!.trim().toLowerCase();
}

export function diffHeaders(baseline: Observation, candidate: Observation, spec: Pick<CompareSpec, 'headers' | 'presence'> & {contentType?: CompareSpec['contentType']}): LocatedDifference[] {
	const out: LocatedDifference[] = [];
	for (const name of spec.headers) {
		const key = name.toLowerCase();
		const b = baseline.headers[key];
		const c = candidate.headers[key];
		// Content types compare by media type unless the check asks for the exact value (compare.contentType: exact).
		const same = key === 'content-type' && spec.contentType !== 'exact' ? mediaType(b) === mediaType(c) : b === c;
		if (!same) out.push({path: `header:${key}`, pointer: `header:${key}`, kind: 'header', baseline: b ?? null, candidate: c ?? null, noise: false});
	}

	for (const name of spec.presence) {
		const key = name.toLowerCase();
		const b = key in baseline.headers;
		const c = key in candidate.headers;
		if (b !== c) out.push({path: `header:${key}`, pointer: `header:${key}`, kind: b ? 'missing' : 'extra', baseline: b ? baseline.headers[key] : null, candidate: c ? candidate.headers[key] : null, noise: false});
	}

	return out;
}

export function diffFacts(baseline: Observation, candidate: Observation, names: readonly string[]): LocatedDifference[] {
	const out: LocatedDifference[] = [];
	for (const name of names) {
		const b = baseline.facts?.[name];
		const c = candidate.facts?.[name];
		if (JSON.stringify(b) !== JSON.stringify(c)) out.push({path: `fact:${name}`, pointer: `fact:${name}`, kind: 'fact', baseline: preview(b ?? null), candidate: preview(c ?? null), noise: false});
	}

	return out;
}

/** Everything two observations differ in under a compare spec (latency is judged separately). */
export function diffObservations(baseline: Observation, candidate: Observation, spec: CompareSpec): LocatedDifference[] {
	const out: LocatedDifference[] = [];
	if (spec.status && baseline.status !== candidate.status) {
		out.push({path: 'status', pointer: 'status', kind: 'status', baseline: baseline.status ?? null, candidate: candidate.status ?? null, noise: false});
	}

	out.push(...diffHeaders(baseline, candidate, spec));
	const ignored = ignoredPointers(spec.ignore, baseline.body, candidate.body);
	out.push(...diffBodies(baseline.body, candidate.body, spec.body, ignored, spec.keys));
	out.push(...diffFields(baseline.body, candidate.body, spec.fields, spec.keys));
	out.push(...diffFacts(baseline, candidate, spec.facts));
	return out;
}

/** Is this field selector inside (or at) an array the check keys, so the order of its values means nothing? */
function orderFree(selector: string, keys: ArrayKeys): boolean {
	const pattern = arrayPattern(selector.replace(/^count\s+/, ''));
	return Object.keys(keys).some(array => pattern === array || pattern.startsWith(`${array}[*]`));
}

/** Selected fields compared by value, whatever the body mode (a version, a list of ids). */
export function diffFields(baseline: unknown, candidate: unknown, paths: readonly string[], keys: ArrayKeys = {}): LocatedDifference[] {
	const out: LocatedDifference[] = [];
	for (const path of paths) {
		const b = selectField(baseline, path);
		const c = selectField(candidate, path);
		if (JSON.stringify(b) === JSON.stringify(c)) continue;
		if (orderFree(path, keys)) {
			// Compared as sets: only the values one side lacks are differences.
			const bSet = new Set(b.flatMap(value => (Array.isArray(value) ? value : [value])).map(value => JSON.stringify(value)));
			const cSet = new Set(c.flatMap(value => (Array.isArray(value) ? value : [value])).map(value => JSON.stringify(value)));
			const missing = [...bSet].filter(value => !cSet.has(value)).map(value => JSON.parse(value) as unknown);
			const extra = [...cSet].filter(value => !bSet.has(value)).map(value => JSON.parse(value) as unknown);
			if (missing.length > 0) out.push({path, pointer: `field:${path}:missing`, kind: 'missing', baseline: missing, candidate: null, noise: false});
			if (extra.length > 0) out.push({path, pointer: `field:${path}:extra`, kind: 'extra', baseline: null, candidate: extra, noise: false});
			continue;
		}

		const unwrap = (values: unknown[]) => (values.length === 1 ? values[0] : values.length === 0 ? null : values);
		out.push({path, pointer: `field:${path}`, kind: 'value', baseline: preview(unwrap(b)), candidate: preview(unwrap(c)), noise: false});
	}

	return out;
}

/**
 * Mark differences that also appear between two baseline samples, compared the same way: they are noise, not findings
 * (the Diffy idea). A value that varies on the baseline itself says nothing about the candidate.
 */
export function markNoise(differences: LocatedDifference[], baselineA: Observation, baselineB: Observation | undefined, spec: CompareSpec): LocatedDifference[] {
	if (!baselineB?.reached) return differences;
	const noisy = new Set(diffObservations(baselineA, baselineB, spec).map(difference => difference.pointer));
	return differences.map(difference => (isUnder(difference.pointer, noisy) ? {...difference, noise: true} : difference));
}
