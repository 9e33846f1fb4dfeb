// One symbol and one colour name per verdict, shared by the plain-text report and the TUI.
import type {Verdict} from '../domain.js';

export const verdictSymbol: Record<Verdict, string> = {
	parity: '✓',
	gap: '✗',
	drift: '≠',
	bonus: '+',
	'both-fail': '‼',
	expected: '≈',
	skipped: '-',
	error: '!',
};

export const verdictColor: Record<Verdict, string> = {
	parity: 'green',
	gap: 'red',
	drift: 'yellow',
	bonus: 'cyan',
	'both-fail': 'magenta',
	expected: 'blue',
	skipped: 'gray',
	error: 'redBright',
};
