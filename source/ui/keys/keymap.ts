// The keymap, defined once as data. The dispatcher, the footer hints and the help overlay all read this table, and
// every label is written from the binding's own keys (keyLabel), so a label can never name a key the binding lacks.

/** Where a binding applies. Contexts are tried in priority order (see activeContexts). */
export const keyContexts = ['always', 'confirm-quit', 'preflight', 'help', 'history', 'picker', 'prompt', 'form', 'diff', 'detail', 'filtered', 'running', 'matrix', 'global'] as const;
export type KeyContext = (typeof keyContexts)[number];

export const contextTitles: Record<KeyContext, string> = {
	always: 'Anywhere',
	'confirm-quit': 'Quit while a run is in flight',
	preflight: 'A target does not answer (nothing was run)',
	help: 'Help',
	history: 'History',
	picker: 'Profile picker',
	prompt: 'Text prompts (filter, save, reason)',
	form: 'Edit targets',
	running: 'While a run is in flight',
	diff: 'Diff tab (detail focused)',
	detail: 'Detail pane',
	filtered: 'Matrix with a filter',
	matrix: 'Matrix',
	global: 'Everywhere outside prompts',
};

export type ActionId =
	| 'quit'
	| 'quit-now'
	| 'run-anyway'
	| 'help'
	| 'close'
	| 'move-down'
	| 'move-up'
	| 'page-down'
	| 'page-up'
	| 'top'
	| 'bottom'
	| 'open'
	| 'collapse'
	| 'back'
	| 'clear-filter'
	| 'next-check'
	| 'prev-check'
	| 'run-row'
	| 'run-category'
	| 'run-all'
	| 'run-problems'
	| 'cancel'
	| 'filter'
	| 'problems-only'
	| 'hide-noise'
	| 'next-tab'
	| 'prev-tab'
	| 'tab-1'
	| 'tab-2'
	| 'tab-3'
	| 'tab-4'
	| 'tab-5'
	| 'tab-6'
	| 'tab-7'
	| 'profiles'
	| 'save-profile'
	| 'edit-targets'
	| 'mark-expected'
	| 'export'
	| 'history'
	| 'traffic'
	| 'confirm'
	| 'delete-char'
	| 'clear-field'
	| 'next-field'
	| 'prev-field';

export type NamedKey = 'up' | 'down' | 'left' | 'right' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'return' | 'escape' | 'tab' | 'backspace' | 'delete';

/** One physical key: a printable input or a named key, optionally with ctrl/shift. */
export type KeyChord = {input?: string; name?: NamedKey; ctrl?: boolean; shift?: boolean};

export type Binding = {
	context: KeyContext;
	action: ActionId;
	keys: KeyChord[];
	description: string;
	/** Shown in the footer hints for this context (short text), in this order. */
	hint?: string;
	/** How many of the keys the footer hint names (default 1; the help names them all). */
	hintKeys?: number;
	/** Bindings of one group share one help line, labelled with the range of their keys (1…7). */
	group?: string;
};

const namedLabels: Record<NamedKey, string> = {
	up: '↑',
	down: '↓',
	left: '←',
	right: '→',
	pageUp: 'PgUp',
	pageDown: 'PgDn',
	home: 'Home',
	end: 'End',
	return: 'Enter',
	escape: 'Esc',
	tab: 'Tab',
	backspace: 'Backspace',
	delete: 'Del',
};

/** One key as people write it: Esc, ↓, Ctrl+U, Shift+Tab, Space, x. */
export function chordLabel(chord: KeyChord): string {
	const base = chord.name ? namedLabels[chord.name] : chord.input === ' ' ? 'Space' : chord.ctrl ? (chord.input ?? '').toUpperCase() : (chord.input ?? '');
	return `${chord.ctrl ? 'Ctrl+' : ''}${chord.shift ? 'Shift+' : ''}${base}`;
}

/** The label of a binding: its keys, the first `count` of them (all by default), joined with '/'. */
export function keyLabel(binding: Pick<Binding, 'keys'>, count = binding.keys.length): string {
	return binding.keys.slice(0, Math.max(1, count)).map(chordLabel).join('/');
}

/** The keys that run `action` in `context` (its first `count`), for any text that names a key: the same label. */
export function keysFor(action: ActionId, context: KeyContext = 'global', count = 1): string {
	const binding = keymap.find(entry => entry.action === action && entry.context === context);
	if (!binding) throw new Error(`no key runs ${action} in ${context}`);
	return keyLabel(binding, count);
}

/** The footer's shorter label: the first key, or the first `hintKeys`. */
export function hintLabel(binding: Binding): string {
	return keyLabel(binding, binding.hintKeys ?? 1);
}

