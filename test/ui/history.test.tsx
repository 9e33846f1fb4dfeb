// The run history in the explorer: a finished run of everything is kept (a cancelled one is not), and H shows the
// profile's runs with the rows that broke, got fixed or moved since the previous run. Real simulators throughout.
import {readdir} from 'node:fs/promises';
import {afterEach, describe, expect, it} from 'vitest';
import type {RunEvent} from '../../source/domain.js';
import {historyDirectory, saveRun} from '../../source/history/history.js';
import {recordFromEvents} from '../../source/report/json.js';
import {startSimulator} from '../../source/testbed/simulator/index.js';
import {ProfileStore} from '../../source/targets/profiles.js';
import {runProfile, urlProfile} from '../helpers/targets.js';
import {reducer} from '../../source/ui/model/reducer.js';
import {initialState} from '../../source/ui/model/state.js';
import {keys, lineWith, renderExplorer, shippedCatalog, temporaryFolder, type Harness} from './harness.js';

/** The reducer is pure: the id and the time come in with each action. */
const stamp = {id: 1, at: '2026-01-01T00:00:00.000Z'};

let harness: Harness | undefined;
afterEach(async () => {
	await harness?.cleanup();
	harness = undefined;
});

const open = (h: Harness, what: string) => h.waitFor(frame => frame.includes(what) && /baseline http:\/\/127\.0\.0\.1:\d+/.test(frame), {what: `${what} and open targets`, timeout: 15_000});

describe('history overlay', () => {
	it('shows the row that broke between two kept runs of the profile, and closes with Esc', async () => {
		// Two runs of profile 'test' kept in a temp LITELLM_PARITY_HOME; the candidate got its gaps back in between.
		const home = await temporaryFolder('parity-ui-home-');
		const directory = historyDirectory({LITELLM_PARITY_HOME: home});
		const baseline = await startSimulator({personality: 'baseline', masterKey: 'sk-test-master-key-1234'});
		try {
			for (const gaps of [false, true]) {
				const candidate = await startSimulator({personality: 'candidate', masterKey: 'sk-test-master-key-1234', gaps});
				try {
					const {finished, events} = await runProfile(urlProfile(baseline.url, candidate.url), {checks: ['api.audio-speech', 'api.embeddings']});
					await saveRun(recordFromEvents(events[0] as Extract<RunEvent, {type: 'run-started'}>, finished), {directory});
				} finally {
					await candidate.close();
				}
			}
		} finally {
			await baseline.close();
		}

		// The explorer on the same profile name (fresh simulators: only the history matters here).
		new ProfileStore({cwd: home}).save({name: 'test', baseline: {embedded: 'baseline'}, candidate: {embedded: 'candidate'}});
		harness = await renderExplorer({home, choice: {profile: 'test'}, columns: 160, rows: 45});
		await open(harness, 'API Endpoints');
		await harness.press('H');
		const frame = await harness.waitForText('Newly broken (1)');
		expect(frame).toContain('History · profile test');
		expect(frame).toContain('Recent runs (2 of 2, newest first)');
		// The broken row: feature, check, and the verdicts before and after.
		expect(lineWith(frame, 'api.audio-speech.mp3')).toMatch(/✗ \/v1\/audio\/speech\s+api\.audio-speech\.mp3\s+parity → gap/);
		// The row that did not change is not listed as a change.
		expect(frame).not.toMatch(/api\.embeddings\.\S+\s+\S+ → /);
		// Modal: j scrolls the history, it does not move the matrix behind it.
		await harness.press('j');
		expect(harness.store.getState().view.cursor).toBe('c:api');
		await harness.press(keys.escape);
		await harness.waitFor(f => !f.includes('History · profile test') && f.includes('Matrix'), {what: 'the history to close'});
	}, 180_000);

	it('keeps a finished run of everything (not a cancelled one), and H compares the latest two', async () => {
		const home = await temporaryFolder('parity-ui-home-');
		const store = new ProfileStore({cwd: home});
		// First a baseline whose answers take ten minutes (a run that can only end by being cancelled), then the
		// candidate without its gaps, and before the last run the profile turns them back on.
		store.save({name: 'flip', baseline: {embedded: {personality: 'baseline', latencyMs: 600_000}}, candidate: {embedded: {personality: 'candidate', gaps: false}}});
		const catalog = await shippedCatalog({rows: ['api.audio-speech', 'health.liveliness']});
		harness = await renderExplorer({home, choice: {profile: 'flip'}, columns: 160, rows: 45, loadCatalog: async () => catalog});
		await open(harness, '/v1/audio/speech');
		const directory = historyDirectory({LITELLM_PARITY_HOME: home});
		const kept = async () => (await readdir(directory).catch(() => [] as string[])).filter(name => name.endsWith('.json'));

		await harness.press('H');
		await harness.waitForText("No runs of 'flip' kept yet");
		await harness.press(keys.escape);
		await harness.waitFor(() => harness!.store.getState().overlay === undefined, {what: 'the history to close'});

		// A cancelled run is not kept.
		await harness.press('a');
		// The baseline does not even answer the pre-flight: run anyway, so there is a run to cancel.
		await harness.waitForText('does not answer');
		await harness.press('y');
		await harness.waitFor(() => Object.values(harness!.store.getState().checks).some(check => check.status === 'running'), {what: 'the run to start'});
		await harness.press(keys.escape);
		await harness.waitForText('cancelled after');
		expect(await kept()).toEqual([]);

		const reopen = async () => {
			await harness!.press('p');
			await harness!.waitForText('Profiles');
			await harness!.press(keys.enter);
			await harness!.waitForText("switched to 'flip'");
		};

		store.save({name: 'flip', baseline: {embedded: 'baseline'}, candidate: {embedded: {personality: 'candidate', gaps: false}}});
		await reopen();

		await harness.press('a');
		await harness.waitForText('kept in the history (H compares)');
		expect(await kept()).toHaveLength(1);
		await harness.press('H');
		await harness.waitForText("Only one run of 'flip' kept");
		await harness.press(keys.escape);

		// Same profile name, candidate with its gaps: reopen it from the picker and run everything again.
		store.save({name: 'flip', baseline: {embedded: 'baseline'}, candidate: {embedded: 'candidate'}});
		await harness.waitFor(frame => !frame.includes("switched to 'flip'"), {what: 'the first switch toast to go'});
		await reopen();
		await harness.press('a');
		await harness.waitForText('kept in the history (H compares)');
		expect(await kept()).toHaveLength(2);

		await harness.press('H');
		const frame = await harness.waitForText('Newly broken (1)');
		expect(frame).toContain('Recent runs (2 of 2, newest first)');
		expect(lineWith(frame, 'api.audio-speech.mp3')).toMatch(/parity → gap/);
	}, 180_000);

	it('scrolls within its bounds, and drops a history read for an overlay that is gone', () => {
		let state = reducer(initialState(), {type: 'open-history', profile: 'demo'}, stamp);
		state = reducer(state, {type: 'overlay-scroll', delta: 10, max: 4}, stamp);
		expect(state.overlay).toMatchObject({kind: 'history', offset: 4});
		state = reducer(state, {type: 'overlay-scroll', delta: -10, max: 4}, stamp);
		expect(state.overlay).toMatchObject({offset: 0});
		state = reducer(state, {type: 'close-overlay'}, stamp);
		state = reducer(state, {type: 'history-loaded', profile: 'demo', view: {profile: 'demo', directory: '/x', runs: []}}, stamp);
		expect(state.overlay).toBeUndefined();
	});
});
