// The terminal's size, following resizes, so the root can be exactly as tall as the screen.
import {useEffect, useState} from 'react';

export type TerminalSize = {columns: number; rows: number};

function read(stdout: NodeJS.WriteStream): TerminalSize {
	return {columns: stdout.columns || 80, rows: stdout.rows || 24};
}

export function useTerminalSize(stdout: NodeJS.WriteStream, onResize?: () => void): TerminalSize {
	const [size, setSize] = useState(() => read(stdout));
	useEffect(() => {
		const update = () => {
			onResize?.();
			setSize(read(stdout));
		};

		stdout.on('resize', update);
		return () => {
			stdout.off('resize', update);
		};
	}, [stdout, onResize]);
	return size;
}
