// Folding run events into the explorer's state: lanes count every chunk but keep a bounded tail, a cancelled check
// keeps its earlier finding, and a row shows its worst verdict.
import {describe, expect, it} from 'vitest';
import {buildCatalog} from '../../source/catalog/catalog.js';
import {checkFileSchema} from '../../source/catalog/schema.js';
import {emptySummary, type CheckResult, type RunEvent, type Verdict} from '../../source/domain.js';
import {laneTextLimit} from '../../source/ui/model/fold-events.js';
import {activeLoad, compactLoad, loadShare, progressBar} from '../../source/ui/model/load-progress.js';
import {reducer} from '../../source/ui/model/reducer.js';
import {summarizeRow} from '../../source/ui/model/selectors.js';
import {initialState} from '../../source/ui/model/state.js';

/** The reducer is pure: the id and the time come in with each action. */
const stamp = {id: 1, at: '2026-01-01T00:00:00.000Z'};

const catalog = buildCatalog([
	{
		display: 'x.yaml',
		text: '',
		parsed: checkFileSchema.parse({
			schemaVersion: 1,
			category: {id: 'x', title: 'X', section: 'core'},
			rows: [
				{
					id: 'x.row',
					feature: 'a row',
					checks: [
						{id: 'x.one', probe: 'http', request: {path: '/one'}},
						{id: 'x.two', probe: 'sse', request: {path: '/two'}},
					],
				},
			],
		}),
	},
]);

const ref = (check: string) => ({category: 'x', categoryTitle: 'X', row: 'x.row', feature: 'a row', check, title: check, probe: 'http'});
const result = (check: string, verdict: Verdict, reason?: string): CheckResult => ({
	...ref(check),
	verdict,
	reason,
	baseline: {ok: true, failures: []},
	candidate: {ok: verdict === 'parity', failures: []},
	differences: [],
	durationMs: 1,
});
const started: RunEvent = {type: 'run-started', runId: 'r1', startedAt: '', profile: 'p', targets: {baseline: {url: 'b'}, candidate: {url: 'c'}}, checks: [ref('x.one'), ref('x.two')]};
const finished = (cancelled = false): RunEvent => ({type: 'run-finished', finishedAt: '', durationMs: 5, cancelled, summary: emptySummary(), results: []});

describe('folding run events', () => {
	it('counts 2,000 chunks per lane in one batch and keeps only a bounded tail of the text', () => {
		let state = reducer(initialState(), {type: 'catalog-loaded', catalog}, stamp);
		const events: RunEvent[] = [{...started, checks: [ref('x.two')]} as RunEvent, {type: 'check-started', check: 'x.two'}];
		for (let index = 0; index < 2000; index++) {
			for (const side of ['baseline', 'candidate'] as const) events.push({type: 'side-progress', check: 'x.two', side, progress: {kind: 'chunk', index, text: 'word ', atMs: 10 + index}});
		}

		const before = state.checks['x.one'];
		state = reducer(state, {type: 'run-events', events}, stamp);
		const lane = state.checks['x.two']!.live!.candidate;
		expect(lane.chunks).toBe(2000);
		expect(lane.ttftMs).toBe(10);
		expect(lane.text.length).toBeLessThanOrEqual(laneTextLimit * 2);
		expect(lane.text.endsWith('word ')).toBe(true);
		expect(state.checks['x.two']!.status).toBe('running');
		// Checks the batch did not touch keep their identity (memoised rows do not redraw).
		expect(state.checks['x.one']).toBe(before);
		expect(state.run?.total).toBe(1);
	});

	it('keeps an earlier finding when a rerun of the check is cancelled', () => {
		let state = reducer(initialState(), {type: 'catalog-loaded', catalog}, stamp);
		state = reducer(state, {type: 'run-events', events: [started, {type: 'check-finished', check: 'x.one', result: result('x.one', 'gap'), observations: {}}, {type: 'check-finished', check: 'x.two', result: result('x.two', 'parity'), observations: {}}, finished()]}, stamp);
		state = reducer(state, {type: 'run-events', events: [started, {type: 'check-finished', check: 'x.one', result: result('x.one', 'skipped', 'cancelled'), observations: {}}, finished(true)]}, stamp);
		expect(state.checks['x.one']!.status).toBe('cancelled');
		expect(state.checks['x.one']!.result?.verdict).toBe('gap');
		expect(state.run).toBeUndefined();
		expect(state.toast?.level).toBe('warn');
		expect(state.toast?.message).toContain('cancelled');
	});

	it("shows a row's worst verdict, and a skipped check never hides a parity", () => {
		let state = reducer(initialState(), {type: 'catalog-loaded', catalog}, stamp);
		const row = catalog.rows[0]!;
		state = reducer(state, {type: 'run-events', events: [started, {type: 'check-finished', check: 'x.one', result: result('x.one', 'parity'), observations: {}}, {type: 'check-finished', check: 'x.two', result: result('x.two', 'skipped', 'no container'), observations: {}}]}, stamp);
		expect(summarizeRow(row, state.checks).verdict).toBe('parity');
		state = reducer(state, {type: 'run-events', events: [{type: 'check-finished', check: 'x.two', result: result('x.two', 'drift'), observations: {}}]}, stamp);
		const summary = summarizeRow(row, state.checks);
		expect(summary.verdict).toBe('drift');
		expect(summary.lead?.id).toBe('x.two');
	});

	it('keeps the latest load progress of the side being measured, and knows which side that is', () => {
		let state = reducer(initialState(), {type: 'catalog-loaded', catalog}, stamp);
		const load = (side: 'baseline' | 'candidate', completed: number): RunEvent => ({type: 'side-progress', check: 'x.one', side, progress: {kind: 'load', completed, total: 200, rps: completed / 2, elapsedMs: 2000}});
		state = reducer(state, {type: 'run-events', events: [started, {type: 'check-started', check: 'x.one'}, load('baseline', 40), load('baseline', 50)]}, stamp);
		const check = state.checks['x.one']!;
		expect(check.live!.baseline.load).toEqual({completed: 50, total: 200, rps: 25, elapsedMs: 2000});
		expect(check.live!.baseline.note).toBeUndefined();
		const active = activeLoad(check)!;
		expect(active.side).toBe('baseline');
		expect(loadShare(active.progress)).toBe(0.25);
		expect(compactLoad(active, 20)).toBe('B ███░░░░░░░ 25/s');
		expect(compactLoad(active, 8)).toBe('B 25%');
		// The baseline finished: the candidate's load is the active one.
		const observation = {side: 'baseline' as const, reached: true, headers: {}, timing: {totalMs: 1}};
		state = reducer(state, {type: 'run-events', events: [{type: 'side-finished', check: 'x.one', side: 'baseline', observation}, load('candidate', 10)]}, stamp);
		expect(activeLoad(state.checks['x.one']!)?.side).toBe('candidate');
		// Unbounded loads sweep a block along the bar instead of filling it.
		expect(loadShare({completed: 5, rps: 1, elapsedMs: 5000})).toBeUndefined();
		expect(progressBar(undefined, 5, 2)).toBe('░░█░░');
		expect(progressBar(0.5, 10)).toBe('█████░░░░░');
	});
});
