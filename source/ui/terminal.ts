// The terminal around the explorer: the alternate screen, and putting everything back however the app ends
// (q, Ctrl+C, SIGTERM, SIGHUP, an uncaught exception). Restoring is synchronous so it also works at crash time.

const enterAlternate = '\u001B[?1049h\u001B[H\u001B[2J';
const leaveAlternate = '\u001B[?1049l';
const showCursor = '\u001B[?25h';
const hideCursor = '\u001B[?25l';
const resetAttributes = '\u001B[0m';
/** Synchronized output off, in case a crash came mid-frame. */
const endSynchronized = '\u001B[?2026l';

export type Screen = {
	/** Clear the alternate screen (after a resize, before a full redraw). */
	clear(): void;
	/** Leave the alternate screen and restore the cursor and the input mode. Idempotent. */
	restore(): void;
	readonly restored: boolean;
};

export function enterAlternateScreen(stdout: NodeJS.WriteStream = process.stdout, stdin: NodeJS.ReadStream = process.stdin): Screen {
	let restored = false;
	stdout.write(enterAlternate + hideCursor);
	return {
		clear() {
			if (!restored) stdout.write('\u001B[H\u001B[2J');
		},
		restore() {
			if (restored) return;
			restored = true;
			try {
				if (stdin.isTTY && stdin.isRaw) stdin.setRawMode(false);
			} catch {
				// The input may already be closed (SIGHUP); the screen still has to be restored.
			}

			try {
				stdout.write(endSynchronized + resetAttributes + showCursor + leaveAlternate);
			} catch {
				// Nothing more can be done for a closed terminal.
			}
		},
		get restored() {
			return restored;
		},
	};
}

export type ExitGuards = {dispose(): void};

/**
 * Route every way out through `onSignal` / `onCrash`, and restore the screen on a plain process exit as a last
 * resort. Our own listeners also keep Ink's signal-exit from killing the process before the cleanup ran.
 */
export function installExitGuards(screen: Screen, handlers: {onSignal(signal: NodeJS.Signals): void; onCrash(error: unknown): void}): ExitGuards {
	const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT'];
	const onSignal = (signal: NodeJS.Signals) => handlers.onSignal(signal);
	const onCrash = (error: unknown) => handlers.onCrash(error);
	const onExit = () => screen.restore();
	for (const signal of signals) process.on(signal, onSignal);
	process.on('uncaughtException', onCrash);
	process.on('unhandledRejection', onCrash);
	process.on('exit', onExit);
	return {
		dispose() {
			for (const signal of signals) process.off(signal, onSignal);
			process.off('uncaughtException', onCrash);
			process.off('unhandledRejection', onCrash);
			process.off('exit', onExit);
		},
	};
}

/** Console output would tear the frame; keep it and show it as a toast instead. */
export function captureConsole(onLine: (line: string, level: 'info' | 'warn' | 'error') => void): () => void {
	const original = {log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug};
	const forward = (level: 'info' | 'warn' | 'error') => (...values: unknown[]) => onLine(values.map(value => (typeof value === 'string' ? value : String(value))).join(' '), level);
	console.log = forward('info');
	console.info = forward('info');
	console.debug = () => undefined;
	console.warn = forward('warn');
	console.error = forward('error');
	return () => Object.assign(console, original);
}
