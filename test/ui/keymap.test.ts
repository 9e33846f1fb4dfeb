// The keymap as data: no key means two things in one context, the dispatcher honours context priority, and the
// help text and footer hints are generated from the table (change the table, the help changes).
import type {Key} from 'ink';
import {describe, expect, it} from 'vitest';
import {activeContexts, hintsFor} from '../../source/ui/keys/contexts.js';
import {keyLabel, keymap, keysFor, type Binding, type KeyChord} from '../../source/ui/keys/keymap.js';
import {plainKey, resolveAction, splitKeypresses} from '../../source/ui/keys/resolve.js';
import {helpLines} from '../../source/ui/components/HelpOverlay.js';
import {contextTitles} from '../../source/ui/keys/keymap.js';
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
			{context: 'global', action: 'quit', keys: [{input: 'Q'}], description: 'leave the explorer now', hint: 'leave'},
			{context: 'matrix', action: 'move-down', keys: [{input: 'n'}], description: 'down one line', hint: 'down'},
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

	it('writes labels from the keys themselves', () => {
		expect(keyLabel({keys: [{name: 'escape'}, {input: 'u', ctrl: true}, {input: ' '}, {name: 'tab', shift: true}, {input: '/'}]})).toBe('Esc/Ctrl+U/Space/Shift+Tab//');
		expect(keyLabel({keys: [{name: 'down'}, {input: 'j'}]}, 1)).toBe('↓');
		// Text that names a key (toasts, notes, the form's line) asks the keymap; a key no binding has is an error.
		expect(keysFor('run-row')).toBe('r');
		expect(keysFor('next-field', 'form', 2)).toBe('Tab/↓');
		expect(() => keysFor('run-row', 'form')).toThrow('no key runs run-row in form');
	});

	it('labels every binding, in the help and in the footer, only with keys that run it there', () => {
		const help = helpLines();
		for (const binding of keymap) {
			// Every line of the binding's context in the help whose keys run this binding: exactly one, naming all its keys.
			const section = sectionOf(help, binding.context);
			const runs = ([input, key]: [string, Key]) => resolveAction(input, key, [binding.context]) === binding.action;
			// A group's line (1…7) names every member's key: each runs one member of the group.
			const members = new Set(keymap.filter(entry => binding.group && entry.group === binding.group).map(entry => entry.action));
			const named = section.filter(line => {
				const keys = parseLabel(line.label);
				if (binding.group) return keys.some(runs) && keys.every(([input, key]) => members.has(resolveAction(input, key, [binding.context])!));
				return keys.length > 0 && keys.every(runs);
			});
			expect(named, `${binding.context}/${binding.action}: help lines ${JSON.stringify(section.map(line => line.label))}`).toHaveLength(1);
			const pressed = parseLabel(named[0]!.label).filter(runs);
			expect(pressed, `${binding.action}: the help names ${named[0]!.label}`).toHaveLength(binding.keys.length);
			for (const chord of binding.keys) {
				expect(pressed.some(([input, key]) => chordFor(input, key) === chordId(chord)), `${binding.context}/${binding.action}: ${chordId(chord)} missing from the help`).toBe(true);
			}

			// Every key any help line of this context names runs what the line describes (nothing names another key).
			for (const line of section) {
				for (const [input, key] of parseLabel(line.label)) expect(resolveAction(input, key, [binding.context]), `${line.label} in ${binding.context}`).toBeDefined();
			}

			if (!binding.hint) continue;
			const hint = hintsFor([binding.context]).find(entry => entry.action === binding.action);
			expect(hint?.text, `${binding.context}/${binding.action} has no footer hint`).toBe(binding.hint);
			const keys = parseLabel(hint!.label);
			expect(keys.length).toBe(Math.min(binding.hintKeys ?? 1, binding.keys.length));
			for (const [input, key] of keys) expect(resolveAction(input, key, [binding.context]), `footer ${hint!.label} ${hint!.text}`).toBe(binding.action);
		}
	});
});

type HelpBinding = {label: string; description: string};

/** The binding lines under a context's title in the help (up to the next title). */
function sectionOf(lines: ReturnType<typeof helpLines>, context: Binding['context']): HelpBinding[] {
	const title = contextTitle(context);
	const start = lines.findIndex(line => line.kind === 'title' && line.text === title);
	expect(start, `no help section for ${context}`).toBeGreaterThan(-1);
	const section: HelpBinding[] = [];
	for (const line of lines.slice(start + 1)) {
		if (line.kind === 'title') break;
		section.push(line);
	}

	return section;
}

function contextTitle(context: Binding['context']): string {
	// The titles are data too; the test reads them from the module rather than repeating them.
	return contextTitles[context];
}

const namedTokens: Record<string, keyof Key> = {Enter: 'return', Esc: 'escape', Tab: 'tab', Backspace: 'backspace', Del: 'delete', PgUp: 'pageUp', PgDn: 'pageDown', Home: 'home', End: 'end', '↑': 'upArrow', '↓': 'downArrow', '←': 'leftArrow', '→': 'rightArrow'};

/**
 * A label read back as the keypresses Ink would report, written independently of the keymap's label writer: named
 * keys, Ctrl+X, Shift+Tab, Space, single characters, separated by '/', and a range a…b of characters.
 */
function parseLabel(label: string): Array<[string, Key]> {
	const range = /^(.)…(.)$/u.exec(label);
	if (range) {
		const [from, to] = [range[1]!.codePointAt(0)!, range[2]!.codePointAt(0)!];
		return Array.from({length: to - from + 1}, (_, index) => String.fromCodePoint(from + index)).map(input => [input, plainKey(input)]);
	}

	const keys: Array<[string, Key]> = [];
	let rest = label;
	while (rest.length > 0) {
		let token: [string, Key, number] | undefined;
		const ctrl = /^Ctrl\+([A-Z])/.exec(rest);
		if (ctrl) token = [ctrl[1]!.toLowerCase(), {...plainKey(ctrl[1]!.toLowerCase()), ctrl: true}, ctrl[0].length];
		else if (rest.startsWith('Shift+Tab')) token = ['', named('tab', {shift: true}), 'Shift+Tab'.length];
		else if (rest.startsWith('Space')) token = [' ', plainKey(' '), 'Space'.length];
		else {
			const name = Object.keys(namedTokens).find(candidate => rest.startsWith(candidate));
			const first = [...rest][0]!;
			token = name ? ['', named(namedTokens[name]!), name.length] : [first, plainKey(first), first.length];
		}

		keys.push([token[0], token[1]]);
		rest = rest.slice(token[2]);
		if (rest.length === 0) break;
		expect(rest[0], `label '${label}' has no '/' between its keys`).toBe('/');
		rest = rest.slice(1);
	}

	return keys;
}

/** The chord id of a parsed keypress, comparable with chordId of a binding's chord. */
function chordFor(input: string, key: Key): string {
	const name = Object.entries({up: 'upArrow', down: 'downArrow', left: 'leftArrow', right: 'rightArrow', pageUp: 'pageUp', pageDown: 'pageDown', home: 'home', end: 'end', return: 'return', escape: 'escape', tab: 'tab', backspace: 'backspace', delete: 'delete'}).find(([, flag]) => key[flag as keyof Key])?.[0];
	return `${key.ctrl ? 'ctrl+' : ''}${key.shift && name === 'tab' ? 'shift+' : ''}${name ?? input}`;
}
