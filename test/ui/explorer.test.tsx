// The explorer against the real embedded simulators (the demo profile): start-up, moving, running, cancelling,
// filtering, the help overlay and key bursts.
import {afterEach, describe, expect, it} from 'vitest';
import {keyLabel, keymap} from '../../source/ui/keys/keymap.js';
import {ProfileStore} from '../../source/targets/profiles.js';
import {keys, matrixPane, matrixRow, renderExplorer, shippedCatalog, temporaryFolder, type Harness} from './harness.js';

let harness: Harness | undefined;
afterEach(async () => {
	await harness?.cleanup();
	harness = undefined;
});

/** The demo is open when both targets have URLs and the catalog is in the matrix. */
async function ready(h: Harness): Promise<void> {
	await h.waitFor(frame => frame.includes('API Endpoints') && /baseline http:\/\/127\.0\.0\.1:\d+/.test(frame), {what: 'the demo to open', timeout: 15_000});
}

describe('explorer start-up and moving', () => {
	it('draws a first frame before the targets and the catalog are ready, then fills in', async () => {
		harness = await renderExplorer({columns: 150, rows: 40});
		// The very first frame is synchronous: nothing has been loaded yet.
		const first = harness.stdout.frames[0] ?? '';
		expect(first).toContain('litellm-parity');
		expect(first).toMatch(/starting|loading checks/);
		await ready(harness);
		const frame = harness.lastFrame();
		expect(frame).toContain('profile demo');
		// Grouped by category, with rows under them.
		expect(frame).toContain('▾ API Endpoints');
		expect(frame).toContain('/v1/chat/completions');
		expect(frame.split('\n').length).toBeLessThanOrEqual(40);
	});

	it('moves with ↓/j and ↑/k; Enter opens the row and Esc goes back', async () => {
		harness = await renderExplorer({columns: 150, rows: 40});
		await ready(harness);
		await harness.waitForText('Matrix 1/');
		await harness.press(keys.down);
		await harness.waitForText('Matrix 2/');
		expect(harness.lastFrame()).toContain('api.chat-completions · API Endpoints');
		await harness.press('j', 'j');
		await harness.waitForText('Matrix 4/');
		expect(harness.lastFrame()).toContain('api.embeddings · API Endpoints');
		await harness.press('k');
		await harness.waitForText('Matrix 3/');

		await harness.press(keys.enter);
		// Focused detail: ↓ no longer moves the matrix cursor.
		await harness.waitForText('Tab/. check');
		await harness.press(keys.down);
		expect(harness.lastFrame()).toContain('Matrix 3/');
		await harness.press(keys.escape);
		await harness.waitFor(frame => frame.includes('↓/j move'), {what: 'matrix hints'});
		await harness.press('j');
		await harness.waitForText('Matrix 4/');
	});

	it('takes a burst of keys delivered in one read as separate presses', async () => {
		harness = await renderExplorer({columns: 150, rows: 40});
		await ready(harness);
		await harness.press('jjj');
		await harness.waitForText('Matrix 4/');
	});

	it('folds a category with Enter on its line and unfolds it again', async () => {
		harness = await renderExplorer({columns: 150, rows: 40});
		await ready(harness);
		await harness.press(keys.enter);
		await harness.waitForText('▸ API Endpoints');
		expect(matrixPane(harness.lastFrame())).not.toContain('/v1/embeddings');
		expect(matrixPane(harness.lastFrame())).toContain('Health Endpoints');
		await harness.press(keys.enter);
		await harness.waitForText('▾ API Endpoints');
		expect(matrixPane(harness.lastFrame())).toContain('/v1/embeddings');
	});

	it('follows the terminal size: the matrix and detail take turns when narrow', async () => {
		harness = await renderExplorer({columns: 150, rows: 40});
		await ready(harness);
		// Wide: two panes side by side.
		expect(harness.lastFrame()).toContain('││');
		harness.stdout.resize(70, 24);
		await harness.waitFor(frame => !frame.includes('││') && frame.includes('│Matrix'), {what: 'the narrow matrix'});
		expect(Math.max(...harness.lastFrame().split('\n').map(line => [...line].length))).toBeLessThanOrEqual(70);
		expect(harness.lastFrame().split('\n').length).toBeLessThanOrEqual(24);
		await harness.press('j', keys.enter);
		await harness.waitFor(frame => frame.includes('1 Diff') && !frame.includes('Matrix'), {what: 'the narrow detail'});
	});
});

