// One run, five views: the markdown, JUnit, JSON and table reports and the explorer (its state folded from the run's
// events) must show the same verdict for every row — the one ranking of domain.ts, not one per view.
import path from 'node:path';
import {XMLParser} from 'fast-xml-parser';
import {beforeAll, describe, expect, it} from 'vitest';
import {loadCatalog, type Catalog} from '../../source/catalog/catalog.js';
import {rowVerdict, verdicts, type RunEvent, type Verdict} from '../../source/domain.js';
import {recordFromEvents, renderJson, type RunRecord} from '../../source/report/json.js';
import {renderJunit} from '../../source/report/junit.js';
import {renderMarkdown} from '../../source/report/markdown.js';
import {renderTable} from '../../source/report/table.js';
import {loadProfileFile} from '../../source/targets/profiles.js';
import {reducer} from '../../source/ui/model/reducer.js';
import {summarizeRow} from '../../source/ui/model/selectors.js';
import {initialState, type ExplorerState} from '../../source/ui/model/state.js';
import {runProfile} from '../helpers/targets.js';

let catalog: Catalog;
let record: RunRecord;
let explorer: ExplorerState;

beforeAll(async () => {
	catalog = await loadCatalog();
	const demo = await loadProfileFile(path.resolve('profiles/demo.yaml'));
	// Every category but the long load measurements: the demo brings every verdict but error, rows of several checks
	// whose verdicts differ, and skipped container rows.
	const categories = catalog.categories.map(category => category.id).filter(id => id !== 'performance');
	const {finished, events} = await runProfile(demo, {categories});
	record = recordFromEvents(events[0] as Extract<RunEvent, {type: 'run-started'}>, finished);
	// The reducer is pure: each action comes with its id and time.
	explorer = reducer(reducer(initialState(), {type: 'catalog-loaded', catalog}, {id: 1, at: '2026-01-01T00:00:00.000Z'}), {type: 'run-events', events}, {id: 2, at: '2026-01-01T00:00:01.000Z'});
}, 180_000);

function byRow(entries: Array<[string, Verdict]>): Map<string, Verdict> {
	return new Map(entries);
}

/** Per-check verdicts → row verdicts through the shared ranking (for views that list checks, not rows). */
function rowsFromChecks(checks: Array<{row: string; verdict: Verdict}>): Map<string, Verdict> {
	const grouped = new Map<string, Array<{verdict: Verdict}>>();
	for (const check of checks) grouped.set(check.row, [...(grouped.get(check.row) ?? []), check]);
	return new Map([...grouped].map(([row, list]) => [row, rowVerdict(list)]));
}

describe('every view shows the same verdict for every row', () => {
	it('has rows whose checks disagree, so the ranking matters', () => {
		const mixed = [...rowsFromChecks(record.results)].filter(([row]) => new Set(record.results.filter(result => result.row === row).map(result => result.verdict)).size > 1);
		expect(mixed.length).toBeGreaterThan(0);
		expect(new Set(record.results.map(result => result.verdict))).toEqual(new Set(['parity', 'gap', 'drift', 'bonus', 'both-fail', 'expected', 'skipped']));
	});

	it('JSON rows, JUnit, markdown, table and explorer agree', () => {
		const json = JSON.parse(renderJson(record)) as {rows: Array<{row: string; verdict: Verdict}>; results: Array<{row: string; check: string; verdict: Verdict}>};
		const fromJson = byRow(json.rows.map(row => [row.row, row.verdict]));

		const xml = new XMLParser({ignoreAttributes: false, attributeNamePrefix: '', isArray: name => ['testsuite', 'testcase', 'property'].includes(name)}).parse(renderJunit(record)) as {
			testsuites: {testsuite: Array<{testcase: Array<{classname: string; properties: {property: Array<{name: string; value: string}>}}>}>};
		};
		const cases = xml.testsuites.testsuite.flatMap(suite => suite.testcase);
		const property = (testCase: (typeof cases)[number], name: string) => testCase.properties.property.find(entry => entry.name === name)!.value as Verdict;
		const row = (testCase: (typeof cases)[number]) => record.results.find(result => `${result.category}.${result.row}` === testCase.classname)!.row;
		const fromJunitProperty = byRow(cases.map(testCase => [row(testCase), property(testCase, 'rowVerdict')]));
		const fromJunitCases = rowsFromChecks(cases.map(testCase => ({row: row(testCase), verdict: property(testCase, 'verdict')})));

		const markdown = renderMarkdown(record, catalog);
		const section = markdown.slice(markdown.indexOf('## Verdicts by row'));
		const fromMarkdown = byRow([...section.matchAll(/^\| `([^`]+)` \| .* \| ([a-z-]+) \|$/gm)].map(match => [match[1]!, match[2] as Verdict]));

		const table = renderTable(record);
		const lineVerdicts = [...table.matchAll(/^ {2}\S ([a-z-]+)\s+(\S+)/gm)].map(match => ({verdict: match[1] as Verdict, check: match[2]!}));
		expect(lineVerdicts.every(line => verdicts.includes(line.verdict))).toBe(true);
		const fromTable = rowsFromChecks(lineVerdicts.map(line => ({verdict: line.verdict, row: record.results.find(result => result.check === line.check)!.row})));

		const fromExplorer = byRow(catalog.rows.filter(catalogRow => fromJson.has(catalogRow.id)).map(catalogRow => [catalogRow.id, summarizeRow(catalogRow, explorer.checks).verdict!]));

		expect(fromJson.size).toBeGreaterThanOrEqual(40);
		for (const [name, view] of Object.entries({fromJunitProperty, fromJunitCases, fromMarkdown, fromTable, fromExplorer})) {
			expect(Object.fromEntries(view), name).toEqual(Object.fromEntries(fromJson));
		}
	});
});
