// The keymap, defined once as data. The dispatcher, the footer hints and the help overlay all read this table, so
// what the help says is what the keys do.

/** Where a binding applies. Contexts are tried in priority order (see activeContexts). */
export const keyContexts = ['always', 'confirm-quit', 'help', 'history', 'picker', 'prompt', 'form', 'diff', 'detail', 'filtered', 'running', 'matrix', 'global'] as const;
export type KeyContext = (typeof keyContexts)[number];

export const contextTitles: Record<KeyContext, string> = {
	always: 'Anywhere',
	'confirm-quit': 'Quit while a run is in flight',
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
	/** How the keys are written in hints and help. */
	label: string;
	description: string;
	/** Shown in the footer hints for this context (short text), in this order. */
	hint?: string;
};

const key = (name: NamedKey, extra: Omit<KeyChord, 'name'> = {}): KeyChord => ({name, ...extra});
const char = (input: string, extra: Omit<KeyChord, 'input'> = {}): KeyChord => ({input, ...extra});

export const keymap: readonly Binding[] = [
	{context: 'always', action: 'quit', keys: [char('c', {ctrl: true})], label: 'Ctrl+C', description: 'quit (stops runs and embedded simulators)'},

	{context: 'confirm-quit', action: 'quit-now', keys: [char('y'), char('q'), key('return')], label: 'y/q/Enter', description: 'cancel the run and quit', hint: 'quit'},
	{context: 'confirm-quit', action: 'close', keys: [key('escape'), char('n')], label: 'Esc/n', description: 'keep running', hint: 'keep running'},

	{context: 'help', action: 'move-down', keys: [key('down'), char('j')], label: '↓/j', description: 'scroll the help down', hint: 'scroll'},
	{context: 'help', action: 'move-up', keys: [key('up'), char('k')], label: '↑/k', description: 'scroll the help up'},
	{context: 'help', action: 'page-down', keys: [key('pageDown'), char(' ')], label: 'PgDn', description: 'a page down'},
	{context: 'help', action: 'page-up', keys: [key('pageUp')], label: 'PgUp', description: 'a page up'},
	{context: 'help', action: 'close', keys: [key('escape'), char('?'), char('q')], label: 'Esc/?/q', description: 'close help', hint: 'close'},

	{context: 'history', action: 'move-down', keys: [key('down'), char('j')], label: '↓/j', description: 'scroll the history down', hint: 'scroll'},
	{context: 'history', action: 'move-up', keys: [key('up'), char('k')], label: '↑/k', description: 'scroll the history up'},
	{context: 'history', action: 'page-down', keys: [key('pageDown'), char('d', {ctrl: true})], label: 'PgDn', description: 'a page down'},
	{context: 'history', action: 'page-up', keys: [key('pageUp'), char('u', {ctrl: true})], label: 'PgUp', description: 'a page up'},
	{context: 'history', action: 'close', keys: [key('escape'), char('H'), char('q')], label: 'Esc/H/q', description: 'close the history', hint: 'close'},

	{context: 'picker', action: 'move-down', keys: [key('down'), char('j')], label: '↓/j', description: 'next profile', hint: 'move'},
	{context: 'picker', action: 'move-up', keys: [key('up'), char('k')], label: '↑/k', description: 'previous profile'},
	{context: 'picker', action: 'confirm', keys: [key('return')], label: 'Enter', description: 'switch to this profile (closes the old targets, opens the new)', hint: 'switch'},
	{context: 'picker', action: 'close', keys: [key('escape'), char('q')], label: 'Esc', description: 'close the picker', hint: 'close'},

	{context: 'prompt', action: 'confirm', keys: [key('return')], label: 'Enter', description: 'accept', hint: 'accept'},
	{context: 'prompt', action: 'close', keys: [key('escape')], label: 'Esc', description: 'cancel (clears a filter)', hint: 'cancel'},
	{context: 'prompt', action: 'delete-char', keys: [key('backspace'), key('delete')], label: 'Backspace', description: 'delete a character'},
	{context: 'prompt', action: 'clear-field', keys: [char('u', {ctrl: true})], label: 'Ctrl+U', description: 'clear the text'},

	{context: 'form', action: 'next-field', keys: [key('tab'), key('down')], label: 'Tab/↓', description: 'next field', hint: 'next field'},
	{context: 'form', action: 'prev-field', keys: [key('tab', {shift: true}), key('up')], label: 'Shift+Tab/↑', description: 'previous field'},
	{context: 'form', action: 'confirm', keys: [key('return')], label: 'Enter', description: 'apply and reconnect (from any field)', hint: 'apply'},
	{context: 'form', action: 'close', keys: [key('escape')], label: 'Esc', description: 'discard the edits', hint: 'discard'},
	{context: 'form', action: 'delete-char', keys: [key('backspace'), key('delete')], label: 'Backspace', description: 'delete a character'},
	{context: 'form', action: 'clear-field', keys: [char('u', {ctrl: true})], label: 'Ctrl+U', description: 'clear the field'},

	{context: 'running', action: 'cancel', keys: [key('escape')], label: 'Esc', description: 'cancel the run (in-flight requests are aborted)', hint: 'cancel'},

	{context: 'diff', action: 'mark-expected', keys: [char('x')], label: 'x', description: 'mark the selected difference as expected, with a reason (saved in the profile)', hint: 'expected'},

	{context: 'detail', action: 'move-down', keys: [key('down'), char('j')], label: '↓/j', description: 'next difference / scroll down', hint: 'scroll'},
	{context: 'detail', action: 'move-up', keys: [key('up'), char('k')], label: '↑/k', description: 'previous difference / scroll up'},
	{context: 'detail', action: 'page-down', keys: [key('pageDown'), char('d', {ctrl: true})], label: 'PgDn', description: 'scroll a page down'},
	{context: 'detail', action: 'page-up', keys: [key('pageUp'), char('u', {ctrl: true})], label: 'PgUp', description: 'scroll a page up'},
	{context: 'detail', action: 'next-check', keys: [key('tab'), char('.')], label: 'Tab/.', description: "next check of the row", hint: 'check'},
	{context: 'detail', action: 'prev-check', keys: [key('tab', {shift: true}), char(',')], label: 'Shift+Tab/,', description: 'previous check of the row'},
	{context: 'detail', action: 'back', keys: [key('escape'), key('left'), char('h')], label: 'Esc/←', description: 'back to the matrix', hint: 'back'},

	{context: 'matrix', action: 'move-down', keys: [key('down'), char('j')], label: '↓/j', description: 'next line', hint: 'move'},
	{context: 'matrix', action: 'move-up', keys: [key('up'), char('k')], label: '↑/k', description: 'previous line'},
	{context: 'matrix', action: 'page-down', keys: [key('pageDown'), char('d', {ctrl: true})], label: 'PgDn', description: 'a page down'},
	{context: 'matrix', action: 'page-up', keys: [key('pageUp'), char('u', {ctrl: true})], label: 'PgUp', description: 'a page up'},
	{context: 'matrix', action: 'top', keys: [key('home')], label: 'Home', description: 'first line'},
	{context: 'matrix', action: 'bottom', keys: [key('end'), char('G')], label: 'End/G', description: 'last line'},
	{context: 'matrix', action: 'open', keys: [key('return'), key('right'), char('l')], label: 'Enter', description: "open the row's checks in the detail pane (on a category: fold it)", hint: 'open'},
	{context: 'matrix', action: 'collapse', keys: [char(' '), key('left'), char('h')], label: 'Space/←', description: 'fold or unfold the category'},
	{context: 'filtered', action: 'clear-filter', keys: [key('escape')], label: 'Esc', description: 'clear the filter and the problems-only view', hint: 'clear filter'},

	{context: 'global', action: 'run-row', keys: [char('r')], label: 'r', description: 'run the selected row', hint: 'run'},
	{context: 'global', action: 'run-category', keys: [char('R')], label: 'R', description: 'run the selected category'},
	{context: 'global', action: 'run-all', keys: [char('a')], label: 'a', description: 'run everything (kept in the history when it finishes; H compares)', hint: 'all'},
	{context: 'global', action: 'run-problems', keys: [char('f')], label: 'f', description: 'rerun problems only (gap, drift, both-fail, error)'},
	{context: 'global', action: 'filter', keys: [char('/')], label: '/', description: 'filter rows by text', hint: 'filter'},
	{context: 'global', action: 'problems-only', keys: [char('g')], label: 'g', description: 'show problems only (toggle)'},
	{context: 'global', action: 'hide-noise', keys: [char('n')], label: 'n', description: 'hide noise differences (toggle)'},
	{context: 'global', action: 'prev-tab', keys: [char('[')], label: '[', description: 'previous detail tab'},
	{context: 'global', action: 'next-tab', keys: [char(']')], label: ']', description: 'next detail tab', hint: 'tab'},
	{context: 'global', action: 'tab-1', keys: [char('1')], label: '1…7', description: 'jump to a tab: Diff, Baseline, Candidate, Headers, Latency, Stream, Exec'},
	{context: 'global', action: 'tab-2', keys: [char('2')], label: '2', description: 'Baseline tab'},
	{context: 'global', action: 'tab-3', keys: [char('3')], label: '3', description: 'Candidate tab'},
	{context: 'global', action: 'tab-4', keys: [char('4')], label: '4', description: 'Headers tab'},
	{context: 'global', action: 'tab-5', keys: [char('5')], label: '5', description: 'Latency tab'},
	{context: 'global', action: 'tab-6', keys: [char('6')], label: '6', description: 'Stream tab'},
	{context: 'global', action: 'tab-7', keys: [char('7')], label: '7', description: 'Exec tab'},
	{context: 'global', action: 'profiles', keys: [char('p')], label: 'p', description: 'pick a profile (saved and profiles/*.yaml)'},
	{context: 'global', action: 'save-profile', keys: [char('s')], label: 's', description: 'save the current setup as a named profile'},
	{context: 'global', action: 'edit-targets', keys: [char('e')], label: 'e', description: 'edit target URLs and keys'},
	{context: 'global', action: 'export', keys: [char('E')], label: 'E', description: 'export reports (JSON, text, markdown: the plan filled in, JUnit XML) to the reports folder'},
	{context: 'global', action: 'history', keys: [char('H')], label: 'H', description: "history of this profile: recent runs, and what broke, got fixed or moved since the previous run", hint: 'history'},
	{context: 'global', action: 'traffic', keys: [char('T')], label: 'T', description: "traffic view (toggle): a shadow proxy on the open targets; send requests to it and see each route's differences live", hint: 'traffic'},
	{context: 'global', action: 'help', keys: [char('?')], label: '?', description: 'help: every key', hint: 'help'},
	{context: 'global', action: 'quit', keys: [char('q')], label: 'q', description: 'quit (asks first while a run is in flight)', hint: 'quit'},
];

/** Bindings that only repeat another one's row in help (tab-2…tab-7 are covered by the tab-1 line). */
export const hiddenInHelp: ReadonlySet<ActionId> = new Set(['tab-2', 'tab-3', 'tab-4', 'tab-5', 'tab-6', 'tab-7']);
