// Keys and forms doing what they say, each rendered and driven by keys, on a scripted engine (no live targets).
import {afterEach, describe, expect, it} from 'vitest';
import {ProfileStore} from '../../source/targets/profiles.js';
import {keys, lineWith, matrixRow, renderExplorer, shippedCatalog, temporaryFolder, type Harness, type HarnessOptions} from './harness.js';
import {ScriptedBackend} from './scripted-backend.js';

let harness: Harness | undefined;
afterEach(async () => {
	await harness?.cleanup();
	harness = undefined;
});

const footer = (frame: string) => frame.trimEnd().split('\n').at(-1) ?? '';

async function open(backend: ScriptedBackend, options: HarnessOptions = {}) {
	const catalog = options.loadCatalog ? undefined : await shippedCatalog({rows: ['api.chat-completions', 'api.embeddings', 'health.liveliness']});
	harness = await renderExplorer({backend, loadCatalog: catalog ? async () => catalog : undefined, ...options});
	const port = new URL(backend.urls.candidate.url).port;
	await harness.waitFor(frame => frame.includes(`:${port}`) && frame.includes('API Endpoints'), {what: 'the scripted targets'});
	return harness;
}

describe('prompts', () => {
	it('replaces a suggested value with what the user types (no my-demomy-demo)', async () => {
		const h = await open(new ScriptedBackend());
		await h.press('s');
		await h.waitForText('save profile as: my-demo');
		await h.type('team-a');
		const frame = await h.waitForText('save profile as: team-a');
		expect(frame).not.toContain('my-demoteam-a');
		// Backspace edits from there on, it does not bring the suggestion back.
		await h.press(keys.backspace);
		await h.waitForText('save profile as: team-');
	});

	it('keeps the suggestion when the user edits it instead of typing over it', async () => {
		const h = await open(new ScriptedBackend());
		await h.press('s');
		await h.waitForText('save profile as: my-demo');
		await h.press(keys.backspace);
		await h.type('x');
		await h.waitForText('save profile as: my-demx');
	});
});

describe('quitting', () => {
	it('q during start-up quits at once, before the targets are open', async () => {
		const backend = new ScriptedBackend();
		let release!: () => void;
		backend.openGate = new Promise(resolve => {
			release = resolve;
		});
		harness = await renderExplorer({backend});
		// The targets are opening (the explorer is mounted and listening): q now must not wait for them.
		await harness.waitForText('starting the embedded simulators…');
		await harness.press('q');
		await harness.waitFor(() => harness!.exitCode() === 0, {what: 'the explorer to quit'});
		// Quit did not wait for the targets; they finish opening only now (and are closed by the cleanup).
		release();
	});

	it('q during a run asks first: n keeps it running, y cancels it and quits', async () => {
		const backend = new ScriptedBackend();
		const h = await open(backend);
		await h.press('a');
		const run = await backend.nextRun(0);
		run.start();
		await h.waitForText(/everything: 0\/\d+/);
		await h.press('q');
		const asked = await h.waitForText('a run is in flight: quit and cancel it?');
		expect(footer(asked)).toContain('keep running');
		await h.press('n');
		await h.waitFor(frame => !frame.includes('quit and cancel it?'), {what: 'the question to close'});
		expect(h.exitCode()).toBeUndefined();
		expect(run.signal.aborted).toBe(false);
		await h.press('q');
		await h.waitForText('quit and cancel it?');
		await h.press('y');
		await h.waitFor(() => h.exitCode() === 0, {what: 'the explorer to quit'});
		expect(run.signal.aborted).toBe(true);
	});
});

