// Structural differences between two answers: status, selected headers, and bodies in exact / shape / ignore modes.
// Ignore patterns are JSONPath, resolved against both bodies to the concrete nodes they cover.
import type {CompareSpec} from '../catalog/schema.js';
import type {Difference, Observation} from '../domain.js';
import {answerBounds, bounded, keptBounds} from '../values/bounded.js';
import {isUnder, pointersOf, selectField, toDisplayPath, toPointer, type PathSegment} from './json-path.js';

/** A difference with the JSON pointer it sits at, so noise and ignore rules can cover whole subtrees. */
export type LocatedDifference = Difference & {pointer: string};

/** A very different pair of bodies must not flood the UI or the report. */
export const maxDifferences = 200;

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

export function diffBodies(baseline: unknown, candidate: unknown, mode: CompareSpec['body'], ignored: ReadonlySet<string>): LocatedDifference[] {
	const out: LocatedDifference[] = [];
	if (mode === 'ignore') return out;
	const walk = (b: unknown, c: unknown, segments: PathSegment[]) => {
		if (out.length >= maxDifferences) return;
		// Answers are bounded to this depth when they arrive; deeper levels are cut markers on both sides.
		if (segments.length > answerBounds.maxDepth) return;
		const pointer = toPointer(segments);
		if (isUnder(pointer, ignored)) return;
		const path = toDisplayPath(segments);
		if (b === undefined && c !== undefined) {
			out.push({path, pointer, kind: 'extra', candidate: preview(c), noise: false});
			return;
		}

		if (c === undefined && b !== undefined) {
			out.push({path, pointer, kind: 'missing', baseline: preview(b), noise: false});
			return;
		}

		const bType = typeOf(b);
		const cType = typeOf(c);
		if (bType !== cType) {
			out.push({path, pointer, kind: 'type', baseline: mode === 'shape' ? bType : preview(b), candidate: mode === 'shape' ? cType : preview(c), noise: false});
			return;
		}

		if (bType === 'object') {
			const bRecord = b as Record<string, unknown>;
			const cRecord = c as Record<string, unknown>;
			const keys = new Set([...Object.keys(bRecord), ...Object.keys(cRecord)]);
			for (const key of keys) walk(own(bRecord, key), own(cRecord, key), [...segments, key]);
			return;
		}

		if (bType === 'array') {
			const bArray = b as unknown[];
			const cArray = c as unknown[];
			// Shape mode compares the elements both sides have; lengths are values, not shape.
			const length = mode === 'shape' ? Math.min(bArray.length, cArray.length) : Math.max(bArray.length, cArray.length);
			for (let index = 0; index < length; index++) walk(bArray[index], cArray[index], [...segments, index]);
			return;
		}

		if (mode === 'exact' && b !== c) out.push({path, pointer, kind: 'value', baseline: preview(b), candidate: preview(c), noise: false});
	};

	walk(baseline, candidate, []);
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

export function diffHeaders(baseline: Observation, candidate: Observation, spec: Pick<CompareSpec, 'headers' | 'presence'>): LocatedDifference[] {
	const out: LocatedDifference[] = [];
	for (const name of spec.headers) {
		const key = name.toLowerCase();
		const b = baseline.headers[key];
		const c = candidate.headers[key];
		if (b !== c) out.push({path: `header:${key}`, pointer: `header:${key}`, kind: 'header', baseline: b ?? null, candidate: c ?? null, noise: false});
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
	out.push(...diffBodies(baseline.body, candidate.body, spec.body, ignored));
	out.push(...diffFields(baseline.body, candidate.body, spec.fields));
	out.push(...diffFacts(baseline, candidate, spec.facts));
	return out;
}

/** Selected fields compared by value, whatever the body mode (a version, a list of ids). */
export function diffFields(baseline: unknown, candidate: unknown, paths: readonly string[]): LocatedDifference[] {
	const out: LocatedDifference[] = [];
	for (const path of paths) {
		const b = selectField(baseline, path);
		const c = selectField(candidate, path);
		if (JSON.stringify(b) === JSON.stringify(c)) continue;
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
