// Two identical real LiteLLM proxies give no findings: every row parity, or skipped with a reason — three runs in a
// row, and again right after a proxy restart (lazy callbacks, fresh Prometheus families, a cold cache).
import {describe as suite, expect, inject, it} from 'vitest';
import {restartProxy} from '../../source/testbed/real-pair/pair.js';
import {describe, isFinding, needsDatabase, runPair, type Report} from './helpers.js';

function assertNoFindings(report: Report, label: string): void {
	expect(describe(report.results.filter(isFinding)), `${label}: findings on two identical proxies`).toEqual([]);
	const skipped = report.results.filter(result => result.verdict === 'skipped');
	expect(describe(skipped.filter(result => !result.reason)), `${label}: skipped without a reason`).toEqual([]);
	for (const check of needsDatabase) {
		const result = report.results.find(entry => entry.check === check);
		expect(result, `${label}: ${check} is in the report`).toBeDefined();
		expect(result!.verdict, `${label}: ${check}`).toBe('skipped');
		expect(result!.reason, `${label}: ${check}`).toMatch(/no database/);
	}

	// The rows that do run are the bulk of the matrix, not a handful that happen to agree.
	expect(report.summary.parity, `${label}: parity count`).toBeGreaterThanOrEqual(30);
}

suite('two identical real proxies', () => {
	const pair = inject('realPair');

	it('give no findings in three consecutive full runs', async () => {
		for (const attempt of [1, 2, 3]) {
			const started = Date.now();
			const report = await runPair(pair.profilePath);
			console.log(`[real] identical run ${attempt}: ${JSON.stringify(report.summary)} in ${Math.round((Date.now() - started) / 1000)} s`);
			assertNoFindings(report, `run ${attempt}`);
		}
	});

	it('give no findings right after the candidate restarts', async () => {
		const state = await restartProxy(pair.dir, 'candidate');
		console.log(`[real] candidate restarted, ready after ${state.candidate.readySeconds} s`);
		const report = await runPair(pair.profilePath);
		console.log(`[real] after restart: ${JSON.stringify(report.summary)}`);
		assertNoFindings(report, 'after restart');
	});
});