describe('running', () => {
	it('a run asked for while still starting (a at the first frame) begins once the checks and targets are ready', async () => {
		// The catalog arrives late on purpose, so the key surely lands before it.
		const catalog = await shippedCatalog({rows: ['health.liveliness']});
		let release!: () => void;
		const late = new Promise<void>(resolve => {
			release = resolve;
		});
		harness = await renderExplorer({columns: 160, rows: 45, loadCatalog: async () => (await late, catalog)});
		await harness.press('a');
		await harness.waitForText('starts as soon as the checks and the targets are ready');
		release();
		await harness.waitFor(frame => /✓ \/health\/liveliness/.test(frame), {what: 'the liveliness row to run by itself', timeout: 15_000});
	});

	it('runs the selected row and shows its verdicts', async () => {
		harness = await renderExplorer({columns: 160, rows: 45});
		await ready(harness);
		await harness.press('j', 'j', 'j');
		await harness.waitForText('api.embeddings · API Endpoints');
		expect(matrixRow(harness.lastFrame(), '/v1/embeddings')).toContain('· /v1/embeddings');
		await harness.press('r');
		const frame = await harness.waitFor(f => /[✓✗≠+‼≈!-] \/v1\/embeddings.*\d{3}\|\d{3}/.test(matrixRow(f, '/v1/embeddings')), {what: 'the embeddings verdict'});
		// Only this row ran.
		expect(matrixRow(frame, '/v1/chat/completions')).toContain('· /v1/chat/completions');
		expect(frame).toMatch(/api\.embeddings\.vector .* 200\|200/);
		await harness.waitForText('finished in');
	});

	it('cancels a run with Esc: in-flight requests are aborted and the run ends at once', async () => {
		// Every answer takes ten minutes here (longer than the test may run), so a run that ends after Esc can only
		// have aborted its requests.
		const home = await temporaryFolder();
		new ProfileStore({cwd: home}).save({name: 'slow', baseline: {embedded: {personality: 'baseline', latencyMs: 600_000}}, candidate: {embedded: {personality: 'candidate', latencyMs: 600_000}}});
		harness = await renderExplorer({columns: 160, rows: 45, home, choice: {profile: 'slow'}});
		await harness.waitFor(frame => /baseline http:\/\/127\.0\.0\.1:\d+/.test(frame) && frame.includes('API Endpoints'), {what: 'the slow profile', timeout: 15_000});
		await harness.press('a');
		// Not even the pre-flight's readiness request is answered: the explorer says so and runs only when asked to.
		await harness.waitForText('does not answer');
		expect(harness.store.getState().overlay?.kind).toBe('preflight');
		await harness.press('y');
		await harness.waitFor(() => Object.values(harness!.store.getState().checks).some(check => check.status === 'running'), {what: 'checks in flight'});
		await harness.press(keys.escape);
		const frame = await harness.waitForText('cancelled after');
		const state = harness.store.getState();
		expect(state.run).toBeUndefined();
		expect(Object.values(state.checks).filter(check => check.status === 'cancelled').length).toBeGreaterThan(10);
		expect(Object.values(state.checks).some(check => check.status === 'running')).toBe(false);
		expect(frame).not.toContain('everything finished');
		expect(harness.session.running).toBe(false);
	});

	it('refuses a second run while one is in flight', async () => {
		harness = await renderExplorer({columns: 160, rows: 45});
		await ready(harness);
		await harness.press('a', 'r');
		await harness.waitForText('a run is in flight');
		await harness.press(keys.escape);
		await harness.waitForText('cancelled after');
	});
});

describe('filter and toggles', () => {
	it('filters rows by text as you type; Esc clears it', async () => {
		harness = await renderExplorer({columns: 160, rows: 45});
		await ready(harness);
		await harness.press('/');
		await harness.type('embed');
		let frame = await harness.waitForText('filter "embed"');
		expect(matrixPane(frame)).toContain('/v1/embeddings');
		expect(matrixPane(frame)).not.toContain('/v1/chat/completions');
		expect(matrixPane(frame)).not.toContain('Health Endpoints');
		await harness.press(keys.enter);
		await harness.waitFor(f => f.includes('filter "embed"') && !f.includes('/ embed'), {what: 'the prompt to close'});
		await harness.press(keys.escape);
		frame = await harness.waitFor(f => !f.includes('filter "embed"'), {what: 'the filter to clear'});
		expect(matrixPane(frame)).toContain('/v1/chat/completions');
	});

	it('shows problems only with g after a run', async () => {
		// Every functional row; the performance rows' load and overhead checks (10 s of measuring) are not the point here.
		const catalog = await shippedCatalog({withoutCategories: ['performance']});
		harness = await renderExplorer({columns: 160, rows: 45, loadCatalog: async () => catalog});
		await ready(harness);
		await harness.press('a');
		await harness.waitForText('everything finished');
		await harness.press('g');
		const frame = await harness.waitForText('problems only');
		const rows = matrixPane(frame).split('\n').filter(line => /^│ {2}\S /.test(line));
		expect(rows.length).toBeGreaterThan(0);
		// Every row left is a gap, drift, both-fail or error.
		for (const row of rows) expect(row).toMatch(/^│ {2}[✗≠‼!] /);
	});
});

describe('help', () => {
	it('lists every binding of the keymap in the help overlay', async () => {
		harness = await renderExplorer({columns: 240, rows: 80});
		await ready(harness);
		await harness.press('?');
		const frame = await harness.waitForText('generated from the keymap');
		for (const binding of keymap) {
			// A group (the tab keys 1…7) is one line, with its first binding's description.
			if (binding.group && keymap.find(entry => entry.group === binding.group) !== binding) continue;
			expect(frame, `help shows ${keyLabel(binding)}`).toContain(binding.description.slice(0, 40));
		}

		await harness.press(keys.escape);
		await harness.waitFor(frame => !frame.includes('generated from the keymap'), {what: 'help to close'});
	});
});

describe('quit', () => {
	it('q quits with code 0', async () => {
		harness = await renderExplorer({columns: 120, rows: 30});
		await ready(harness);
		await harness.press('q');
		expect(harness.exitCode()).toBe(0);
	});
});