describe('Esc', () => {
	it('closes the topmost thing first and cancels the run only when nothing else is open; the footer says which', async () => {
		const backend = new ScriptedBackend();
		const h = await open(backend);
		await h.press('j', keys.enter);
		await h.press('a');
		const run = await backend.nextRun(0);
		run.start();
		// Detail focused: Esc goes back, and the footer does not offer it for cancelling.
		let frame = await h.waitForText(/everything: 0\/\d+/);
		expect(footer(frame)).toMatch(/Esc\/← back/);
		expect(footer(frame)).not.toMatch(/Esc cancel/);
		await h.press('?');
		await h.waitForText('generated from the keymap');
		await h.press(keys.escape);
		await h.waitFor(f => !f.includes('generated from the keymap'), {what: 'help to close'});
		expect(run.signal.aborted).toBe(false);
		await h.press(keys.escape);
		frame = await h.waitFor(f => /Esc cancel/.test(footer(f)), {what: 'the matrix, where Esc cancels'});
		expect(run.signal.aborted).toBe(false);
		expect(h.store.getState().view.focus).toBe('matrix');
		// A filter is cleared before the run is touched.
		await h.press('/');
		await h.type('embed');
		await h.press(keys.enter);
		frame = await h.waitFor(f => /Esc clear filter/.test(footer(f)), {what: 'the filter hint'});
		await h.press(keys.escape);
		await h.waitFor(f => /Esc cancel/.test(footer(f)), {what: 'the filter to clear'});
		expect(run.signal.aborted).toBe(false);
		await h.press(keys.escape);
		await h.waitForText('cancelled after');
		expect(run.signal.aborted).toBe(true);
	});
});

describe('the frame at every size', () => {
	for (const [columns, rows] of [[80, 24], [100, 30]] as const) {
		it(`help fits and scrolls at ${columns}×${rows}, and reaches the legend of the row symbols`, async () => {
			const h = await open(new ScriptedBackend(), {columns, rows});
			await h.press('?');
			const first = await h.waitForText('generated from the keymap');
			const lines = first.trimEnd().split('\n');
			expect(lines.length).toBeLessThanOrEqual(rows);
			for (const line of lines) expect([...line].length).toBeLessThanOrEqual(columns);
			expect(first).toMatch(/scroll \(1–\d+ of \d+\)/);
			// Descriptions stay readable: a whole description fits on its line.
			expect(first).toContain('run everything (kept in the history');
			for (let page = 0; page < 12; page++) await h.press(' ');
			const last = await h.waitForText('rows shown / rows in it');
			expect(last).toContain('×4');
			expect(last).toContain('not run yet');
			expect(last).toContain('rows shown / rows in it');
			expect(last).not.toBe(first);
			await h.press('k');
			await h.waitFor(frame => frame !== last, {what: 'a line up'});
		});
	}

	it('keeps ? help and q quit in the footer and both target ports in the header at 80 columns', async () => {
		const backend = new ScriptedBackend({baseline: {url: 'http://a-rather-long-gateway-hostname.internal.example.com:4000'}, candidate: {url: 'http://another-long-gateway-hostname.internal.example.com:4001'}});
		const h = await open(backend, {columns: 80, rows: 24});
		let frame = h.lastFrame();
		expect(frame.split('\n')[0]).toContain(':4000');
		expect(frame.split('\n')[0]).toContain(':4001');
		// A long toast does not push the two out.
		h.store.dispatch({type: 'toast', message: 'a very long message that would take the whole footer line if it could, and then some more words'});
		frame = await h.waitForText('a very long message');
		expect(footer(frame)).toContain('? help');
		expect(footer(frame)).toContain('q quit');
		await h.press('j', keys.enter);
		frame = await h.waitFor(f => /scroll/.test(footer(f)), {what: 'the detail pane'});
		expect(footer(frame)).toContain('? help');
		expect(footer(frame)).toContain('q quit');
	});
});

