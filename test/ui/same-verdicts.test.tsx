// The explorer judges exactly as the headless run: the same profile and rows, run by `litellm-parity run` and by `a`
// in the explorer (its real engine host, a child process), give the same verdict for every check and every row.
// The rows are the demo's deterministic ones: timing-judged checks (latency pairs, load, overhead) measure the
// machine, so two runs of them may differ between two headless runs as well.
import {execFile} from 'node:child_process';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterEach, describe, expect, it} from 'vitest';
import {loadCatalog} from '../../source/catalog/catalog.js';
import {rowVerdict, type CheckResult} from '../../source/domain.js';
import {exclusiveKinds} from '../../source/engine/run.js';
import {packageRoot} from '../../source/paths.js';
import {renderExplorer, shippedCatalog, temporaryFolder, type Harness} from './harness.js';

let harness: Harness | undefined;
afterEach(async () => {
	await harness?.cleanup();
	harness = undefined;
});

/** Rows whose verdicts do not depend on how fast the machine is. */
async function deterministicRows(): Promise<string[]> {
	const catalog = await loadCatalog();
	return catalog.rows.filter(row => row.checks.every(check => !exclusiveKinds.has(check.probe) && check.probe !== 'overhead' && !check.compare.latency)).map(row => row.id);
}

describe('the explorer and the headless run', () => {
	it('give every check and every row of the same profile the same verdict', async () => {
		const rows = await deterministicRows();
		expect(rows.length).toBeGreaterThan(30);
		const home = await temporaryFolder('parity-ui-same-');

		const {stdout} = await promisify(execFile)(process.execPath, [path.join(packageRoot, 'dist/source/cli.js'), 'run', '--profile', 'demo', '--format', 'json', '--no-history', ...rows.flatMap(id => ['--check', id])], {
			env: {...process.env, LITELLM_PARITY_HOME: home},
			maxBuffer: 64 * 1024 * 1024,
		}).catch((error: {stdout?: string; code?: number}) => {
			// Exit 1 means findings (the demo has some on purpose); the report is on stdout all the same.
			if (error.code === 1 && error.stdout) return {stdout: error.stdout};
			throw error;
		});
		const headless = (JSON.parse(stdout) as {results: CheckResult[]}).results;
		expect(headless.length).toBeGreaterThan(40);

		const catalog = await shippedCatalog({rows});
		harness = await renderExplorer({columns: 160, rows: 45, home, choice: {profile: 'demo'}, loadCatalog: async () => catalog});
		await harness.waitFor(() => harness!.store.getState().connection.phase === 'open' && harness!.store.getState().catalog !== undefined, {what: 'the demo targets'});
		await harness.press('a');
		await harness.waitForText('everything finished');

		const checks = harness.store.getState().checks;
		const explorer = Object.fromEntries(Object.values(checks).flatMap(check => (check.result ? [[check.id, check.result.verdict]] : [])));
		expect(explorer).toEqual(Object.fromEntries(headless.map(result => [result.check, result.verdict])));
		for (const id of rows) {
			const ofRow = (results: Array<{row: string; verdict: CheckResult['verdict']}>) => rowVerdict(results.filter(result => result.row === id));
			expect(ofRow(Object.values(checks).flatMap(check => (check.result ? [check.result] : []))), id).toBe(ofRow(headless));
		}

		// The demo's deliberate findings are among them: the comparison is not one of two empty runs.
		expect(Object.values(explorer)).toContain('gap');
		expect(Object.values(explorer)).toContain('bonus');
	});
});
