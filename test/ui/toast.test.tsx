// A toast longer than the footer line (the export's file path) is wrapped above it, never cut at the terminal's
// edge: at 80 columns the full path is on screen, the frame keeps the terminal's height, and the body gives way.
import {readdir} from 'node:fs/promises';
import path from 'node:path';
import {renderToString} from 'ink';
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {Footer, toastLines} from '../../source/ui/components/Footer.js';
import {keys, renderExplorer, shippedCatalog, temporaryFolder, type Harness} from './harness.js';
import {ScriptedBackend} from './scripted-backend.js';

let harness: Harness | undefined;
afterEach(async () => {
	await harness?.cleanup();
	harness = undefined;
});

/** Text without any white space: a wrapped line and its unwrapped original compare equal. */
const squeezed = (text: string) => text.replaceAll(/\s+/g, '');

describe('long toasts', () => {
	it('wrap above the footer line instead of being cut, and short ones stay on it', () => {
		const message = `reports written: /home/someone/.local/share/litellm-parity/reports/nested/deeper/parity-report-demo-20261129-193000.json, .txt, .md, .junit.xml`;
		const frame = renderToString(<Footer width={80} frame={0} hints={[{label: '?', text: 'help', action: 'help'}, {label: 'q', text: 'quit', action: 'quit'}]} toast={{id: 1, level: 'info', message}} />, {columns: 80});
		expect(squeezed(frame)).toContain(squeezed(message));
		expect(frame.split('\n').length).toBe(toastLines({id: 1, level: 'info', message}, 80).length + 1);
		for (const line of frame.split('\n')) expect([...line].length).toBeLessThanOrEqual(80);
		expect(frame).toContain('? help');
		const short = renderToString(<Footer width={80} frame={0} hints={[]} toast={{id: 2, level: 'info', message: 'saved'}} />, {columns: 80});
		expect(short.split('\n')).toHaveLength(1);
	});

	it('the export toast names the full path at 80 columns', async () => {
		const backend = new ScriptedBackend();
		const catalog = await shippedCatalog({rows: ['health.liveliness']});
		const folder = path.join(await temporaryFolder('parity-export-long-'), 'a-rather-long-folder-name', 'and-another-one-below-it', 'reports');
		harness = await renderExplorer({columns: 80, rows: 24, backend, loadCatalog: async () => catalog, exportDirectory: folder});
		const h = harness;
		await h.waitFor(() => h.store.getState().connection.phase === 'open' && h.store.getState().catalog !== undefined, {what: 'the scripted targets'});
		await h.press('j', 'r');
		const run = await backend.nextRun(0);
		run.start();
		for (const ref of run.refs) run.finishCheck(ref.check, {verdict: 'parity'});
		run.finish();
		await h.waitFor(() => h.store.getState().lastRun !== undefined, {what: 'the run to finish'});
		await h.press('E');
		await h.waitForText('export reports to:');
		await h.press(keys.enter);
		const frame = await h.waitForText('reports written');
		const [json] = (await readdir(folder)).filter(name => name.endsWith('.json'));
		expect(squeezed(frame)).toContain(squeezed(`${path.join(folder, json!)}, .txt, .md, .junit.xml`));
		expect(frame.split('\n').length).toBeLessThanOrEqual(23);
	});
});
