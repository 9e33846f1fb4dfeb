import {mkdtemp, readFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import Ajv from 'ajv';
import {execa} from 'execa';
import {XMLParser} from 'fast-xml-parser';
import {beforeAll, describe, expect, it} from 'vitest';
import {parse} from 'yaml';
import {loadCatalog, type Catalog} from '../../source/catalog/catalog.js';
import {jsonSchemas} from '../../source/config/json-schemas.js';
import {compareRuns, listRuns, readRun, saveRun} from '../../source/history/history.js';
import {recordFromEvents, toJsonReport, type RunRecord} from '../../source/report/json.js';
import {renderJunit} from '../../source/report/junit.js';
import {renderMarkdown} from '../../source/report/markdown.js';
import {loadProfileFile} from '../../source/targets/profiles.js';
import type {RunEvent} from '../../source/domain.js';
import {runProfile, simulatorPair, urlProfile} from '../helpers/targets.js';
import {startSimulator} from '../../source/testbed/simulator/index.js';

let catalog: Catalog;
let record: RunRecord;

beforeAll(async () => {
	catalog = await loadCatalog();
	const demo = await loadProfileFile(path.resolve('profiles/demo.yaml'));
	const {finished, events} = await runProfile(demo, {});
	record = recordFromEvents(events[0] as Extract<RunEvent, {type: 'run-started'}>, finished);
}, 90_000);

describe('markdown report (the plan, filled in)', () => {
	it('holds every row of the plan in its tables, core categories as bold rows', () => {
		const markdown = renderMarkdown(record, catalog);
		for (const row of catalog.rows) expect(markdown, row.id).toContain(row.feature.startsWith('/') ? `| \`${row.feature}\` |` : row.feature);
		for (const title of ['API Endpoints', 'Health Endpoints', 'Management Endpoints', 'Routing', 'Persistence', 'Observability']) expect(markdown).toContain(`| **${title}** |`);
		expect(markdown).toContain('| Feature | Original LiteLLM | Our Container | Status | Notes |');
		expect(markdown).toContain('### LLMRouter Enhancements (Our Additions)');
		expect(markdown).toContain('| Metric | Target | Test Method |');
		expect(markdown).toContain('## Known Differences');
		expect(markdown).toMatch(/\| `\/v1\/batches` \| ✅ \| ❌ \| ❌ Gap \|/);
		expect(markdown).toMatch(/\| `\/health\/liveliness` \| ✅ \| ✅ \| ✅ Parity \|/);
		expect(markdown).toContain('- **gap** `api.batches.lifecycle`');
		expect(markdown).not.toContain('sk-demo-master-key-0000');
	});
});

describe('JUnit XML', () => {
	it('parses, with one test case per check, failures carrying the differences', () => {
		const xml = renderJunit(record);
		const parsed = new XMLParser({ignoreAttributes: false, attributeNamePrefix: ''}).parse(xml) as {testsuites: {testsuite: Array<{name: string; testcase: Array<Record<string, unknown>> | Record<string, unknown>}>}};
		const suites = parsed.testsuites.testsuite;
		const cases = suites.flatMap(suite => (Array.isArray(suite.testcase) ? suite.testcase : [suite.testcase]));
		expect(cases).toHaveLength(record.results.length);
		const failing = record.results.filter(result => ['gap', 'drift', 'both-fail'].includes(result.verdict)).length;
		expect(cases.filter(entry => 'failure' in entry)).toHaveLength(failing);
		expect(cases.filter(entry => 'skipped' in entry)).toHaveLength(record.summary.skipped);
		const speech = cases.find(entry => String(entry.name).startsWith('api.audio-speech.mp3'))!;
		expect(JSON.stringify(speech.failure)).toContain('gap');
		expect(JSON.stringify(speech.failure)).toContain('status');
	});
});

describe('JSON report and editor schemas', () => {
	const ajv = new Ajv({allErrors: true, strict: false});

	it('validates against the shipped report schema', async () => {
		const schema = JSON.parse(await readFile('schemas/report.schema.json', 'utf8')) as object;
		const validate = ajv.compile(schema);
		expect(validate(JSON.parse(JSON.stringify(toJsonReport(record)))), JSON.stringify(validate.errors)).toBe(true);
	});

	it('ships schemas generated from the current validation schemas', async () => {
		for (const [name, schema] of Object.entries(jsonSchemas())) {
			expect(JSON.parse(await readFile(`schemas/${name}`, 'utf8')), `schemas/${name} is stale: run npm run schemas`).toEqual(JSON.parse(JSON.stringify(schema)));
		}
	});

	it('accepts every shipped check file and profile, each naming its schema', async () => {
		const checks = ajv.compile(JSON.parse(await readFile('schemas/checks.schema.json', 'utf8')) as object);
		const profiles = ajv.compile(JSON.parse(await readFile('schemas/profile.schema.json', 'utf8')) as object);
		for (const category of catalog.categories) {
			const text = await readFile(category.file, 'utf8');
			expect(text).toContain('# yaml-language-server: $schema=../schemas/checks.schema.json');
			expect(checks(parse(text)), `${category.file}: ${JSON.stringify(checks.errors)}`).toBe(true);
		}

		for (const file of ['profiles/demo.yaml', 'profiles/local-docker.yaml']) {
			const text = await readFile(file, 'utf8');
			expect(text).toContain('$schema=../schemas/profile.schema.json');
			expect(profiles(parse(text)), `${file}: ${JSON.stringify(profiles.errors)}`).toBe(true);
		}
	});
});

describe('history', () => {
	it('shows a row newly broken after the candidate changed between two runs', async () => {
		const directory = await mkdtemp(path.join(tmpdir(), 'parity-history-'));
		const baseline = await startSimulator({personality: 'baseline', masterKey: 'sk-test-master-key-1234'});
		try {
			for (const gaps of [false, true]) {
				const candidate = await startSimulator({personality: 'candidate', masterKey: 'sk-test-master-key-1234', gaps});
				try {
					const {finished, events} = await runProfile(urlProfile(baseline.url, candidate.url), {categories: ['api']});
					await saveRun(recordFromEvents(events[0] as Extract<RunEvent, {type: 'run-started'}>, finished), {directory});
				} finally {
					await candidate.close();
				}
			}
		} finally {
			await baseline.close();
		}

		const runs = await listRuns({directory, profile: 'test'});
		expect(runs).toHaveLength(2);
		const comparison = compareRuns(await readRun(runs[1]!.file), await readRun(runs[0]!.file));
		expect(comparison.broken.map(change => change.check)).toEqual(expect.arrayContaining(['api.batches.lifecycle', 'api.audio-speech.mp3']));
		expect(comparison.broken.find(change => change.check === 'api.batches.lifecycle')).toMatchObject({before: 'parity', after: 'gap'});
		expect(comparison.fixed).toEqual([]);
	}, 60_000);

	it('keeps a bounded number of runs', async () => {
		const directory = await mkdtemp(path.join(tmpdir(), 'parity-history-'));
		for (let index = 0; index < 4; index++) await saveRun({...record, runId: `run${index}`, startedAt: `2026-01-0${index + 1}T00:00:00.000Z`}, {directory, limit: 3});
		const runs = await listRuns({directory});
		expect(runs.map(run => run.runId)).toEqual(['run3', 'run2', 'run1']);
	});

	it('`litellm-parity history diff` names the newly broken row', async () => {
		const home = await mkdtemp(path.join(tmpdir(), 'parity-home-'));
		const pair = await simulatorPair({}, {gaps: false});
		const env = {LITELLM_PARITY_HOME: home, LITELLM_MASTER_KEY: 'sk-test-master-key-1234'};
		const cli = (args: string[]) => execa('node', [path.resolve('dist/source/cli.js'), ...args], {reject: false, env});
		try {
			await cli(['run', '--baseline', pair.baseline.url, '--candidate', pair.candidate.url, '--check', 'api.audio-speech']);
			await pair.candidate.close();
			const broken = await startSimulator({personality: 'candidate', masterKey: 'sk-test-master-key-1234', port: Number(new URL(pair.candidate.url).port)});
			try {
				await cli(['run', '--baseline', pair.baseline.url, '--candidate', pair.candidate.url, '--check', 'api.audio-speech']);
			} finally {
				await broken.close();
			}

			const diff = await cli(['history', 'diff']);
			expect(diff.exitCode).toBe(0);
			expect(diff.stdout).toContain('Newly broken (1)');
			expect(diff.stdout).toMatch(/api\.audio-speech\.mp3\s+parity → gap/);
		} finally {
			await pair.baseline.close();
		}
	}, 60_000);
});
