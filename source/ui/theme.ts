// Colours in one place. Verdict colours come from the report's table so the TUI and the text report agree.
import type {Side, Verdict} from '../domain.js';
import {verdictColor, verdictSymbol} from '../report/symbols.js';

export const theme = {
	border: 'gray',
	focusBorder: 'green',
	title: 'cyanBright',
	dim: 'gray',
	selected: 'blue',
	key: 'cyan',
	error: 'red',
	warn: 'yellow',
	info: 'green',
	side: {baseline: 'cyan', candidate: 'magentaBright'} satisfies Record<Side, string>,
	health: {ok: 'green', down: 'red', unknown: 'gray'},
} as const;

export function verdictStyle(verdict: Verdict): {symbol: string; color: string} {
	return {symbol: verdictSymbol[verdict], color: verdictColor[verdict]};
}

export const spinnerFrames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
