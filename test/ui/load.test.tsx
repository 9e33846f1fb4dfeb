// A load check in the explorer, against the embedded simulators: a progress bar and the current req/s per side
// while it runs (Latency tab, matrix row, footer), then each side's final figures from the result's facts.
import {mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {loadCatalog} from '../../source/catalog/catalog.js';
import {ProfileStore} from '../../source/targets/profiles.js';
import {figuresText, loadFigures} from '../../source/ui/model/load-progress.js';
import {perfChecksYaml} from '../helpers/perf-checks.js';
import {lineWith, matrixRow, renderExplorer, temporaryFolder, type Harness} from './harness.js';

// One functional check, then a time-bound load (2 connections, 2 s a side) and a proxy-overhead measurement that the
// engine runs after it, alone, one side at a time.
const checks = perfChecksYaml({
	leadingRows: `  - id: perf.health
    feature: Liveliness
    checks:
      - id: perf.health.liveliness
        probe: http
        request: {method: GET, path: /health/liveliness, auth: none}
        expect: {status: 200}
`,
	load: {connections: 2, durationMs: 2000},
	loadThresholds: ['rate>5', 'error_rate<0.01'],
	minThroughputRatio: 0.5,
	overheadSamples: 10,
	overheadWarmup: 2,
	timeoutMs: 30_000,
});

let checksDirectory: string;
let harness: Harness | undefined;

beforeAll(async () => {
	checksDirectory = await mkdtemp(path.join(tmpdir(), 'parity-ui-load-'));
	await writeFile(path.join(checksDirectory, 'perf.yaml'), checks);
});

afterEach(async () => {
	await harness?.cleanup();
	harness = undefined;
});

async function openPerf(): Promise<Harness> {
	const home = await temporaryFolder();
	new ProfileStore({cwd: home}).save({
		name: 'perf',
		baseline: {embedded: 'baseline', key: 'sk-perf-ui-key-0000', upstream: 'embedded'},
		candidate: {embedded: 'candidate', key: 'sk-perf-ui-key-0000', upstream: 'embedded'},
	});
	const h = await renderExplorer({columns: 160, rows: 40, home, choice: {profile: 'perf'}, loadCatalog: () => loadCatalog(checksDirectory)});
	await h.waitFor(frame => frame.includes('Throughput') && /baseline http:\/\/127\.0\.0\.1:\d+/.test(frame), {what: 'the perf profile', timeout: 15_000});
	return h;
}

describe('load progress', () => {
	it('shows a bar and the current req/s per side while the load runs, then the final figures', async () => {
		harness = await openPerf();
		// The cursor on the Throughput row, the Latency tab open.
		await harness.press('j', 'j', '5');
		await harness.waitForText('perf.throughput · Perf');
		await harness.press('a');

		// Baseline first: a partly filled bar with a percentage and a live rate, the candidate waiting its turn.
		const baselineRunning = await harness.waitFor(frame => /baseline\s+█+░+\s+\d+% \d+ requests · [\d.]+ req\/s/.test(frame), {what: 'the baseline bar', timeout: 10_000});
		expect(baselineRunning).toMatch(/candidate +waiting: measured after baseline/);
		// The matrix row shows the side, a short bar and the rate; the footer names the load wherever the cursor is.
		expect(matrixRow(baselineRunning, 'Throughput')).toMatch(/B [█░]+ \d+\/s/);
		expect(baselineRunning).toMatch(/everything: 1\/3 · load baseline \d+% · \d+ req\/s/);

		// Then the candidate: its own bar while the baseline shows what it measured.
		const candidateRunning = await harness.waitFor(frame => /candidate\s+█+░+\s+\d+% \d+ requests · [\d.]+ req\/s/.test(frame), {what: 'the candidate bar', timeout: 10_000});
		expect(candidateRunning).toMatch(/baseline +█+ done · \d+ requests in/);
		expect(matrixRow(candidateRunning, 'Throughput')).toMatch(/C [█░]+ \d+\/s/);

		const frame = await harness.waitForText('everything finished', 15_000);
		const result = harness.store.getState().checks['perf.throughput.chat']!.result!;
		expect(result.facts?.baseline?.requests).toBeGreaterThan(0);
		// The figures drawn are the result's own facts, for both sides.
		for (const side of ['baseline', 'candidate'] as const) {
			const figures = loadFigures(result.facts![side])!;
			const text = figuresText(figures);
			expect(text).toMatch(/^rate [\d.]+ req\/s · p50 \S+ · p95 \S+ · p99 \S+ · errors 0 · non-2xx 0$/);
			expect(frame).toContain(text);
		}

		expect(frame).toMatch(/candidate rate = [\d.]+ × baseline/);
		expect(frame).toContain('thresholds (each side): rate>5 · error_rate<0.01');
		// Finished: the matrix row is back to statuses and latencies.
		expect(matrixRow(frame, 'Throughput')).toMatch(/200\|200/);

		// The overhead row: pairs instead of requests, the overhead percentiles and both medians, and its threshold.
		await harness.press('j');
		const overhead = await harness.waitForText('proxy overhead (proxied − direct, interleaved pairs)');
		const facts = harness.store.getState().checks['perf.overhead.chat']!.result!.facts!;
		for (const side of ['baseline', 'candidate'] as const) {
			const text = figuresText(loadFigures(facts[side])!);
			expect(text).toMatch(/^overhead p50 \S+ · p95 \S+ · p99 \S+ · direct p50 \S+ · proxied p50 \S+$/);
			// Too long for the pane in one line: wrapped between figures, never cut.
			const block = overhead.split(`${side}${' '.repeat(10 - side.length)}█`)[1]!.split(side === 'baseline' ? 'candidate ' : 'thresholds')[0]!;
			for (const part of text.split(' · ')) expect(block).toContain(part);
		}

		expect(overhead).toMatch(/baseline +█+ done · 10 pairs in/);
		// The demo candidate answers chat 80 ms late: over the 50 ms target.
		expect(overhead).toMatch(/✗ threshold p\(50\)<50, got \d/);
	});
});
