// From one keypress (as Ink's useInput reports it) and the active contexts to one action of the keymap.
import type {Key} from 'ink';
import {keymap, type ActionId, type Binding, type KeyChord, type KeyContext, type NamedKey} from './keymap.js';

const namedKeyFlags: Record<NamedKey, keyof Key> = {
	up: 'upArrow',
	down: 'downArrow',
	left: 'leftArrow',
	right: 'rightArrow',
	pageUp: 'pageUp',
	pageDown: 'pageDown',
	home: 'home',
	end: 'end',
	return: 'return',
	escape: 'escape',
	tab: 'tab',
	backspace: 'backspace',
	delete: 'delete',
};

export function chordMatches(chord: KeyChord, input: string, key: Key): boolean {
	if (chord.name) {
		if (!key[namedKeyFlags[chord.name]]) return false;
		// Shift matters for Tab (Shift+Tab) only; arrows etc. ignore it.
		if (chord.name === 'tab' && Boolean(chord.shift) !== Boolean(key.shift)) return false;
		return Boolean(chord.ctrl) === Boolean(key.ctrl);
	}

	if (Boolean(chord.ctrl) !== Boolean(key.ctrl)) return false;
	return input === chord.input;
}

/** The first binding of the first context (in priority order) that the key matches. */
export function resolveBinding(input: string, key: Key, contexts: readonly KeyContext[], bindings: readonly Binding[] = keymap): Binding | undefined {
	for (const context of contexts) {
		for (const binding of bindings) {
			if (binding.context !== context) continue;
			if (binding.keys.some(chord => chordMatches(chord, input, key))) return binding;
		}
	}

	return undefined;
}

export function resolveAction(input: string, key: Key, contexts: readonly KeyContext[]): ActionId | undefined {
	return resolveBinding(input, key, contexts)?.action;
}

/** Printable text a prompt should take (typed or pasted), or undefined for control keys. */
export function typedText(input: string, key: Key): string | undefined {
	if (key.ctrl || key.meta || key.escape || key.return || key.tab || key.backspace || key.delete) return undefined;
	if (key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageUp || key.pageDown || key.home || key.end) return undefined;
	// Pasted text may carry newlines and control characters: keep one line of printable text.
	const text = input.replace(/[\u0000-\u001F\u007F]/g, '');
	return text.length > 0 ? text : undefined;
}

const noKey: Key = {
	upArrow: false,
	downArrow: false,
	leftArrow: false,
	rightArrow: false,
	pageDown: false,
	pageUp: false,
	home: false,
	end: false,
	return: false,
	escape: false,
	ctrl: false,
	shift: false,
	tab: false,
	backspace: false,
	delete: false,
	meta: false,
	super: false,
	hyper: false,
	capsLock: false,
	numLock: false,
};

export function plainKey(input: string): Key {
	return {...noKey, shift: /^[A-Z]$/.test(input)};
}

export const escapeKey: Key = {...noKey, escape: true, meta: true};

/** The keypress a single character of a burst stands for. */
export function keyForChar(char: string): Key {
	if (char === '\t') return {...noKey, tab: true};
	if (char === '\r' || char === '\n') return {...noKey, return: true};
	if (char === '\u007F' || char === '\b') return {...noKey, backspace: true};
	return plainKey(char);
}

const controlChar = /[\t\r\n\u007F\b]/;

/**
 * Ink hands over a fast burst of keys as one string ("jjj" while j is held, or "url\t" typed fast) and Esc
 * followed quickly by a key as meta+key. Split them back into the keypresses the user made. In text entry a run
 * of printable characters stays together (typed or pasted text), and Tab, Enter and Backspace still act as keys.
 */
export function splitKeypresses(input: string, key: Key, textEntry: boolean): Array<[string, Key]> {
	if (key.ctrl) return [[input, key]];
	const chars = [...input];
	if (key.meta && !key.escape && chars.length === 1) return [['', escapeKey], [input, plainKey(input)]];
	if (chars.length <= 1 || key.meta) return [[input, key]];
	if (!textEntry) return chars.map(char => [controlChar.test(char) ? '' : char, keyForChar(char)]);
	if (!controlChar.test(input)) return [[input, key]];
	const parts: Array<[string, Key]> = [];
	let text = '';
	for (const char of chars) {
		if (!controlChar.test(char)) {
			text += char;
			continue;
		}

		if (text) parts.push([text, plainKey('')]);
		text = '';
		parts.push(['', keyForChar(char)]);
	}

	if (text) parts.push([text, plainKey('')]);
	return parts;
}
