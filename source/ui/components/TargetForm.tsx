// `e`: every field of both targets (URL, keys, admin key, path prefix, upstream, OTLP port, MLflow, container), inline. Keys show one • per character while typed and masked otherwise.
import {Box, Text} from 'ink';
import React, {memo} from 'react';
import {maskSecret, redact} from '../../targets/secrets.js';
import {clip, fit} from '../format.js';
import type {FormField} from '../model/state.js';
import {theme} from '../theme.js';
import {keysFor} from '../keys/keymap.js';

export function displayValue(field: FormField, focused: boolean): string {
	if (!field.secret) return redact(field.value);
	if (focused) return '•'.repeat([...field.value].length);
	return field.value ? maskSecret(field.value) : '';
}

export const TargetForm = memo(function TargetForm({fields, index, width, height}: {fields: FormField[]; index: number; width: number; height: number}) {
	const inner = width - 4;
	// A short terminal shows a window of the fields around the focused one.
	const room = Math.max(1, height - 7);
	const first = fields.length <= room ? 0 : Math.max(0, Math.min(index - Math.floor(room / 2), fields.length - room));
	return (
		<Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={theme.focusBorder} paddingX={1} overflow="hidden">
			<Text bold>Edit targets</Text>
			<Text color={theme.dim} wrap="truncate">
				{`${keysFor('next-field', 'form', 2)} next field · ${keysFor('confirm', 'form')} applies and reconnects · ${keysFor('close', 'form')} discards · ${keysFor('save-profile')} saves afterwards`}
			</Text>
			<Text> </Text>
			{fields.slice(first, first + room).map((field, offset) => {
				const position = first + offset;
				const focused = position === index;
				const value = displayValue(field, focused);
				return (
					<Box key={field.id} flexDirection="column">
						<Text wrap="truncate">
							<Text color={focused ? theme.title : undefined} bold={focused}>
								{focused ? '▸ ' : '  '}
								{fit(field.label, 22)}
							</Text>
							{value ? <Text>{clip(value, inner - 26)}</Text> : <Text color={theme.dim}>{clip(field.placeholder ?? '', inner - 26)}</Text>}
							{focused ? <Text inverse> </Text> : null}
						</Text>
					</Box>
				);
			})}
			<Text> </Text>
			<Text color={theme.dim} wrap="truncate">
				Keys: {'${env.NAME}'} references are kept as written; a literal key is stored in your profile store (mode 600) and never shown unmasked.
			</Text>
		</Box>
	);
});
