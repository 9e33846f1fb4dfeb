// Parse a YAML document and validate it against a zod schema, turning every problem into a ConfigError that names
// file:line, the field path and what was expected. Shared by check files and profile files.
import {readInputText} from '../files/read-input.js';
import {isMap, isSeq, LineCounter, parseDocument, visit, type Document, type Node} from 'yaml';
import type {z} from 'zod';
import {ConfigError} from '../errors.js';

export type LocatedIssue = {line?: number; column?: number; path: string; message: string};

export function formatPath(path: readonly PropertyKey[]): string {
	let out = '';
	for (const part of path) {
		if (typeof part === 'number') out += `[${part}]`;
		else if (part === '' || !/^[\w$-]+$/.test(String(part))) out += `[${JSON.stringify(String(part))}]`;
		else out += out ? `.${String(part)}` : String(part);
	}

	return out;
}

/** The closest node the path reaches (a missing key points at its parent). */
function nodeAt(document: Document, path: readonly PropertyKey[]): Node | undefined {
	for (let length = path.length; length >= 0; length--) {
		const node = document.getIn(path.slice(0, length) as unknown[], true) as Node | undefined;
		if (node && typeof node === 'object' && 'range' in node && node.range) return node;
	}

	return undefined;
}

/** Where a mapping key sits, for unknown-key errors. */
function keyNodeAt(document: Document, path: readonly PropertyKey[], key: string): Node | undefined {
	const parent = document.getIn(path as unknown[], true);
	if (isMap(parent)) {
		const pair = parent.items.find(item => (item.key as {value?: unknown} | null)?.value === key);
		if (pair?.key && typeof pair.key === 'object' && 'range' in (pair.key as object)) return pair.key as Node;
	}

	return undefined;
}

/** Deeper flow nesting ([[[…]]]) makes the YAML parser slow beyond measure (and at 10,000 levels run out of memory). */
export const maxFlowDepth = 64;
/** More aliases than this is an alias bomb (the parser's own check comes only after a long expansion). */
export const maxAliases = 100;

/**
 * A linear pre-scan for the shapes that make YAML parsing super-linear: deep flow nesting and many aliases. Quoted
 * scalars and comments are skipped, so brackets and asterisks inside text do not count.
 */
const tokenStart = new Set([' ', '\t', '\n', '\r', '[', '{', ',', ':', '-']);

function guardYamlShape(text: string, file: string): void {
	let depth = 0;
	let aliases = 0;
	let line = 1;
	let quote: string | undefined;
	let previous = '\n';
	for (let index = 0; index < text.length; index++) {
		const char = text[index]!;
		if (char === '\n') line++;
		if (quote) {
			const ends = quote === '#' ? char === '\n' : char === quote && !(quote === '"' && text[index - 1] === '\\');
			if (ends) quote = undefined;
			previous = char;
			continue;
		}

		const atTokenStart = tokenStart.has(previous);
		if ((char === '"' || char === "'") && atTokenStart) quote = char;
		else if (char === '#' && (previous === ' ' || previous === '\t' || previous === '\n' || previous === '\r')) quote = '#';
		else if (char === '[' || char === '{') {
			if (++depth > maxFlowDepth) throw new ConfigError(`malformed YAML: [ ] or { } nested more than ${maxFlowDepth} levels deep`, {file, line});
		} else if (char === ']' || char === '}') depth = Math.max(0, depth - 1);
		else if (char === '*' && atTokenStart && /[\w-]/.test(text[index + 1] ?? '')) {
			if (++aliases > maxAliases) throw new ConfigError(`malformed YAML: more than ${maxAliases} aliases (*name); write the values out`, {file, line});
		}

		previous = char;
	}
}

export function parseYamlText<S extends z.ZodType>(text: string, file: string, schema: S): z.infer<S> {
	guardYamlShape(text, file);
	const lineCounter = new LineCounter();
	const document = parseDocument(text, {lineCounter, prettyErrors: true, uniqueKeys: true});
	const yamlError = document.errors[0];
	if (yamlError) {
		const position = yamlError.linePos?.[0];
		const detail = yamlError.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
		throw new ConfigError(`malformed YAML: ${detail}`, {file, line: position?.line, column: position?.col});
	}

	let value: unknown;
	try {
		value = document.toJS({maxAliasCount: 100});
	} catch (error) {
		// An alias to an anchor that does not exist, or an alias bomb: point at the first alias.
		let line: number | undefined;
		visit(document, {
			Alias(_key, node) {
				if (node.range) line = lineCounter.linePos(node.range[0]).line;
				return visit.BREAK;
			},
		});
		throw new ConfigError(`malformed YAML: ${(error as Error).message.split('\n')[0]}`, {file, line: line ?? 1});
	}

	const result = schema.safeParse(value);
	if (result.success) return result.data as z.infer<S>;

	const issues = result.error.issues.map(issue => locateIssue(document, lineCounter, issue));
	const first = issues[0]!;
	const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
	throw new ConfigError(first.message + more, {file, line: first.line, path: first.path || undefined});
}

function locateIssue(document: Document, lineCounter: LineCounter, issue: z.core.$ZodIssue): LocatedIssue {
	let path = issue.path as PropertyKey[];
	let node: Node | undefined;
	let message = issue.message;
	if (issue.code === 'unrecognized_keys') {
		const key = issue.keys[0]!;
		// An empty key (a line starting with ':') has no key node: point at the mapping that holds it.
		node = keyNodeAt(document, path, key) ?? nodeAt(document, path);
		path = [...path, key];
		message = key === '' ? 'a line starts with ":" (an empty field name); remove it or put the field name before the colon' : `unknown field '${key}'; check the spelling (allowed fields are in the schema)`;
	} else {
		node = nodeAt(document, path);
		if (issue.code === 'invalid_type' && issue.input === undefined) message = `required field is missing (expected ${issue.expected})`;
		else if (issue.code === 'invalid_value' && 'values' in issue) message = `expected one of ${issue.values.map(v => JSON.stringify(v)).join(', ')}, got ${JSON.stringify(issue.input ?? readAt(document, path))}`;
	}

	const position = node?.range ? lineCounter.linePos(node.range[0]) : undefined;
	return {line: position?.line, column: position?.col, path: formatPath(path), message};
}

function readAt(document: Document, path: readonly PropertyKey[]): unknown {
	const node = document.getIn(path as unknown[], true) as Node | undefined;
	if (!node) return undefined;
	if (isMap(node) || isSeq(node)) return node.toJSON();
	return (node as {value?: unknown}).value;
}

export async function loadYamlFile<S extends z.ZodType>(file: string, schema: S): Promise<z.infer<S>> {
	const text = readInputText(file, {what: 'file'});
	return parseYamlText(text, file, schema);
}

/** Lines of paths in one document, for errors found after validation (duplicate ids). Parses once. */
export function lineLocator(text: string): (path: readonly PropertyKey[]) => number | undefined {
	const lineCounter = new LineCounter();
	const document = parseDocument(text, {lineCounter});
	return path => {
		const node = nodeAt(document, path);
		return node?.range ? lineCounter.linePos(node.range[0]).line : undefined;
	};
}
