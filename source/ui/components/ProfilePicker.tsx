// `p`: saved profiles and profiles/*.yaml; Enter switches (the old targets close, the new ones open).
import {Box, Text} from 'ink';
import React, {memo} from 'react';
import {fit} from '../format.js';
import type {PickerEntry} from '../model/state.js';
import {theme} from '../theme.js';
import {keysFor} from '../keys/keymap.js';

export const ProfilePicker = memo(function ProfilePicker({entries, index, current, width, height}: {entries: PickerEntry[]; index: number; current?: string; width: number; height: number}) {
	const listHeight = Math.max(1, height - 5);
	const start = Math.max(0, Math.min(index - Math.floor(listHeight / 2), entries.length - listHeight));
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={theme.focusBorder} paddingX={1} overflow="hidden">
			<Text bold>Profiles</Text>
			<Text color={theme.dim}>saved profiles first, then profiles/*.yaml · {keysFor('confirm', 'picker')} switches · {keysFor('close', 'picker')} closes</Text>
			{entries.length === 0 ? <Text color={theme.dim}>no profiles</Text> : null}
			{entries.slice(start, start + listHeight).map((entry, offset) => {
				const selected = start + offset === index;
				const active = entry.name === current;
				return (
					<Text key={`${entry.kind}:${entry.name}`} inverse={selected} wrap="truncate">
						{active ? '● ' : '  '}
						{fit(entry.name, 24)} <Text color={entry.kind === 'saved' ? theme.info : theme.dim}>{fit(entry.kind, 6)}</Text> <Text color={theme.dim}>{entry.description ?? ''}</Text>
					</Text>
				);
			})}
		</Box>
	);
});