const key = (name: NamedKey, extra: Omit<KeyChord, 'name'> = {}): KeyChord => ({name, ...extra});
const char = (input: string, extra: Omit<KeyChord, 'input'> = {}): KeyChord => ({input, ...extra});

export const keymap: readonly Binding[] = [
	{context: 'always', action: 'quit', keys: [char('c', {ctrl: true})], description: 'quit (stops runs and embedded simulators)'},

	{context: 'confirm-quit', action: 'quit-now', hintKeys: 3, keys: [char('y'), char('q'), key('return')], description: 'cancel the run and quit', hint: 'quit'},
	{context: 'confirm-quit', action: 'close', hintKeys: 2, keys: [key('escape'), char('n')], description: 'keep running', hint: 'keep running'},

	{context: 'preflight', action: 'run-anyway', keys: [char('y')], description: "run anyway (that target's checks then read error)", hint: 'run anyway'},
	{context: 'preflight', action: 'edit-targets', keys: [char('e')], description: 'edit the targets (URL, key, path prefix …)', hint: 'edit targets'},
	{context: 'preflight', action: 'close', hintKeys: 2, keys: [key('escape'), char('n')], description: 'do not run', hint: "don't run"},

	{context: 'help', action: 'move-down', hintKeys: 2, keys: [key('down'), char('j')], description: 'scroll the help down', hint: 'scroll'},
	{context: 'help', action: 'move-up', keys: [key('up'), char('k')], description: 'scroll the help up'},
	{context: 'help', action: 'page-down', keys: [key('pageDown'), char(' ')], description: 'a page down'},
	{context: 'help', action: 'page-up', keys: [key('pageUp')], description: 'a page up'},
	{context: 'help', action: 'close', hintKeys: 3, keys: [key('escape'), char('?'), char('q')], description: 'close help', hint: 'close'},

	{context: 'history', action: 'move-down', hintKeys: 2, keys: [key('down'), char('j')], description: 'scroll the history down', hint: 'scroll'},
	{context: 'history', action: 'move-up', keys: [key('up'), char('k')], description: 'scroll the history up'},
	{context: 'history', action: 'page-down', keys: [key('pageDown'), char('d', {ctrl: true})], description: 'a page down'},
	{context: 'history', action: 'page-up', keys: [key('pageUp'), char('u', {ctrl: true})], description: 'a page up'},
	{context: 'history', action: 'close', hintKeys: 3, keys: [key('escape'), char('H'), char('q')], description: 'close the history', hint: 'close'},

	{context: 'picker', action: 'move-down', hintKeys: 2, keys: [key('down'), char('j')], description: 'next profile', hint: 'move'},
	{context: 'picker', action: 'move-up', keys: [key('up'), char('k')], description: 'previous profile'},
	{context: 'picker', action: 'confirm', keys: [key('return')], description: 'switch to this profile (closes the old targets, opens the new)', hint: 'switch'},
	{context: 'picker', action: 'close', keys: [key('escape'), char('q')], description: 'close the picker', hint: 'close'},

	{context: 'prompt', action: 'confirm', keys: [key('return')], description: 'accept', hint: 'accept'},
	{context: 'prompt', action: 'close', keys: [key('escape')], description: 'cancel (clears a filter)', hint: 'cancel'},
	{context: 'prompt', action: 'delete-char', keys: [key('backspace'), key('delete')], description: 'delete a character'},
	{context: 'prompt', action: 'clear-field', keys: [char('u', {ctrl: true})], description: 'clear the text'},

	{context: 'form', action: 'next-field', hintKeys: 2, keys: [key('tab'), key('down')], description: 'next field', hint: 'next field'},
	{context: 'form', action: 'prev-field', keys: [key('tab', {shift: true}), key('up')], description: 'previous field'},
	{context: 'form', action: 'confirm', keys: [key('return')], description: 'apply and reconnect (from any field)', hint: 'apply'},
	{context: 'form', action: 'close', keys: [key('escape')], description: 'discard the edits', hint: 'discard'},
	{context: 'form', action: 'delete-char', keys: [key('backspace'), key('delete')], description: 'delete a character'},
	{context: 'form', action: 'clear-field', keys: [char('u', {ctrl: true})], description: 'clear the field'},

	{context: 'running', action: 'cancel', keys: [key('escape')], description: 'cancel the run (in-flight requests are aborted)', hint: 'cancel'},

	{context: 'diff', action: 'mark-expected', keys: [char('x')], description: 'mark the selected difference as expected, with a reason (saved in the profile)', hint: 'expected'},

	{context: 'detail', action: 'move-down', hintKeys: 2, keys: [key('down'), char('j')], description: 'next difference / scroll down', hint: 'scroll'},
	{context: 'detail', action: 'move-up', keys: [key('up'), char('k')], description: 'previous difference / scroll up'},
	{context: 'detail', action: 'page-down', keys: [key('pageDown'), char('d', {ctrl: true})], description: 'scroll a page down'},
	{context: 'detail', action: 'page-up', keys: [key('pageUp'), char('u', {ctrl: true})], description: 'scroll a page up'},
	{context: 'detail', action: 'next-check', hintKeys: 2, keys: [key('tab'), char('.')], description: "next check of the row", hint: 'check'},
	{context: 'detail', action: 'prev-check', keys: [key('tab', {shift: true}), char(',')], description: 'previous check of the row'},
	{context: 'detail', action: 'back', hintKeys: 2, keys: [key('escape'), key('left'), char('h')], description: 'back to the matrix', hint: 'back'},

	{context: 'matrix', action: 'move-down', hintKeys: 2, keys: [key('down'), char('j')], description: 'next line', hint: 'move'},
	{context: 'matrix', action: 'move-up', keys: [key('up'), char('k')], description: 'previous line'},
	{context: 'matrix', action: 'page-down', keys: [key('pageDown'), char('d', {ctrl: true})], description: 'a page down'},
	{context: 'matrix', action: 'page-up', keys: [key('pageUp'), char('u', {ctrl: true})], description: 'a page up'},
	{context: 'matrix', action: 'top', keys: [key('home')], description: 'first line'},
	{context: 'matrix', action: 'bottom', keys: [key('end'), char('G')], description: 'last line'},
	{context: 'matrix', action: 'open', keys: [key('return'), key('right'), char('l')], description: "open the row's checks in the detail pane (on a category: fold it)", hint: 'open'},
	{context: 'matrix', action: 'collapse', keys: [char(' '), key('left'), char('h')], description: 'fold or unfold the category'},
	{context: 'filtered', action: 'clear-filter', keys: [key('escape')], description: 'clear the filter and the problems-only view', hint: 'clear filter'},

	{context: 'global', action: 'run-row', keys: [char('r')], description: 'run the selected row', hint: 'run'},
	{context: 'global', action: 'run-category', keys: [char('R')], description: 'run the selected category'},
	{context: 'global', action: 'run-all', keys: [char('a')], description: 'run everything (kept in the history when it finishes; H compares)', hint: 'all'},
	{context: 'global', action: 'run-problems', keys: [char('f')], description: 'rerun problems only (gap, drift, both-fail, error)'},
	{context: 'global', action: 'filter', keys: [char('/')], description: 'filter rows by text', hint: 'filter'},
	{context: 'global', action: 'problems-only', keys: [char('g')], description: 'show problems only (toggle)'},
	{context: 'global', action: 'hide-noise', keys: [char('n')], description: 'hide noise differences (toggle)'},
	{context: 'global', action: 'prev-tab', keys: [char('[')], description: 'previous detail tab'},
	{context: 'global', action: 'next-tab', keys: [char(']')], description: 'next detail tab', hint: 'tab'},
	{context: 'global', action: 'tab-1', keys: [char('1')], group: 'tabs', description: 'jump to a tab: Diff, Baseline, Candidate, Headers, Latency, Stream, Exec'},
	{context: 'global', action: 'tab-2', keys: [char('2')], group: 'tabs', description: 'Baseline tab'},
	{context: 'global', action: 'tab-3', keys: [char('3')], group: 'tabs', description: 'Candidate tab'},
	{context: 'global', action: 'tab-4', keys: [char('4')], group: 'tabs', description: 'Headers tab'},
	{context: 'global', action: 'tab-5', keys: [char('5')], group: 'tabs', description: 'Latency tab'},
	{context: 'global', action: 'tab-6', keys: [char('6')], group: 'tabs', description: 'Stream tab'},
	{context: 'global', action: 'tab-7', keys: [char('7')], group: 'tabs', description: 'Exec tab'},
	{context: 'global', action: 'profiles', keys: [char('p')], description: 'pick a profile (saved and profiles/*.yaml)'},
	{context: 'global', action: 'save-profile', keys: [char('s')], description: 'save the current setup as a named profile'},
	{context: 'global', action: 'edit-targets', keys: [char('e')], description: 'edit target URLs and keys'},
	{context: 'global', action: 'export', keys: [char('E')], description: 'export reports (JSON, text, markdown: the plan filled in, JUnit XML) to the reports folder'},
	{context: 'global', action: 'history', keys: [char('H')], description: "history of this profile: recent runs, and what broke, got fixed or moved since the previous run", hint: 'history'},
	{context: 'global', action: 'traffic', keys: [char('T')], description: "traffic view (toggle): a shadow proxy on the open targets; send requests to it and see each route's differences live", hint: 'traffic'},
	{context: 'global', action: 'help', keys: [char('?')], description: 'help: every key', hint: 'help'},
	{context: 'global', action: 'quit', keys: [char('q')], description: 'quit (asks first while a run is in flight)', hint: 'quit'},
];
