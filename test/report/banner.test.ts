// Two sides on different LiteLLM versions: every output starts by saying so. Stale and expired expected differences
// are listed at the top too.
import {XMLParser} from 'fast-xml-parser';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {RunEvent} from '../../source/domain.js';
import {probeTargets} from '../../source/engine/preflight.js';
import {recordFromEvents, renderJson, type RunRecord} from '../../source/report/json.js';
import {renderJunit} from '../../source/report/junit.js';
import {renderMarkdown} from '../../source/report/markdown.js';
import {renderTable} from '../../source/report/table.js';
import {loadCatalog, selectRows, type Catalog} from '../../source/catalog/catalog.js';
import {runChecks} from '../../source/engine/run.js';
import {startSimulator, type SimulatorHandle} from '../../source/testbed/simulator/index.js';
import {openTargets} from '../../source/targets/open.js';
import {standIns} from '../../source/testbed/index.js';
import {profileSchema} from '../../source/targets/profile-schema.js';

const key = 'sk-banner-test-key-0000';
let catalog: Catalog;
let servers: SimulatorHandle[] = [];

async function runPair(candidateVersion: string, expected: unknown[] = []): Promise<RunRecord> {
	const baseline = await startSimulator({personality: 'baseline', masterKey: key, version: '1.81.13'});
	const candidate = await startSimulator({personality: 'baseline', masterKey: key, version: candidateVersion});
	servers.push(baseline, candidate);
	const profile = profileSchema.parse({name: 'banner', baseline: {url: baseline.url, key}, candidate: {url: candidate.url, key}, expected});
	const opened = await openTargets(profile, {standIns});
	try {
		const preflight = await probeTargets(opened.targets);
		const events: RunEvent[] = [];
		const finished = await runChecks({rows: selectRows(catalog, {checks: ['health.liveliness', 'api.models.list']}), profile, targets: opened.targets, preflight, today: '2026-06-01'}, event => events.push(event));
		return recordFromEvents(events[0] as Extract<RunEvent, {type: 'run-started'}>, finished);
	} finally {
		await opened.close();
	}
}

beforeAll(async () => {
	catalog = await loadCatalog();
});

afterAll(async () => {
	await Promise.all(servers.map(server => server.close()));
	servers = [];
});

describe('different LiteLLM versions head every output', () => {
	it('says so first in the table, markdown, JSON and JUnit', async () => {
		const record = await runPair('1.80.0');
		expect(record.versions).toEqual({baseline: '1.81.13', candidate: '1.80.0'});
		const banner = 'different LiteLLM versions: baseline 1.81.13, candidate 1.80.0 — differences may come from the version, not from the customisation';
		expect(renderTable(record).split('\n')[0]).toBe(`⚠ ${banner}`);
		expect(renderMarkdown(record, catalog).split('\n')[2]).toBe(`> **⚠ ${banner}**`);
		const json = JSON.parse(renderJson(record)) as {headlines: string[]; targets: {baseline: {litellmVersion: string}; candidate: {litellmVersion: string}}};
		expect(json.headlines[0]).toBe(banner);
		expect(json.targets.candidate.litellmVersion).toBe('1.80.0');
		const junit = renderJunit(record);
		expect(junit.split('\n')[1]).toBe(`<!-- ⚠ ${banner} -->`);
		const parsed = new XMLParser({ignoreAttributes: false, attributeNamePrefix: ''}).parse(junit) as {testsuites: {testsuite: {properties: {property: Array<{name: string; value: string}>}}}};
		expect([parsed.testsuites.testsuite].flat()[0]!.properties.property).toContainEqual({name: 'notice.1', value: `⚠ ${banner}`});
	});

	it('stays quiet when both sides run the same version', async () => {
		const record = await runPair('1.81.13');
		expect(renderTable(record).split('\n')[0]).toMatch(/^litellm-parity · profile banner/);
		expect((JSON.parse(renderJson(record)) as {headlines?: string[]}).headlines).toBeUndefined();
	});

	it('lists stale and expired expected differences at the top', async () => {
		const record = await runPair('1.81.13', [
			{id: 'gone', check: 'api.models.list', path: '$.data[id=no-such-model]', reason: 'an old difference'},
			{id: 'old', check: 'health.liveliness', reason: 'was fine', expires: '2026-01-31'},
			{id: 'elsewhere', check: 'api.files', reason: 'not in this run'},
		]);
		expect(record.notices?.map(notice => [notice.kind, notice.id])).toEqual([
			['stale-expected', 'gone'],
			['expired-expected', 'old'],
		]);
		const table = renderTable(record).split('\n');
		expect(table[0]).toBe("⚠ expected difference profile entry 'gone' matched nothing in this run (stale): the difference is gone or the entry names the wrong path");
		expect(table[1]).toBe("⚠ expected difference profile entry 'old' expired on 2026-01-31 and is inactive: renew or remove it");
	});
});
