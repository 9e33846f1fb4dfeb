// The bottom line: spinner and toast (or the open prompt) on the left, context key hints on the right.
import {Box, Text} from 'ink';
import React, {memo} from 'react';
import {redact} from '../../targets/secrets.js';
import type {Hint} from '../keys/contexts.js';
import type {Overlay, Toast} from '../model/state.js';
import {clip, wordWrap} from '../format.js';
import {spinnerFrames, theme} from '../theme.js';

export type FooterProps = {
	width: number;
	frame: number;
	busy?: string;
	toast?: Toast;
	prompt?: Extract<Overlay, {kind: 'prompt'}>;
	/** A yes/no question (quit during a run), drawn where the toast goes. */
	question?: string;
	hints: Hint[];
};

/** Always in the footer outside text entry, whatever else has to go: how to get help and how to leave. */
const pinned = ['help', 'quit'];

const hintSize = (hint: Hint) => hint.label.length + hint.text.length + 2;

/** Room the footer line keeps for the pinned hints when a toast shares it. */
const toastReserve = 16;
/** A toast longer than this many lines is cut (a path is never that long at 40 columns). */
const maxToastLines = 4;

/**
 * The lines a toast takes above the footer line: none when it fits next to the pinned hints; else the whole message
 * wrapped to the width (a file's full path is what the user needs, never cut at the edge).
 */
export function toastLines(toast: Toast | undefined, width: number): string[] {
	if (!toast) return [];
	const message = redact(toast.message);
	// Counted with the spinner's two columns, whether it spins or not: the footer's height must not hinge on it.
	if ([...message].length + 2 <= width - toastReserve) return [];
	return wordWrap(message, width).slice(0, maxToastLines);
}

/** The footer's height: one line, plus a long toast's lines (not while a prompt or a question holds the line). */
export function footerHeightFor(toast: Toast | undefined, width: number, holdsLine = false): number {
	return 1 + (holdsLine ? 0 : toastLines(toast, width).length);
}

/** As many hints as fit in `width`, in order; `? help` and `q quit` are kept first and shown last. */
export function fitHints(hints: Hint[], width: number): Hint[] {
	const kept = hints.filter(hint => hint.action && pinned.includes(hint.action));
	const shown: Hint[] = [];
	let used = kept.reduce((sum, hint) => sum + hintSize(hint), 0);
	for (const hint of hints) {
		if (kept.includes(hint)) continue;
		if (used + hintSize(hint) > width) break;
		shown.push(hint);
		used += hintSize(hint);
	}

	return [...shown, ...kept];
}

export const Footer = memo(function Footer({width, frame, busy, toast, prompt, question, hints}: FooterProps) {
	// A toast is short-lived and says something the user asked for (file names, errors): it takes what the hints
	// would, down to a few columns of them.
	const wrapped = prompt || question ? [] : toastLines(toast, width);
	const inline = wrapped.length === 0 ? toast : undefined;
	const toastWidth = inline && !prompt ? [...redact(inline.message)].length + 1 + (busy ? 2 : 0) : 0;
	const pinnedWidth = hints.filter(hint => hint.action && pinned.includes(hint.action)).reduce((sum, hint) => sum + hintSize(hint), 0);
	const hintWidth = question ? Math.min(36, Math.floor(width * 0.45)) : prompt ? Math.min(40, Math.floor(width * 0.35)) : Math.max(pinnedWidth, Math.min(12, Math.floor(width * 0.55)), Math.min(Math.floor(width * 0.55), width - toastWidth - 1));
	const shown = fitHints(hints, hintWidth);
	const leftWidth = Math.max(10, width - hintWidth - 1);
	let left: React.ReactNode;
	if (question) {
		left = (
			<Text wrap="truncate" color={theme.warn} bold>
				{clip(question, leftWidth)}
			</Text>
		);
	} else if (prompt) {
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
		const message = redact(inline?.message ?? busy ?? '');
		const color = inline ? toastColor(inline) : theme.dim;
		left = (
			<Text wrap="truncate">
				<Text color={theme.warn}>{spinner}</Text>
				<Text color={color}>{clip(message, leftWidth - spinner.length)}</Text>
			</Text>
		);
	}

	const line = (
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
	if (wrapped.length === 0) return line;
	return (
		<Box flexDirection="column" width={width} height={wrapped.length + 1}>
			{wrapped.map((part, index) => (
				<Text key={index} color={toastColor(toast!)}>
					{part}
				</Text>
			))}
			{line}
		</Box>
	);
});

function toastColor(toast: Toast): string {
	return toast.level === 'error' ? theme.error : toast.level === 'warn' ? theme.warn : theme.info;
}
