// Before a run the targets are asked once; one that does not answer at all stops the run before it starts (as the
// headless run exits 2), with one line per target and the keys that go on from here, labelled from the keymap.
import {Box, Text} from 'ink';
import React, {memo} from 'react';
import {redact} from '../../targets/secrets.js';
import {keyLabel, keymap} from '../keys/keymap.js';
import {wordWrap} from '../format.js';
import {theme} from '../theme.js';

const choices = keymap.filter(binding => binding.context === 'preflight');

export const PreflightNotice = memo(function PreflightNotice({lines, label, width, height}: {lines: string[]; label: string; width: number; height: number}) {
	const inner = Math.max(10, width - 4);
	const keyWidth = Math.max(...choices.map(binding => keyLabel(binding).length)) + 1;
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={theme.error} paddingX={1} overflow="hidden">
			{wordWrap(`Nothing was run (${label}): ${lines.length === 1 ? 'a target does' : 'the targets do'} not answer`, inner).map((line, index) => (
				<Text key={`t${index}`} bold color={theme.error}>
					{line}
				</Text>
			))}
			<Text> </Text>
			{lines.flatMap((line, index) =>
				// The full line, wrapped: the URL and the cause are what the user needs to fix it.
				wordWrap(redact(line), inner).map((part, partIndex) => (
					<Text key={`${index}:${partIndex}`} color={theme.error}>
						{part}
					</Text>
				)),
			)}
			<Text> </Text>
			{choices.map(binding => (
				<Text key={binding.action} wrap="truncate">
					<Text color={theme.key}>{keyLabel(binding).padEnd(keyWidth)}</Text>
					{binding.description}
				</Text>
			))}
		</Box>
	);
});
