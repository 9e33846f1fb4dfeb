// An idle explorer draws nothing: health polls that change nothing the header shows must not redraw the screen.
import {afterEach, describe, expect, it} from 'vitest';
import {renderExplorer, shippedCatalog, type Harness} from './harness.js';
import {ScriptedBackend} from './scripted-backend.js';

let harness: Harness | undefined;
afterEach(async () => {
	await harness?.cleanup();
	harness = undefined;
});

async function until(condition: () => boolean): Promise<void> {
	while (!condition()) await new Promise(resolve => setTimeout(resolve, 5));
}

describe('idle rendering', () => {
	it('draws no frame while the health polls keep answering the same', async () => {
		const backend = new ScriptedBackend();
		const catalog = await shippedCatalog({rows: ['health.liveliness']});
		harness = await renderExplorer({backend, loadCatalog: async () => catalog, healthIntervalMs: 20});
		await harness.waitFor(frame => frame.includes('127.0.0.1:4001') && frame.includes('● baseline'), {what: 'open targets with their health dots'});
		// Let any toast or spinner settle: the state stops changing once the first polls are in.
		await until(() => backend.healthPolls >= 3 && harness!.store.getState().toast === undefined && !harness!.store.getState().busy);
		const frames = harness.stdout.frames.length;
		const polls = backend.healthPolls;
		await until(() => backend.healthPolls >= polls + 10);
		expect(harness.stdout.frames.length).toBe(frames);
	});
});
