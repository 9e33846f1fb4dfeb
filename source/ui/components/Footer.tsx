// The bottom line: spinner and toast (or the open prompt) on the left, context key hints on the right.
import {Box, Text} from 'ink';
import React, {memo} from 'react';
import {redact} from '../../targets/secrets.js';
import type {Hint} from '../keys/contexts.js';
import type {Overlay, Toast} from '../model/state.js';
import {clip} from '../format.js';
import {spinnerFrames, theme} from '../theme.js';

export type FooterProps = {
	width: number;
	frame: number;
	busy?: string;
	toast?: Toast;
	prompt?: Extract<Overlay, {kind: 'prompt'}>;
	hints: Hint[];
};

/** As many hints as fit in `width`, then "? help". */
export function fitHints(hints: Hint[], width: number): Hint[] {
	const shown: Hint[] = [];
	let used = 0;
	for (const hint of hints) {
		const size = hint.label.length + hint.text.length + 3;
		if (used + size > width) break;
		shown.push(hint);
		used += size;
	}

	return shown;
}

export const Footer = memo(function Footer({width, frame, busy, toast, prompt, hints}: FooterProps) {
	// A toast is short-lived and says something the user asked for (file names, errors): it takes what the hints
	// would, down to a few columns of them.
	const toastWidth = toast && !prompt ? [...redact(toast.message)].length + 1 : 0;
	const hintWidth = prompt ? Math.min(40, Math.floor(width * 0.35)) : Math.max(Math.min(12, Math.floor(width * 0.55)), Math.min(Math.floor(width * 0.55), width - toastWidth - 1));
	const shown = fitHints(hints, hintWidth);
	const leftWidth = Math.max(10, width - hintWidth - 1);
	let left: React.ReactNode;
	if (prompt) {
		left = (
			<Text wrap="truncate">
				<Text color={theme.key} bold>
					{prompt.label}
				</Text>{' '}
				{clip(prompt.value, Math.max(4, leftWidth - prompt.label.length - 3))}
				<Text inverse> </Text>
			</Text>
		);
	} else {
		const spinner = busy ? `${spinnerFrames[frame % spinnerFrames.length]} ` : '';
		// Toasts carry error messages from anywhere (targets, files, the engine): scrubbed as they are drawn.
		const message = redact(toast?.message ?? busy ?? '');
		const color = toast ? (toast.level === 'error' ? theme.error : toast.level === 'warn' ? theme.warn : theme.info) : theme.dim;
		left = (
			<Text wrap="truncate">
				<Text color={theme.warn}>{spinner}</Text>
				<Text color={color}>{clip(message, leftWidth - spinner.length)}</Text>
			</Text>
		);
	}

	return (
		<Box width={width} height={1}>
			<Box width={leftWidth} overflow="hidden">
				{left}
			</Box>
			<Box flexGrow={1} justifyContent="flex-end" overflow="hidden">
				<Text wrap="truncate">
					{shown.map((hint, index) => (
						<Text key={hint.label + hint.text}>
							{index > 0 ? ' ' : ''}
							<Text color={theme.key} bold>
								{hint.label}
							</Text>
							<Text color={theme.dim}> {hint.text}</Text>
						</Text>
					))}
				</Text>
			</Box>
		</Box>
	);
});
