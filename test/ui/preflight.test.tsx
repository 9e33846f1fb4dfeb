// Before a run the explorer asks both targets once, as the headless run does: a target that does not answer stops
// the run before it starts, with one line per target and a key (from the keymap) to run anyway; the LiteLLM versions
// the sides report head the screen when they differ. Scripted targets, then a real closed port.
import {createServer} from 'node:net';
import {afterEach, describe, expect, it} from 'vitest';
import {versionBanner} from '../../source/engine/versions.js';
import {keyLabel, keymap} from '../../source/ui/keys/keymap.js';
import {InlineBackend} from '../../source/ui/host/inline-backend.js';
import {ProfileStore} from '../../source/targets/profiles.js';
import {keys, lineWith, renderExplorer, shippedCatalog, temporaryFolder, type Harness} from './harness.js';
import {ScriptedBackend} from './scripted-backend.js';

let harness: Harness | undefined;
afterEach(async () => {
	await harness?.cleanup();
	harness = undefined;
});

const runAnyway = keymap.find(binding => binding.context === 'preflight' && binding.action === 'run-anyway')!;

async function open(backend: ScriptedBackend, columns = 160, rows = 45) {
	const catalog = await shippedCatalog({rows: ['health.liveliness', 'api.models']});
	harness = await renderExplorer({columns, rows, backend, loadCatalog: async () => catalog});
	await harness.waitFor(() => harness!.store.getState().connection.phase === 'open' && harness!.store.getState().catalog !== undefined, {what: 'the scripted targets'});
	return harness;
}

