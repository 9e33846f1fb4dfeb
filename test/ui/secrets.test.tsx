// Secrets and cancellation in the explorer. No key is ever drawn unmasked — the profile's literal master key, nor
// the virtual keys sequences create — in any tab, the target form or a toast; and Esc aborts in-flight requests so
// that the server sees them close.
import {copyFile, mkdtemp, readFile, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {renderToString} from 'ink';
import React from 'react';
import {afterEach, describe, expect, it} from 'vitest';
import {loadCatalog} from '../../source/catalog/catalog.js';
import {registerSecret} from '../../source/targets/secrets.js';
import {Footer} from '../../source/ui/components/Footer.js';
import {Header} from '../../source/ui/components/Header.js';
import {emptySummary} from '../../source/domain.js';
import {ProfileStore} from '../../source/targets/profiles.js';
import {hostileServer} from '../helpers/hostile-server.js';
import {keys, renderExplorer, temporaryFolder, type Harness} from './harness.js';

const secret = 'sk-parity-ui-secret-7e6d5c4b3a291807';
/** Any key-shaped string left unmasked (masked forms read sk-****abcd or sk-...abcd). */
const unmaskedKey = /sk-[A-Za-z0-9_-]{16,}/g;

let harness: Harness | undefined;
afterEach(async () => {
	await harness?.cleanup();
	harness = undefined;
});

// A check whose answers carry the keys it creates, compared value by value: the generated keys reach the Diff tab
// as differences, and a failing expectation prints one as what it got.
const echoChecks = `schemaVersion: 1
category: {id: echo, title: Keys in answers, section: core}
rows:
  - id: echo.generated-key
    feature: generated key compared exactly
    checks:
      - id: echo.generated-key.exact
        title: generate a key, then read it back expecting another
        probe: sequence
        compare: {body: exact, noise: false}
        steps:
          - name: generate
            request: {method: POST, path: /key/generate, json: {key_alias: "ui-secret-\${run.id}-\${side}"}}
            expect: {status: 200}
            capture: {key: $.key}
          - name: info
            request: {method: GET, path: /key/info, query: {key: "\${steps.generate.key}"}}
            expect: {status: 200, json: {key: not-this-key}}
        cleanup:
          - name: remove-key
            request: {method: POST, path: /key/delete, json: {keys: ["\${steps.generate.key}"]}}
            expect: {status: [200, 404]}
`;

/** Every frame drawn so far, as one text. */
const everything = (h: Harness) => h.stdout.frames.join('\n');

/** Open each detail tab of the selected row and scroll it to the end, so every line of it gets drawn. */
async function showEveryTab(h: Harness): Promise<void> {
	await h.press(keys.enter);
	await h.waitForText('Tab/. check');
	for (const tab of ['1', '2', '3', '4', '5', '6', '7']) {
		await h.press(tab);
		for (let page = 0; page < 12; page++) await h.press('\u001B[6~');
		// ↓ too: the Diff tab moves its cursor one difference at a time and spells the selected one out in full.
		for (let line = 0; line < 12; line++) await h.press(keys.down);
	}

	await h.press(keys.escape);
}

describe('secrets in the explorer', () => {
	it('never draws the master key or a generated virtual key unmasked, in any tab or the target form', async () => {
		const home = await temporaryFolder();
		const profileFile = path.join(home, 'secret.yaml');
		const demo = await readFile('profiles/demo.yaml', 'utf8');
		await writeFile(profileFile, demo.replaceAll('sk-demo-master-key-0000', secret).replace('name: demo', 'name: secret-demo'));
		const checksDirectory = await mkdtemp(path.join(tmpdir(), 'parity-ui-secret-checks-'));
		for (const file of ['management.yaml', 'persistence.yaml']) await copyFile(path.join('checks', file), path.join(checksDirectory, file));
		await writeFile(path.join(checksDirectory, 'echo.yaml'), echoChecks);
		harness = await renderExplorer({home, choice: {profileFile}, columns: 160, rows: 45, loadCatalog: () => loadCatalog(checksDirectory)});
		await harness.waitFor(frame => frame.includes('generated key compared exactly') && /baseline http:\/\/127\.0\.0\.1:\d+/.test(frame), {what: 'the secret profile', timeout: 15_000});

		// The rows whose answers carry keys, run one by one, each looked at in every tab.
		for (const filter of ['key-generate', 'postgresql', 'generated key']) {
			await harness.press('/');
			await harness.type(filter);
			await harness.press(keys.enter, 'j', 'r');
			await harness.waitForText('finished in', 15_000);
			await showEveryTab(harness);
			await harness.press(keys.escape);
			await harness.waitFor(frame => !frame.includes('filter "'), {what: 'the filter to clear'});
		}

		// The target form: the literal key is masked on its field, and dotted while the field is focused.
		await harness.press('e');
		await harness.waitForText('Edit targets');
		await harness.press(keys.tab);
		await harness.waitFor(frame => frame.includes('▸ baseline key') && frame.includes('•'), {what: 'the focused key field'});
		// Through every baseline field to the candidate's key (8 fields a side), the admin key dotted too.
		await harness.press(keys.tab);
		await harness.waitForText('▸ baseline admin key');
		await harness.press(keys.tab, keys.tab, keys.tab, keys.tab, keys.tab, keys.tab, keys.tab);
		await harness.waitForText('▸ candidate key');
		await harness.press(keys.escape);

		const state = harness.store.getState();
		const exact = state.checks['echo.generated-key.exact']!;
		// The looking meant something: the keys were there to leak, and shown masked.
		expect(exact.result?.differences.some(difference => difference.path.includes('key'))).toBe(true);
		expect(exact.result?.baseline.ok).toBe(false);
		const drawn = everything(harness);
		expect(drawn).toMatch(/"key": "sk-\*{4}\w{4}"/);
		expect(drawn).toMatch(/baseline key {2,}sk-\*{4}1807/);
		expect(drawn).toContain('management.key-generate.lifecycle');
		expect(drawn).toContain('persistence.postgresql.round-trip');

		expect(drawn.includes(secret)).toBe(false);
		expect(drawn.match(unmaskedKey) ?? []).toEqual([]);
	}, 180_000);

	it('scrubs toasts (error messages from anywhere) and target URLs that carry a key', () => {
		registerSecret(secret);
		const footer = renderToString(<Footer width={160} frame={0} hints={[]} toast={{id: 1, level: 'error', message: `cannot open http://127.0.0.1:9/?key=${secret}: refused`}} />, {columns: 160});
		expect(footer).toContain('?key=sk-****1807: refused');
		const header = renderToString(
			<Header width={200} profileName="p" connection={{phase: 'open'}} targets={{baseline: {url: `https://user:${secret}@proxy.example`}, candidate: {url: 'http://127.0.0.1:4001'}}} health={{}} counts={emptySummary()} />,
			{columns: 200},
		);
		expect(header).toContain('user:sk-****1807@proxy.example');
		expect(footer + header).not.toContain(secret);
	});
});

describe('cancel', () => {
	it('Esc aborts the requests in flight: the server sees them close, and the run shows cancelled', async () => {
		const server = await hostileServer('hostile');
		try {
			const home = await temporaryFolder();
			new ProfileStore({cwd: home}).save({name: 'hangs', baseline: {url: server.url, key: 'sk-hang-test-key-0000'}, candidate: {url: server.url, key: 'sk-hang-test-key-0000'}});
			const checksDirectory = await mkdtemp(path.join(tmpdir(), 'parity-ui-hang-'));
			await writeFile(
				path.join(checksDirectory, 'hang.yaml'),
				`schemaVersion: 1
category: {id: hang, title: Hanging, section: core}
rows:
  - id: hang.forever
    feature: answers headers, never the body
    checks:
      - id: hang.forever.get
        probe: http
        request: {method: GET, path: /hostile/hang, auth: none}
        expect: {status: 200}
        timeoutMs: 120000
`,
			);
			harness = await renderExplorer({home, choice: {profile: 'hangs'}, columns: 160, rows: 40, loadCatalog: () => loadCatalog(checksDirectory)});
			await harness.waitFor(frame => frame.includes('answers headers, never the body') && frame.includes(server.url), {what: 'the hanging profile', timeout: 15_000});
			await harness.press('a');
			// Both sides are waiting on a body that never comes.
			await harness.waitFor(() => server.openRequests() >= 2, {what: 'two open requests'});
			expect(harness.store.getState().run).toBeDefined();
			await harness.press(keys.escape);
			await harness.waitFor(() => server.openRequests() === 0, {what: 'the server to see every request close', timeout: 5000});
			const frame = await harness.waitForText('everything cancelled after', 5000);
			expect(frame).toMatch(/│ {2}- answers headers/);
			expect(harness.store.getState().checks['hang.forever.get']!.status).toBe('cancelled');
			expect(harness.session.running).toBe(false);
		} finally {
			await server.close();
		}
	}, 180_000);
});
