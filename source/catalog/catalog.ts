// Loads every check file, validates it up front and indexes categories, rows and checks by id.
import {readdir} from 'node:fs/promises';
import {readInputText} from '../files/read-input.js';
import path from 'node:path';
import {ConfigError, UsageError} from '../errors.js';
import {formatPath, lineLocator, parseYamlText} from '../shared/yaml-file.js';
import {checksDirectory} from '../paths.js';
import {checkFileSchema, type Assert, type Check, type CheckFile, type LocatedAssert, type Row} from './schema.js';
import {fileProblems} from './validate.js';

export type CatalogCategory = Omit<CheckFile['category'], 'order'> & {order: number; file: string; rows: CatalogRow[]};
export type CatalogRow = Row & {category: string};
export type CatalogCheck = {check: Check; row: CatalogRow; category: CatalogCategory};

export type Catalog = {
	categories: CatalogCategory[];
	rows: CatalogRow[];
	checks: CatalogCheck[];
};

type Seen = {file: string; line?: number};

export async function loadCatalog(directory: string = checksDirectory): Promise<Catalog> {
	let names: string[];
	try {
		names = (await readdir(directory)).filter(name => name.endsWith('.yaml') || name.endsWith('.yml')).sort();
	} catch {
		throw new ConfigError('check directory not found; pass a folder that holds the checks/*.yaml files', {file: directory});
	}

	if (names.length === 0) throw new ConfigError('no check files (*.yaml) in this folder', {file: directory});
	const files = await Promise.all(
		names.map(async name => {
			const file = path.join(directory, name);
			const display = path.relative(process.cwd(), file) || file;
			const text = readInputText(file, {what: 'check file'});
			const parsed = parseYamlText(text, display, checkFileSchema);
			// What the schema cannot see (queries, regexes, JSONPath, thresholds, placeholders, probe options) is
			// found here too, with file:line and the field path, before anything runs.
			const problems = fileProblems(parsed);
			if (problems.length > 0) {
				const [first] = problems;
				const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
				throw new ConfigError(first!.message + more, {file: display, line: lineLocator(text)(first!.path), path: formatPath(first!.path)});
			}

			locateAsserts(parsed, display, lineLocator(text));
			return {display, text, parsed};
		}),
	);
	return buildCatalog(files);
}

/** Each assert remembers its file:line, so a failing assert at run time says where it is written (as Hurl does). */
function locateAsserts(file: CheckFile, display: string, lineOf: (path: readonly PropertyKey[]) => number | undefined): void {
	const mark = (asserts: Assert[] | undefined, at: PropertyKey[]) =>
		asserts?.forEach((assert, index) => {
			const line = lineOf([...at, 'asserts', index]);
			if (line) (assert as LocatedAssert).at = `${display}:${line}`;
		});
	file.rows.forEach((row, rowIndex) =>
		row.checks.forEach((check, checkIndex) => {
			const base = ['rows', rowIndex, 'checks', checkIndex];
			mark(check.expect.asserts, [...base, 'expect']);
			for (const side of ['baseline', 'candidate'] as const) mark(check.expectBySide?.[side]?.asserts, [...base, 'expectBySide', side]);
			check.steps?.forEach((step, index) => mark(step.expect?.asserts, [...base, 'steps', index, 'expect']));
		}),
	);
}

export function buildCatalog(files: Array<{display: string; text: string; parsed: CheckFile}>): Catalog {
	const ids = new Map<string, Seen>();
	const claim = (id: string, file: string, lineOf: (at: PropertyKey[]) => number | undefined, at: PropertyKey[]) => {
		const first = ids.get(id);
		if (first) {
			const firstAt = first.line ? `${first.file}:${first.line}` : first.file;
			throw new ConfigError(`duplicate id '${id}' (first defined at ${firstAt}); ids must be unique across all check files`, {file, line: lineOf(at), path: formatPath(at)});
		}

		// Lines are looked up lazily: only duplicates need them, and only then is the first place named.
		ids.set(id, {file, get line() {
			return lineOf(at);
		}});
	};

	const categories: CatalogCategory[] = [];
	for (const {display, text, parsed} of files) {
		let locate: ((at: readonly PropertyKey[]) => number | undefined) | undefined;
		const lineOf = (at: PropertyKey[]) => (locate ??= lineLocator(text))(at);
		claim(`category:${parsed.category.id}`, display, lineOf, ['category', 'id']);
		const category: CatalogCategory = {...parsed.category, file: display, rows: []};
		parsed.rows.forEach((row, rowIndex) => {
			claim(row.id, display, lineOf, ['rows', rowIndex, 'id']);
			row.checks.forEach((check, checkIndex) => claim(check.id, display, lineOf, ['rows', rowIndex, 'checks', checkIndex, 'id']));
			category.rows.push({...row, category: category.id});
		});
		categories.push(category);
	}

	categories.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
	const rows = categories.flatMap(category => category.rows);
	const checks = categories.flatMap(category => category.rows.flatMap(row => row.checks.map(check => ({check, row, category}))));
	return {categories, rows, checks};
}

export type Selection = {categories?: string[]; checks?: string[]};

/** What a run covers: a row with no checks yet is still listed, so it can be reported as skipped. */
export type SelectedRow = {row: CatalogRow; category: CatalogCategory; checks: Check[]};

/** Resolve --category and --check filters (ids or titles, case-insensitively) to rows and their checks. */
export function selectRows(catalog: Catalog, selection: Selection = {}): SelectedRow[] {
	const wantedCategories = (selection.categories ?? []).map(value => {
		const needle = value.toLowerCase();
		const category = catalog.categories.find(c => c.id.toLowerCase() === needle || c.title.toLowerCase() === needle);
		if (!category) throw new UsageError(`unknown category '${value}'; known: ${catalog.categories.map(c => c.id).join(', ')}`);
		return category.id;
	});
	const wantedChecks = new Set<string>();
	const wantedRows = new Set<string>();
	for (const value of selection.checks ?? []) {
		const needle = value.toLowerCase();
		const check = catalog.checks.find(entry => entry.check.id.toLowerCase() === needle || entry.check.title?.toLowerCase() === needle);
		if (check) {
			wantedChecks.add(check.check.id);
			continue;
		}

		const row = catalog.rows.find(r => r.id.toLowerCase() === needle || r.feature.toLowerCase() === needle);
		if (!row) throw new UsageError(`unknown check or row '${value}'; run 'litellm-parity list' to see the ids`);
		wantedRows.add(row.id);
	}

	const filtered = wantedCategories.length > 0 || wantedChecks.size > 0 || wantedRows.size > 0;
	const selected: SelectedRow[] = [];
	for (const category of catalog.categories) {
		for (const row of category.rows) {
			if (!filtered || wantedCategories.includes(category.id) || wantedRows.has(row.id)) {
				selected.push({row, category, checks: row.checks});
				continue;
			}

			const checks = row.checks.filter(check => wantedChecks.has(check.id));
			if (checks.length > 0) selected.push({row, category, checks});
		}
	}

	return selected;
}