/** A loopback port nothing listens on: the OS hands one out, then it is closed again. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as {port: number};
	await new Promise(resolve => server.close(resolve));
	return port;
}

describe('pre-flight', () => {
	it('stops a run when a target does not answer: one line per target, nothing sent; y runs anyway with what it saw', async () => {
		const backend = new ScriptedBackend();
		backend.reach = {candidate: {answers: false, status: undefined, error: 'connect ECONNREFUSED 127.0.0.1:4001'}};
		const h = await open(backend);
		await h.press('a');
		const frame = await h.waitForText('does not answer');
		expect(lineWith(frame, 'candidate http://127.0.0.1:4001 does')).toContain('candidate http://127.0.0.1:4001 does not answer: connect ECONNREFUSED 127.0.0.1:4001');
		expect(frame).not.toContain('baseline http://127.0.0.1:4000 does not answer');
		expect(frame).toContain('Nothing was run (everything)');
		// The key to go on is named as the keymap binds it, in the notice and in the footer.
		expect(lineWith(frame, runAnyway.description.slice(0, 30))).toContain(keyLabel(runAnyway));
		expect(frame).toContain(`${keyLabel(runAnyway)} run anyway`);
		expect(backend.runs).toHaveLength(0);
		expect(h.store.getState().run).toBeUndefined();

		await h.press('y');
		const run = await backend.nextRun(0);
		expect(run.preflight?.reach.candidate.answers).toBe(false);
		expect(run.preflight?.reach.baseline.answers).toBe(true);
		expect(h.store.getState().overlay).toBeUndefined();
		run.start();
		run.finish();
		await h.waitForText('everything finished');
	});

	it('Esc leaves the notice without running; a second try asks the targets again', async () => {
		const backend = new ScriptedBackend();
		backend.reach = {baseline: {answers: false, error: 'getaddrinfo ENOTFOUND gateway.invalid'}, candidate: {answers: false, error: 'timed out after 5000 ms'}};
		const h = await open(backend);
		const before = backend.preflights;
		await h.press('r');
		let frame = await h.waitForText('the targets do not answer');
		expect(lineWith(frame, 'baseline http://127.0.0.1:4000 does')).toContain('ENOTFOUND gateway.invalid');
		expect(lineWith(frame, 'candidate http://127.0.0.1:4001 does')).toContain('timed out after 5000 ms');
		await h.press(keys.escape);
		frame = await h.waitFor(current => !current.includes('does not answer'), {what: 'the notice to close'});
		expect(backend.runs).toHaveLength(0);
		backend.reach = {};
		await h.press('r');
		const run = await backend.nextRun(0);
		expect(backend.preflights).toBe(before + 2);
		expect(run.preflight?.reach.candidate.answers).toBe(true);
		run.start();
		run.finish();
	});

	it('Esc while the targets are still being asked cancels the run before it starts', async () => {
		const backend = new ScriptedBackend();
		const h = await open(backend);
		let answer!: () => void;
		backend.preflightGate = new Promise(resolve => {
			answer = resolve;
		});
		const before = backend.preflights;
		await h.press('a');
		await h.waitForText('everything: 0/…');
		expect(h.lastFrame()).toContain('Esc cancel');
		await h.press(keys.escape);
		await h.waitForText('everything: cancelled before it started');
		answer();
		await h.waitFor(() => backend.preflights === before + 1 && h.store.getState().run === undefined, {what: 'the pre-flight to come back'});
		// Its answer arrives after the cancel: nothing starts.
		await new Promise(resolve => setImmediate(resolve));
		expect(backend.runs).toHaveLength(0);
		expect(h.store.getState().overlay).toBeUndefined();
	});

	it('a dead target in a real run: a closed port is named at once, with its cause, and nothing times out', async () => {
		const home = await temporaryFolder();
		const port = await closedPort();
		new ProfileStore({cwd: home}).save({name: 'half-dead', baseline: {embedded: {personality: 'baseline'}}, candidate: {url: `http://127.0.0.1:${port}`, key: 'sk-test-key-000000'}});
		const catalog = await shippedCatalog({rows: ['health.liveliness']});
		harness = await renderExplorer({columns: 120, rows: 30, home, choice: {profile: 'half-dead'}, backend: new InlineBackend(), loadCatalog: async () => catalog});
		await harness.waitFor(frame => new RegExp(`127\\.0\\.0\\.1:${port}`).test(frame) && frame.includes('Health'), {what: 'the half-dead profile'});
		await harness.press('a');
		const frame = await harness.waitForText('does not answer');
		expect(lineWith(frame, `candidate http://127.0.0.1:${port} does`)).toMatch(/does not answer: .*refused/i);
		expect(frame).not.toMatch(/baseline http:\S+ does not answer/);
		expect(Object.values(harness.store.getState().checks).every(check => check.status === 'idle')).toBe(true);
		// Run anyway: the dead side's checks read error, naming the side and the cause (never gap).
		await harness.press('y');
		await harness.waitForText('everything finished');
		const result = harness.store.getState().checks['health.liveliness.health-path']?.result;
		expect(result?.verdict).toBe('error');
		expect(result?.reason).toMatch(/candidate unreachable: .*refused/i);
	});
});

describe('version banner', () => {
	it('heads the screen when the sides report different LiteLLM versions, in the words of every report', async () => {
		const backend = new ScriptedBackend();
		backend.reach = {baseline: {version: '1.81.13'}, candidate: {version: '1.80.0'}};
		const h = await open(backend);
		const banner = versionBanner({baseline: '1.81.13', candidate: '1.80.0'})!;
		const frame = await h.waitForText('different LiteLLM versions');
		expect(frame.replaceAll('\n', ' ').replaceAll(/\s+/g, ' ')).toContain(banner.replaceAll(/\s+/g, ' '));
		// The body gives up the banner's line: the frame is still exactly as tall as the terminal allows.
		expect(frame.split('\n').length).toBeLessThanOrEqual(44);
	});

	it('wraps the banner at 80 columns so both versions stay readable, and leaves it out when they agree', async () => {
		const backend = new ScriptedBackend();
		backend.reach = {baseline: {version: '1.81.13'}, candidate: {version: '1.82.0-rc.1'}};
		const h = await open(backend, 80, 24);
		const frame = await h.waitForText('different LiteLLM versions');
		expect(frame).toContain('baseline 1.81.13, candidate 1.82.0-rc.1');
		expect(frame.split('\n').length).toBeLessThanOrEqual(23);
		for (const line of frame.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
		await h.cleanup();

		const same = new ScriptedBackend();
		same.reach = {baseline: {version: '1.81.13'}, candidate: {version: '1.81.13'}};
		harness = await open(same);
		await harness.waitFor(() => harness!.store.getState().versions?.candidate === '1.81.13', {what: 'the versions'});
		expect(harness.lastFrame()).not.toContain('different LiteLLM versions');
	});
});
