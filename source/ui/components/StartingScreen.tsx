// The first frame: the explorer's frame with nothing loaded yet. It needs only Ink and a few light components, so
// it is on screen while the engine, the profile store and the catalog are still being loaded.
import {Box, Text, useInput, useStdout, type Key} from 'ink';
import React from 'react';
import {emptySummary} from '../../domain.js';
import {useTerminalSize} from '../hooks/use-terminal-size.js';
import {useTicker} from '../hooks/use-ticker.js';
import {theme} from '../theme.js';
import {Footer} from './Footer.js';
import {Header} from './Header.js';
import {screenGeometry} from './screen.js';
import {hintsFor} from '../keys/contexts.js';

const counts = emptySummary();
const starting = {phase: 'starting' as const, message: 'starting…'};
// The two keys that work while starting (help opens once loaded; q quits at once), labelled from the keymap.
const startingHints = hintsFor(['global']).filter(hint => hint.action === 'help' || hint.action === 'quit');

export function StartingScreen({onKey}: {onKey?: (input: string, key: Key) => void}) {
	const {stdout} = useStdout();
	const {columns, rows} = useTerminalSize(stdout);
	const frame = useTicker(true);
	// Raw mode from the first frame, so keys pressed while loading are not echoed over the screen; they are kept
	// and handed to the explorer once it is there.
	useInput((input, key) => onKey?.(input, key));
	const {height, bodyHeight, split, matrixWidth} = screenGeometry({columns, rows});
	return (
		<Box flexDirection="column" width={columns} height={height} overflow="hidden">
			<Header width={columns} connection={starting} health={{}} counts={counts} />
			<Box height={bodyHeight} width={columns}>
				<Box flexDirection="column" width={matrixWidth} height={bodyHeight} borderStyle="round" borderColor={theme.focusBorder}>
					<Text bold>Matrix</Text>
					<Text color={theme.dim}>loading checks…</Text>
				</Box>
				{split ? (
					<Box flexDirection="column" width={columns - matrixWidth} height={bodyHeight} borderStyle="round" borderColor={theme.border} paddingX={1}>
						<Text color={theme.dim}>starting…</Text>
					</Box>
				) : null}
			</Box>
			<Footer width={columns} frame={frame} busy="starting…" hints={startingHints} />
		</Box>
	);
}
