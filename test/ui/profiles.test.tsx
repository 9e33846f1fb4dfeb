// Profiles from the explorer, read back from a ProfileStore in a temp folder: save and restart, the inline target
// form (keys masked), marking a difference as expected, switching profiles, and exporting a report.
import {readFile, readdir} from 'node:fs/promises';
import path from 'node:path';
import {XMLParser} from 'fast-xml-parser';
import {afterEach, describe, expect, it} from 'vitest';
import {ProfileStore} from '../../source/targets/profiles.js';
import {keys, matrixRow, renderExplorer, temporaryFolder, type Harness} from './harness.js';

let harness: Harness | undefined;
afterEach(async () => {
	await harness?.cleanup();
	harness = undefined;
});

const openDemo = (h: Harness, name = 'demo') => h.waitFor(frame => frame.includes(`profile ${name}`) && /baseline http:\/\/127\.0\.0\.1:\d+/.test(frame) && frame.includes('API Endpoints'), {what: `profile ${name} to open`, timeout: 15_000});

describe('profiles in the explorer', () => {
	it('saves the current setup as a named profile, and opens on it after a restart', async () => {
		const home = await temporaryFolder();
		harness = await renderExplorer({home});
		await openDemo(harness);
		await harness.press('s');
		await harness.waitForText('save profile as: my-demo');
		await harness.press(keys.ctrlU);
		await harness.type('team-a');
		await harness.press(keys.enter);
		await harness.waitForText("saved profile 'team-a'");

		const store = new ProfileStore({cwd: home});
		expect(store.names()).toEqual(['team-a']);
		expect(store.active).toBe('team-a');
		const saved = store.get('team-a')!;
		expect(saved.baseline.embedded).toBe('baseline');
		expect(saved.candidate.embedded).toBe('candidate');
		expect(saved.expected.map(entry => entry.id)).toContain('models-router-group');

		await harness.cleanup();
		harness = await renderExplorer({home});
		await openDemo(harness, 'team-a');
		expect(harness.lastFrame()).toContain('(active profile)');
	});

	it('edits target keys inline: masked while typing and after; the edit reconnects the targets', async () => {
		harness = await renderExplorer();
		await openDemo(harness);
		await harness.press('e');
		await harness.waitForText('Edit targets');
		// To the baseline key, replace it.
		await harness.press(keys.tab, keys.ctrlU);
		const secret = 'sk-typed-secret-4242';
		await harness.type(secret);
		let frame = await harness.waitForText('•'.repeat(secret.length));
		expect(frame).not.toContain(secret);
		await harness.press(keys.tab);
		frame = await harness.waitForText('sk-****4242');
		expect(frame).not.toContain(secret);
		// Apply from the last field: the targets reopen with the edited profile (marked unsaved).
		await harness.press(keys.tab, keys.enter);
		frame = await harness.waitFor(f => f.includes('profile demo*') && /baseline http:\/\/127\.0\.0\.1:\d+/.test(f), {what: 'the edited profile to open', timeout: 15_000});
		expect(frame).not.toContain(secret);
		expect(harness.store.getState().profile?.spec.baseline.key).toBe(secret);
	});

	it('rejects a URL that is not http(s) and keeps the form open', async () => {
		harness = await renderExplorer();
		await openDemo(harness);
		await harness.press('e');
		await harness.waitForText('Edit targets');
		await harness.type('ftp://nowhere');
		await harness.press(keys.tab, keys.tab, keys.tab, keys.enter);
		await harness.waitForText('must start with http:// or https://');
		expect(harness.lastFrame()).toContain('Edit targets');
	});

	it('marks a difference as expected with a reason, saved into the profile', async () => {
		const home = await temporaryFolder();
		harness = await renderExplorer({home});
		await openDemo(harness);
		// /v1/batches is one of the demo's deliberate gaps.
		await harness.press('/');
		await harness.type('batches');
		await harness.press(keys.enter, 'j');
		await harness.waitForText('api.batches');
		await harness.press('r');
		await harness.waitFor(frame => /[✗≠‼!] \/v1\/batches/.test(matrixRow(frame, '/v1/batches')), {what: 'the batches finding'});
		const check = Object.values(harness.store.getState().checks).find(state => state.row === 'api.batches' && (state.result?.differences.length ?? 0) > 0);
		expect(check, 'a batches check with differences').toBeDefined();
		const difference = check!.result!.differences.filter(entry => !entry.noise)[0] ?? check!.result!.differences[0]!;

		await harness.press(keys.enter);
		// Pick that check, then the difference (the Diff tab lists findings first).
		for (let step = 0; step < 6 && selectedCheckId(harness) !== check!.id; step++) await harness.press(keys.tab);
		expect(selectedCheckId(harness)).toBe(check!.id);
		await harness.press('x');
		await harness.waitForText(`why is ${difference.path} expected?`);
		await harness.type('batches ship in the next image');
		await harness.press(keys.enter);
		// The demo is a shipped file: the explorer asks under which name to save, instead of a copy hiding it.
		await harness.waitForText("'demo' is a shipped file; save it with this difference as profile: my-demo");
		expect(new ProfileStore({cwd: home}).names()).toEqual([]);
		await harness.press(keys.enter);
		await harness.waitForText('is expected now');
		expect(harness.lastFrame()).toContain('≈ expected: batches ship in the next image');
		expect(harness.lastFrame()).toContain('profile my-demo');
		expect(harness.store.getState().checks[check!.id]!.result!.differences.find(entry => entry.path === difference.path)?.expectedReason).toBe('batches ship in the next image');

		const store = new ProfileStore({cwd: home});
		expect(store.names()).toEqual(['my-demo']);
		expect(store.active).toBe('my-demo');
		const saved = store.get('my-demo')!;
		const entry = saved.expected.find(item => item.check === check!.id);
		expect(entry).toMatchObject({check: check!.id, path: difference.path, reason: 'batches ship in the next image'});
		// The demo file's own acknowledgement is kept.
		expect(saved.expected.some(item => item.id === 'models-router-group')).toBe(true);
	});

	it('switches profiles from the picker: old targets close, new ones open', async () => {
		const home = await temporaryFolder();
		new ProfileStore({cwd: home}).save({name: 'second', baseline: {embedded: 'baseline'}, candidate: {embedded: 'candidate'}});
		harness = await renderExplorer({home});
		await openDemo(harness);
		const before = harness.store.getState().targets!.baseline.url;
		await harness.press('p');
		await harness.waitForText('Profiles');
		expect(harness.lastFrame()).toMatch(/second +saved/);
		expect(harness.lastFrame()).toMatch(/demo +file/);
		// Saved profiles come first: the picker opened on the current one (demo), so go up to 'second'.
		await harness.press(keys.up, keys.enter);
		await openDemo(harness, 'second');
		const after = harness.store.getState().targets!.baseline.url;
		expect(after).not.toBe(before);
		// The old simulator is gone.
		await expect(fetch(`${before}/health/liveliness`)).rejects.toThrow();
		expect(new ProfileStore({cwd: home}).active).toBe('second');
	});

	it('exports every report (JSON, text, markdown, JUnit) to the folder the user picks and names them in full', async () => {
		const suggested = await temporaryFolder('parity-export-suggested-');
		const folder = path.join(await temporaryFolder('parity-export-'), 'picked', 'reports');
		harness = await renderExplorer({exportDirectory: suggested, columns: 200});
		await openDemo(harness);
		await harness.press('E');
		await harness.waitForText('nothing to export yet');
		await harness.press('j', 'r');
		await harness.waitForText('finished in');
		await harness.press('E');
		// The reports folder is proposed; typing replaces it (a folder that does not exist yet is created).
		await harness.waitForText(`export reports to: ${suggested}`);
		await harness.type(folder);
		await harness.press(keys.enter);
		const frame = await harness.waitForText('reports written');
		expect(await readdir(suggested)).toEqual([]);
		const files = (await readdir(folder)).sort();
		expect(files).toHaveLength(4);
		const base = files.find(name => name.endsWith('.json'))!.slice(0, -'.json'.length);
		expect(files).toEqual([`${base}.json`, `${base}.junit.xml`, `${base}.md`, `${base}.txt`]);
		// The toast names them: the first with its full path, then the other endings.
		expect(frame).toContain(`${path.join(folder, base)}.json, .txt, .md, .junit.xml`);
		const read = (ending: string) => readFile(path.join(folder, `${base}${ending}`), 'utf8');
		const json = JSON.parse(await read('.json')) as {profile: string; durationMs: number; results: Array<{check: string; durationMs: number}>};
		expect(json.profile).toBe('demo');
		// The run time is the run's wall time, not the sum of its checks' times.
		expect(json.durationMs).toBe(harness.store.getState().lastRun!.durationMs);
		expect(json.results.map(result => result.check)).toContain('api.chat-completions.stream');
		expect(await read('.txt')).toContain('api.chat-completions.stream');
		// Markdown: the plan's matrix, with the row that ran filled in and the others still to test.
		const markdown = await read('.md');
		expect(markdown).toContain('| Feature | Original LiteLLM | Our Container | Status | Notes |');
		expect(markdown).toMatch(/\| `\/v1\/chat\/completions` \| [✅❌] \| [✅❌] \| (✅|❌|⚠️) /);
		expect(markdown).toContain('| `/v1/embeddings` | ⏳ | ⏳ | ⏳ Not tested |');
		// JUnit: parses, one test case per check of the row.
		const junit = new XMLParser({ignoreAttributes: false, attributeNamePrefix: ''}).parse(await read('.junit.xml')) as {testsuites: {testsuite: {name: string; testcase: Array<{name: string}>} | Array<{name: string}>}};
		const suites = [junit.testsuites.testsuite].flat() as Array<{name: string; testcase: Array<{name: string}>}>;
		expect(suites.map(suite => suite.name)).toEqual(['api']);
		expect(suites[0]!.testcase.map(testCase => testCase.name.split(' ')[0])).toContain('api.chat-completions.stream');
		for (const ending of ['.json', '.txt', '.md', '.junit.xml']) expect(await read(ending)).not.toContain('sk-demo-master-key-0000');
	});
});

function selectedCheckId(h: Harness): string | undefined {
	const match = /▸ \S+ \S+\s+(\S+) ·/.exec(h.lastFrame());
	return match?.[1];
}
