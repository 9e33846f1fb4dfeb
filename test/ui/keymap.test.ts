// The keymap as data: no key means two things in one context, the dispatcher honours context priority, and the
// help text and footer hints are generated from the table (change the table, the help changes).
import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {activeContexts, hintsFor} from '../../source/ui/keys/contexts.js';
import {keymap, type Binding, type KeyChord} from '../../source/ui/keys/keymap.js';
import {plainKey, resolveAction, splitKeypresses} from '../../source/ui/keys/resolve.js';
import {helpLines} from '../../source/ui/components/HelpOverlay.js';
import {initialState} from '../../source/ui/model/state.js';

const chordId = (chord: KeyChord) => `${chord.ctrl ? 'ctrl+' : ''}${chord.shift ? 'shift+' : ''}${chord.name ?? chord.input}`;
const named = (name: keyof Key, extra: Partial<Key> = {}): Key => ({...plainKey(''), [name]: true, ...extra});

describe('keymap', () => {
	it('never binds one key to two actions in the same context', () => {
		const seen = new Map<string, string>();
		for (const binding of keymap) {
			for (const chord of binding.keys) {
				const id = `${binding.context}:${chordId(chord)}`;
				expect(seen.get(id), `${id} is bound to ${seen.get(id)} and ${binding.action}`).toBeUndefined();
				seen.set(id, binding.action);
			}
		}
	});

	it('resolves by context priority: Esc leaves the detail pane, then clears a filter, and only then cancels a run', () => {
		const state = initialState();
		const detail = {...state, view: {...state.view, focus: 'detail' as const}};
		expect(resolveAction('', named('escape'), activeContexts(detail))).toBe('back');
		const run = {runId: 'x', label: 'run', total: 1, finished: 0, startedAt: '', cancelling: false};
		expect(resolveAction('', named('escape'), activeContexts({...detail, run}))).toBe('back');
		const filtered = {...state, run, view: {...state.view, filter: 'chat'}};
		expect(resolveAction('', named('escape'), activeContexts(filtered))).toBe('clear-filter');
		expect(resolveAction('', named('escape'), activeContexts({...state, run}))).toBe('cancel');
		expect(resolveAction('j', plainKey('j'), activeContexts(state))).toBe('move-down');
		expect(resolveAction('', named('downArrow'), activeContexts(detail))).toBe('move-down');
		expect(resolveAction('R', plainKey('R'), activeContexts(state))).toBe('run-category');
		expect(resolveAction('r', plainKey('r'), activeContexts(state))).toBe('run-row');
		expect(resolveAction('', named('tab', {shift: true}), activeContexts(detail))).toBe('prev-check');
		expect(resolveAction('', named('tab'), activeContexts(detail))).toBe('next-check');
	});

	it('makes prompts modal: q types a q instead of quitting, Ctrl+C still quits', () => {
		const state = {...initialState(), overlay: {kind: 'prompt' as const, purpose: 'filter' as const, label: '/', value: ''}};
		expect(resolveAction('q', plainKey('q'), activeContexts(state))).toBeUndefined();
		expect(resolveAction('c', {...plainKey('c'), ctrl: true}, activeContexts(state))).toBe('quit');
		expect(resolveAction('', named('return'), activeContexts(state))).toBe('confirm');
	});

	it('H opens the history from anywhere outside prompts; inside it, H or Esc closes it and j scrolls', () => {
		const state = initialState();
		const detail = {...state, view: {...state.view, focus: 'detail' as const}};
		expect(resolveAction('H', plainKey('H'), activeContexts(state))).toBe('history');
		expect(resolveAction('H', plainKey('H'), activeContexts(detail))).toBe('history');
		const open = {...state, overlay: {kind: 'history' as const, profile: 'demo', offset: 0}};
		expect(resolveAction('H', plainKey('H'), activeContexts(open))).toBe('close');
		expect(resolveAction('', named('escape'), activeContexts(open))).toBe('close');
		expect(resolveAction('j', plainKey('j'), activeContexts(open))).toBe('move-down');
		// Modal: run keys do nothing while it is open.
		expect(resolveAction('a', plainKey('a'), activeContexts(open))).toBeUndefined();
		expect(hintsFor(activeContexts(state)).map(hint => hint.text)).toContain('history');
	});

	it('x marks a difference only in the Diff tab', () => {
		const state = initialState();
		const diff = {...state, view: {...state.view, focus: 'detail' as const, tab: 'diff' as const}};
		const headers = {...state, view: {...state.view, focus: 'detail' as const, tab: 'headers' as const}};
		expect(resolveAction('x', plainKey('x'), activeContexts(diff))).toBe('mark-expected');
		expect(resolveAction('x', plainKey('x'), activeContexts(headers))).toBeUndefined();
	});

	it('generates the help overlay and the footer hints from the bindings it is given', () => {
		const custom: Binding[] = [
			{context: 'global', action: 'quit', keys: [{input: 'Q'}], label: 'Q', description: 'leave the explorer now', hint: 'leave'},
			{context: 'matrix', action: 'move-down', keys: [{input: 'n'}], label: 'n', description: 'down one line', hint: 'down'},
		];
		const lines = helpLines(custom);
		expect(lines).toEqual([
			{kind: 'title', text: 'Everywhere outside prompts'},
			{kind: 'binding', label: 'Q', description: 'leave the explorer now'},
			{kind: 'title', text: 'Matrix'},
			{kind: 'binding', label: 'n', description: 'down one line'},
		]);
		// The real help starts with the keys used most, and lists every context in a known place.
		const titles = helpLines().filter(line => line.kind === 'title').map(line => (line as {text: string}).text);
		expect(titles.slice(0, 3)).toEqual(['Everywhere outside prompts', 'Matrix', 'Matrix with a filter']);
		expect(titles.at(-1)).toBe('Matrix symbols');
		expect(hintsFor(['matrix', 'global'], custom)).toEqual([
			{label: 'n', text: 'down', action: 'move-down'},
			{label: 'Q', text: 'leave', action: 'quit'},
		]);
	});

	it('splits a burst of keys and Esc+key back into single keypresses outside text entry', () => {
		expect(splitKeypresses('jjk', plainKey('j'), false).map(([input]) => input)).toEqual(['j', 'j', 'k']);
		expect(splitKeypresses('jjk', plainKey('j'), true).map(([input]) => input)).toEqual(['jjk']);
		// Typed fast into a form: the text stays together, Tab and Enter still move and apply.
		const burst = splitKeypresses('http://x:1\t\r', plainKey('h'), true);
		expect(burst.map(([input, key]) => (key.tab ? '<tab>' : key.return ? '<enter>' : input))).toEqual(['http://x:1', '<tab>', '<enter>']);
		expect(splitKeypresses('j\tk', plainKey('j'), false).map(([input, key]) => (key.tab ? '<tab>' : input))).toEqual(['j', '<tab>', 'k']);
		const [first, second] = splitKeypresses('1', {...plainKey('1'), meta: true}, false);
		expect(first![1].escape).toBe(true);
		expect(second![0]).toBe('1');
	});
});