describe('results', () => {
	it('switching to a profile whose targets fail to open clears the previous results', async () => {
		const backend = new ScriptedBackend();
		const h = await open(backend);
		await h.press('a');
		const run = await backend.nextRun(0);
		run.start();
		for (const ref of run.refs) run.finishCheck(ref.check, {verdict: 'parity'});
		run.finish();
		await h.waitForText('everything finished');
		expect(matrixRow(h.lastFrame(), '/v1/embeddings')).toContain('✓');
		backend.failOpen = 'connection refused at http://127.0.0.1:1';
		await h.press('p');
		await h.waitForText('local-docker');
		// Another profile than the open one.
		const picker = h.store.getState().overlay;
		const index = picker?.kind === 'picker' ? picker.entries.findIndex(entry => entry.name === 'local-docker') : -1;
		for (let step = 0; step < index; step++) await h.press('j');
		await h.press(keys.enter);
		const frame = await h.waitForText('targets not open');
		expect(lineWith(frame, 'profile')).toContain('local-docker');
		expect(matrixRow(frame, '/v1/embeddings')).toContain('·');
		expect(frame).toContain('✓ 0 parity');
		expect(Object.values(h.store.getState().checks).every(check => !check.result)).toBe(true);
	});

	it('keeps the selected check selected while results arrive', async () => {
		const backend = new ScriptedBackend();
		const h = await open(backend);
		await h.press('j', keys.enter);
		await h.waitForText('api.chat-completions.basic');
		await h.press(keys.tab);
		const chosen = await h.waitFor(frame => /▸ .*api\.chat-completions\.stream/.test(frame), {what: 'the stream check selected'});
		expect(chosen).toBeDefined();
		await h.press('r');
		const run = await backend.nextRun(0);
		run.start();
		// The other checks come back worse: the selection must not jump to them.
		run.finishCheck('api.chat-completions.basic', {verdict: 'gap'});
		run.finishCheck('api.chat-completions.unknown-model', {verdict: 'error'});
		await h.waitForText('✗ gap');
		expect(h.lastFrame()).toMatch(/▸ .*api\.chat-completions\.stream/);
		run.finishCheck('api.chat-completions.stream', {verdict: 'parity'});
		run.finish();
		const frame = await h.waitForText('finished in');
		expect(frame).toMatch(/▸ .*api\.chat-completions\.stream/);
	});

	it('keeps the shown check while results arrive when the user picked none', async () => {
		const backend = new ScriptedBackend();
		const h = await open(backend);
		await h.press('j');
		const before = await h.waitFor(frame => /▸ .*?api\.chat-completions\.[\w-]+/.test(frame), {what: 'a shown check'});
		const shown = /▸ .*?(api\.chat-completions\.[\w-]+)/.exec(before)![1]!;
		await h.press('r');
		const run = await backend.nextRun(0);
		run.start();
		const other = run.refs.find(ref => ref.check !== shown && ref.row === 'api.chat-completions')!.check;
		run.finishCheck(other, {verdict: 'error'});
		await h.waitForText('! error');
		expect(h.lastFrame()).toMatch(new RegExp(`▸ .*${shown.replaceAll('.', '\\.')}`));
	});
});

