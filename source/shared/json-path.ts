// JSONPath through jsonpath-plus: reading values for asserts and captures, and resolving ignore patterns into the
// concrete JSON pointers they cover in a given body.
import {JSONPath} from 'jsonpath-plus';

export function queryAll(json: unknown, path: string): unknown[] {
	if (json === undefined || json === null || typeof json !== 'object') return path === '$' ? [json] : [];
	try {
		return JSONPath({path, json: json as object, wrap: true}) as unknown[];
	} catch {
		return [];
	}
}

export function queryFirst(json: unknown, path: string): unknown {
	return queryAll(json, path)[0];
}

/** The length of the array a path points at, or the number of nodes it matches. */
export function countAt(json: unknown, path: string): number {
	const matches = queryAll(json, path);
	return matches.length === 1 && Array.isArray(matches[0]) ? matches[0].length : matches.length;
}

/** A field selector: a JSONPath, or `count <JSONPath>` for a length. */
export function selectField(json: unknown, selector: string): unknown[] {
	return selector.startsWith('count ') ? [countAt(json, selector.slice(6).trim())] : queryAll(json, selector);
}

/** JSON pointers (/a/0/b) of every node a pattern matches in this value. */
export function pointersOf(json: unknown, path: string): string[] {
	if (json === undefined || json === null || typeof json !== 'object') return [];
	try {
		return JSONPath({path, json: json as object, wrap: true, resultType: 'pointer'}) as string[];
	} catch {
		return [];
	}
}

export type PathSegment = string | number;

export function toPointer(segments: readonly PathSegment[]): string {
	return segments.map(segment => '/' + String(segment).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}

export function toDisplayPath(segments: readonly PathSegment[]): string {
	let out = '$';
	for (const segment of segments) {
		if (typeof segment === 'number') out += `[${segment}]`;
		else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += `.${segment}`;
		else out += `[${JSON.stringify(segment)}]`;
	}

	return out;
}

/** True when pointer equals one of the prefixes or lies beneath it. */
export function isUnder(pointer: string, prefixes: ReadonlySet<string>): boolean {
	if (prefixes.has(pointer)) return true;
	for (const prefix of prefixes) {
		if (prefix === '' || pointer.startsWith(prefix + '/')) return true;
	}

	return false;
}
