// Pure views: the reducer gives the same state for the same actions and stamps and never changes what it is given;
// the layout draws a frozen state (a component that wrote into the state or a shared object during render would
// throw); and the scroll bounds the key handler uses come from the state and the terminal size alone, matching
// what is drawn at the last position they allow.
import {renderToString} from 'ink';
import React from 'react';
import {describe, expect, it} from 'vitest';
import type {CheckResult, Difference, Observation, RunEvent} from '../../source/domain.js';
import {detailScroll, screenGeometry} from '../../source/ui/components/geometry.js';
import {Layout} from '../../source/ui/components/Layout.js';
import {reducer, type Action} from '../../source/ui/model/reducer.js';
import {initialState, tabs, type ExplorerState, type Stamp} from '../../source/ui/model/state.js';
import {createExplorerStore} from '../../source/ui/model/store.js';
import {shippedCatalog} from './harness.js';

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object' && !Object.isFrozen(value)) {
		Object.freeze(value);
		for (const key of Reflect.ownKeys(value)) deepFreeze((value as Record<string | symbol, unknown>)[key]);
	}

	return value;
}

const check = 'api.models.list';
const differences: Difference[] = Array.from({length: 40}, (_, index) => ({path: `$.data[${index}].id`, kind: 'value', baseline: `model-${index}`, candidate: `other-${index}`, noise: index % 5 === 0}));
const observation = (side: 'baseline' | 'candidate'): Observation => ({
	side,
	reached: true,
	status: 200,
	headers: Object.fromEntries(Array.from({length: 30}, (_, index) => [`x-header-${index}`, `${side}-${index}`])),
	body: {data: Array.from({length: 200}, (_, index) => ({id: `model-${index}`}))},
	timing: {totalMs: 5},
});

async function actions(): Promise<Action[]> {
	const catalog = await shippedCatalog({rows: ['api.models', 'health.liveliness']});
	const ref = {category: 'api', categoryTitle: 'API', row: 'api.models', feature: '/v1/models', check, title: 'list', probe: 'http'};
	const result: CheckResult = {...ref, verdict: 'drift', reason: 'ids differ', baseline: {ok: true, failures: []}, candidate: {ok: true, failures: []}, differences, durationMs: 3};
	const events: RunEvent[] = [
		{type: 'run-started', runId: 'r1', startedAt: '2026-01-01T00:00:00.000Z', profile: 'demo', targets: {baseline: {url: 'http://b'}, candidate: {url: 'http://c'}}, checks: [ref], versions: {baseline: '1.81.13', candidate: '1.80.0'}},
		{type: 'check-finished', check, result, observations: {baseline: observation('baseline'), candidate: observation('candidate')}},
		{type: 'run-finished', finishedAt: '2026-01-01T00:00:01.000Z', durationMs: 1000, cancelled: false, summary: {parity: 0, gap: 0, drift: 1, bonus: 0, 'both-fail': 0, expected: 0, skipped: 0, error: 0}, results: [result]},
	];
	return [
		{type: 'catalog-loaded', catalog},
		{type: 'run-requested', label: 'everything'},
		{type: 'run-events', events},
		{type: 'move', delta: 1},
		{type: 'focus', focus: 'detail'},
		{type: 'toggle-noise'},
	];
}

const stamps = (index: number): Stamp => ({id: index + 1, at: `2026-01-01T00:00:0${index}.000Z`});

describe('pure views', () => {
	it('the reducer: same actions and stamps, same state; its input is never changed; times and ids come from the stamps', async () => {
		const list = await actions();
		const fold = () => list.reduce<ExplorerState>((state, action, index) => reducer(deepFreeze(state), action, stamps(index)), initialState());
		const first = fold();
		expect(fold()).toEqual(first);
		// run-requested was the second action, the run-finished toast came with the third.
		expect(first.lastRun?.startedAt).toBe('2026-01-01T00:00:00.000Z');
		expect(first.toast?.id).toBe(6);
		const withoutRun = list.filter(action => action.type !== 'run-events');
		const requested = withoutRun.reduce<ExplorerState>((state, action, index) => reducer(state, action, stamps(index)), initialState());
		expect(requested.run?.startedAt).toBe(stamps(1).at);
		// The store stamps with its own clock and sequence.
		const store = createExplorerStore(initialState(), () => new Date('2030-05-05T05:05:05.000Z'));
		store.dispatch({type: 'run-requested', label: 'x'});
		expect(store.getState().run?.startedAt).toBe('2030-05-05T05:05:05.000Z');
	});

	it('the layout draws a frozen state at every size and tab, and the scroll bounds reach the end of what is drawn', async () => {
		const list = await actions();
		const base = list.reduce<ExplorerState>((state, action, index) => reducer(state, action, stamps(index)), initialState());
		for (const [columns, rows] of [
			[160, 45],
			[100, 30],
			[80, 24],
		] as const) {
			for (const tab of tabs) {
				const state = deepFreeze({...base, view: {...base.view, tab, hideNoise: false}});
				const scroll = detailScroll(state, {columns, rows});
				const frame = renderToString(<Layout state={state} columns={columns} rows={rows} frame={0} />, {columns});
				expect(frame.split('\n').length, `${columns}×${rows} ${tab}`).toBe(screenGeometry({columns, rows}, state).height);
				if (tab === 'diff') expect(scroll.max, `${columns}×${rows}`).toBe(differences.length - 1);
				if (tab === 'baseline' || tab === 'candidate' || tab === 'headers') {
					expect(scroll.max, `${columns}×${rows} ${tab} scrolls`).toBeGreaterThan(0);
					// At the last offset the bounds allow, the end is on screen and nothing is said to be below.
					const last = deepFreeze({...state, view: {...state.view, detailOffset: scroll.max}});
					const end = renderToString(<Layout state={last} columns={columns} rows={rows} frame={0} />, {columns});
					const before = deepFreeze({...state, view: {...state.view, detailOffset: Math.max(0, scroll.max - 1)}});
					const short = renderToString(<Layout state={before} columns={columns} rows={rows} frame={0} />, {columns});
					if (tab === 'headers') {
						// Headers are listed by name: x-header-9 is the last one, drawn only at the bound.
						expect(end, `${columns}×${rows} headers at its end`).toContain('x-header-9 ');
						expect(short).not.toContain('x-header-9 ');
					} else {
						expect(end, `${columns}×${rows} ${tab} at its end`).not.toMatch(/more lines/);
						expect(end).toContain('}');
						expect(short).toMatch(/more lines/);
					}
				}
			}
		}
	});

	it('the help and history bounds follow the terminal size and the version banner', async () => {
		const list = await actions();
		const state = list.reduce<ExplorerState>((current, action, index) => reducer(current, action, stamps(index)), initialState());
		const help = {...state, overlay: {kind: 'help' as const, offset: 0}};
		const small = detailScroll(help, {columns: 80, rows: 24});
		const large = detailScroll(help, {columns: 160, rows: 45});
		expect(small.max).toBeGreaterThan(large.max);
		// The banner takes header lines: the body is shorter with it than without.
		expect(screenGeometry({columns: 80, rows: 24}, state).bodyHeight).toBeLessThan(screenGeometry({columns: 80, rows: 24}, {...state, versions: undefined}).bodyHeight);
		expect(detailScroll(help, {columns: 80, rows: 24}).max).toBeGreaterThan(detailScroll({...help, versions: undefined}, {columns: 80, rows: 24}).max);
	});
});