describe('the target form', () => {
	it('e opens on the field the error names (an admin key), masks it, and the fix reopens the targets', async () => {
		const backend = new ScriptedBackend();
		backend.failOpen = "environment variable PARITY_ADMIN is not set; export it (export PARITY_ADMIN=sk-…) or put the key in the profile (profile 'demo' baseline.adminKey)";
		const catalog = await shippedCatalog({rows: ['health.liveliness']});
		const h = await renderExplorer({backend, loadCatalog: async () => catalog});
		await h.waitForText('targets not open');
		await h.press('e');
		let frame = await h.waitForText('▸ baseline admin key');
		// Every field of both targets is there to fix.
		for (const label of ['baseline URL', 'baseline path prefix', 'baseline upstream', 'baseline OTLP port', 'baseline MLflow URL', 'baseline container']) expect(frame).toContain(label);
		const secret = 'sk-admin-typed-9876';
		await h.type(secret);
		frame = await h.waitForText('•'.repeat(secret.length));
		await h.press(keys.tab);
		frame = await h.waitForText('sk-****9876');
		expect(frame).not.toContain(secret);
		backend.failOpen = undefined;
		await h.press(keys.enter);
		await h.waitFor(f => f.includes('profile demo*') && f.includes('127.0.0.1:4001'), {what: 'the fixed profile to open'});
		expect(backend.opened?.baseline.adminKey).toBe(secret);
		expect(h.stdout.frames.join('')).not.toContain(secret);
	});

	it('opens on the field an invalid port points at, and refuses a port that is not a number', async () => {
		const backend = new ScriptedBackend();
		backend.failOpen = "cannot open the OTLP receiver on port 1 (EACCES); choose another otlpPort (profile 'demo' candidate.otlpPort)";
		const catalog = await shippedCatalog({rows: ['health.liveliness']});
		const h = await renderExplorer({backend, loadCatalog: async () => catalog});
		await h.waitForText('targets not open');
		await h.press('e');
		await h.waitForText('▸ candidate OTLP port');
		await h.press(keys.ctrlU);
		await h.type('four');
		await h.press(keys.enter);
		await h.waitForText("candidate OTLP port 'four' must be a port number");
		expect(h.lastFrame()).toContain('Edit targets');
	});
});

describe('marking differences as expected', () => {
	it('x marks each difference on its own; once all are marked the check is expected', async () => {
		const home = await temporaryFolder();
		new ProfileStore({cwd: home}).save({name: 'team', baseline: {url: 'http://127.0.0.1:4000'}, candidate: {url: 'http://127.0.0.1:4001'}});
		const backend = new ScriptedBackend();
		const h = await open(backend, {home, choice: {profile: 'team'}});
		await h.press('j', 'j');
		await h.waitForText('api.embeddings · API Endpoints');
		await h.press('r');
		const run = await backend.nextRun(0);
		run.start();
		run.finishCheck('api.embeddings.vector', {
			verdict: 'drift',
			reason: 'two fields differ',
			differences: [
				{path: '$.model', kind: 'value', baseline: 'text-embedding-3-small', candidate: 'router-embed', noise: false},
				{path: '$.usage.total_tokens', kind: 'value', baseline: 5, candidate: 6, noise: false},
				{path: '$.id', kind: 'value', baseline: 'a', candidate: 'b', noise: true},
			],
		});
		for (const ref of run.refs) if (ref.check !== 'api.embeddings.vector') run.finishCheck(ref.check, {verdict: 'parity'});
		run.finish();
		await h.waitForText('finished in');
		await h.press(keys.enter);
		await h.waitFor(frame => /▸ .*api\.embeddings\.vector/.test(frame), {what: 'the drifting check'});

		await h.press('x');
		await h.waitForText('why is $.model expected?');
		await h.type('the router names its own model');
		await h.press(keys.enter);
		await h.waitForText('$.model on api.embeddings.vector is expected now');
		// One of two findings acknowledged: still drift, and only that difference carries the reason.
		let result = h.store.getState().checks['api.embeddings.vector']!.result!;
		expect(result.verdict).toBe('drift');
		expect(result.differences.map(difference => difference.expectedReason)).toEqual(['the router names its own model', undefined, undefined]);
		expect(new ProfileStore({cwd: home}).get('team')!.expected.map(entry => entry.path)).toEqual(['$.model']);

		await h.press('j', 'x');
		await h.waitForText('why is $.usage.total_tokens expected?');
		await h.type('the router counts one more token');
		await h.press(keys.enter);
		const frame = await h.waitForText('$.usage.total_tokens on api.embeddings.vector is expected now');
		result = h.store.getState().checks['api.embeddings.vector']!.result!;
		expect(result.verdict).toBe('expected');
		expect(frame).toMatch(/≈ expected/);
		expect(matrixRow(frame, '/v1/embeddings')).toContain('≈');
		expect(new ProfileStore({cwd: home}).get('team')!.expected.map(entry => entry.path).sort()).toEqual(['$.model', '$.usage.total_tokens']);
	});
});
