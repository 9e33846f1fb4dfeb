// Detail tabs drawn on their own (Ink's renderToString): the Diff tab's noise and expected differences, the
// Exec tab without container checks, and body slicing that keeps the pane's height.
import {renderToString} from 'ink';
import React from 'react';
import {describe, expect, it} from 'vitest';
import type {CheckResult, Observation} from '../../source/domain.js';
import {tabScrollMax} from '../../source/ui/components/geometry.js';
import {DiffTab} from '../../source/ui/components/tabs/DiffTab.js';
import {ExecTab} from '../../source/ui/components/tabs/ExecTab.js';
import {SideTab} from '../../source/ui/components/tabs/SideTab.js';
import type {TabProps} from '../../source/ui/components/tabs/tab-props.js';
import type {Tab} from '../../source/ui/model/state.js';
import type {CheckState} from '../../source/ui/model/state.js';

const side = {ok: true, status: 200, latencyMs: 10, failures: []};
const result: CheckResult = {
	category: 'api',
	row: 'api.models',
	feature: '/v1/models',
	check: 'api.models.list',
	title: 'list',
	verdict: 'drift',
	reason: '$.data differs',
	baseline: side,
	candidate: side,
	differences: [
		{path: '$.created', kind: 'value', baseline: 1, candidate: 2, noise: true},
		{path: '$.object', kind: 'value', baseline: 'list', candidate: 'page', noise: false},
		{path: '$.data', kind: 'extra', candidate: ['llmrouter-auto'], noise: false, expectedReason: 'router group'},
	],
	durationMs: 12,
};

function props(check: CheckState, extra: Partial<TabProps> = {}): TabProps {
	return {check, rowChecks: [check], rowDefinitions: [], width: 90, height: 14, offset: 0, focused: true, hideNoise: false, ...extra};
}

/** How far a tab scrolls, from the same inputs it draws with (the selector the key handler uses). */
const scrollMax = (tab: Tab, input: TabProps) => tabScrollMax({tab, ...input});

const check: CheckState = {id: 'api.models.list', row: 'api.models', category: 'api', title: 'list', probe: 'http', status: 'done', result};

describe('Diff tab', () => {
	it('lists findings first, noise dimmed last, and expected differences with their reason', () => {
		const tab = props(check);
		const frame = renderToString(<DiffTab {...tab} />, {columns: 90});
		const lines = frame.split('\n');
		const object = lines.findIndex(line => line.includes('$.object'));
		const created = lines.findIndex(line => line.includes('$.created'));
		expect(object).toBeGreaterThan(-1);
		expect(created).toBeGreaterThan(object);
		expect(lines[created]).toContain('~ noise');
		expect(frame).toContain('≈ router group');
		expect(frame).toContain('≠ drift');
		// The cursor is on the first finding and spelled out in full below the list.
		expect(frame).toContain('▸ $.object: baseline "list" · candidate "page"');
		expect(scrollMax('diff', tab)).toBe(2);
	});

	it('hides noise when asked, and says how much it hid', () => {
		const tab = props(check, {hideNoise: true});
		const frame = renderToString(<DiffTab {...tab} />, {columns: 90});
		expect(frame).not.toContain('$.created');
		expect(frame).toContain('$.object');
		expect(scrollMax('diff', tab)).toBe(1);
	});
});

describe('Exec tab', () => {
	it('says so when the row has no container checks', () => {
		expect(renderToString(<ExecTab {...props(check)} />, {columns: 90})).toContain('no container checks in this row');
	});

	it('shows the command, exit code and output of each side', () => {
		const observation = (sideName: 'baseline' | 'candidate', user: string): Observation => ({side: sideName, reached: true, headers: {}, timing: {totalMs: 5}, exec: [{command: ['whoami'], exitCode: 0, stdout: `${user}\n`, stderr: ''}]});
		const exec: CheckState = {...check, id: 'security.non-root.whoami', probe: 'exec', observations: {baseline: observation('baseline', 'root'), candidate: observation('candidate', 'litellm')}};
		const frame = renderToString(<ExecTab {...props(exec)} />, {columns: 90});
		expect(frame).toContain('$ whoami  (exit 0)');
		expect(frame).toMatch(/baseline[\s\S]*root[\s\S]*candidate[\s\S]*litellm/);
	});
});

describe('Baseline tab', () => {
	it('slices a long body to the pane and reports how far it scrolls', () => {
		const body = {data: Array.from({length: 300}, (_, index) => ({id: `model-${index}`}))};
		const observed: CheckState = {...check, observations: {baseline: {side: 'baseline', reached: true, status: 200, headers: {'content-type': 'application/json'}, body, timing: {totalMs: 3}}}};
		const tab = props(observed, {height: 12});
		const frame = renderToString(<SideTab {...tab} side="baseline" />, {columns: 90});
		expect(frame.split('\n')).toHaveLength(12);
		expect(frame).toContain('HTTP 200');
		expect(frame).toMatch(/↓ \d+ more lines/);
		expect(scrollMax('baseline', tab)).toBeGreaterThan(800);
		// The last window the key handler allows still draws the body's end.
		const last = renderToString(<SideTab {...props(observed, {height: 12, offset: scrollMax('baseline', tab)})} side="baseline" />, {columns: 90});
		expect(last).toContain('model-299');
		expect(last).not.toMatch(/more lines/);
		const scrolled = renderToString(<SideTab {...props(observed, {height: 12, offset: 200})} side="baseline" />, {columns: 90});
		expect(scrolled).not.toContain('HTTP 200');
		expect(scrolled).toContain('model-');
	});
});
