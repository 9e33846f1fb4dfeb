// Entry of the explorer TUI: alternate screen and the first frame at once (the engine, the catalog and the targets
// load after it), and a clean way out whatever happens: q, Ctrl+C, SIGTERM, SIGHUP or a crash all restore the
// terminal and stop the run in flight and the embedded simulators.
import {render, type Key} from 'ink';
import React, {lazy, Suspense} from 'react';
import {errorMessage} from '../errors.js';
import type {ProfileChoice} from '../targets/choose-profile.js';
import {StartingScreen} from './components/StartingScreen.js';
import {createExplorerStore} from './model/store.js';
import type {Session} from './session.js';
import {captureConsole, enterAlternateScreen, installExitGuards} from './terminal.js';

/** Ink's frame rate cap; run events are batched to the same pace. */
export const maxFps = 20;
const disposeTimeoutMs = 3000;

const ExplorerEntry = lazy(() => import('./explorer-entry.js'));

export type TuiOptions = {
	/** Check files from this folder instead of the built-in checks/ (`--checks DIR`). */
	checksDirectory?: string;
};

export async function startTui(choice: ProfileChoice, options: TuiOptions = {}): Promise<number> {
	const screen = enterAlternateScreen();
	const explorerStore = createExplorerStore();
	const restoreConsole = captureConsole((line, level) => explorerStore.dispatch({type: 'toast', message: line, level}));
	let session: Session | undefined;
	const earlyKeys: Array<[string, Key]> = [];
	let instance: ReturnType<typeof render> | undefined;
	let finished = false;
	let resolveCode!: (code: number) => void;
	const code = new Promise<number>(resolve => {
		resolveCode = resolve;
	});

	const finish = async (exitCode: number, error?: unknown, {crash = true} = {}) => {
		if (finished) return;
		finished = true;
		try {
			instance?.unmount();
		} catch {
			// Unmounting a crashed tree may throw again; the screen is restored below either way.
		}

		screen.restore();
		restoreConsole();
		if (error !== undefined) {
			const detail = crash && error instanceof Error ? (error.stack ?? error.message) : errorMessage(error);
			process.stderr.write(`litellm-parity: ${crash ? 'the explorer crashed: ' : ''}${detail}\n`);
		}

		// Stop the run and the simulators, but never hang the way out on them.
		await Promise.race([session?.dispose().catch(() => undefined), new Promise(resolve => setTimeout(resolve, disposeTimeoutMs).unref())]);
		// Only now: while our signal listeners are installed, Ink's signal-exit does not kill the process mid-cleanup.
		guards.dispose();
		resolveCode(exitCode);
		// Anything still holding the event loop (a stuck socket) must not keep a quit app alive.
		setTimeout(() => process.exit(exitCode), 1000).unref();
	};

	const guards = installExitGuards(screen, {
		onSignal: signal => void finish(signal === 'SIGINT' ? 130 : signal === 'SIGHUP' ? 129 : 143),
		onCrash: error => void finish(1, error),
	});

	try {
		instance = render(
			<Suspense
				fallback={
					<StartingScreen
						onKey={(input, key) => {
							// q (or Ctrl+C) while the explorer is still loading leaves at once; other keys wait for it.
							if (input === 'q' || (key.ctrl && input === 'c')) void finish(0);
							else earlyKeys.push([input, key]);
						}}
					/>
				}
			>
				<ExplorerEntry
					choice={choice}
					checksDirectory={options.checksDirectory}
					explorerStore={explorerStore}
					onExit={exitCode => void finish(exitCode)}
					onSession={created => {
						session = created;
					}}
					onFatal={error => void finish(2, error, {crash: false})}
					earlyKeys={earlyKeys}
					onResize={() => {
						// After a resize the old frame is garbage: clear it and let the next render draw everything.
						instance?.clear();
						screen.clear();
					}}
				/>
			</Suspense>,
			{exitOnCtrlC: false, patchConsole: false, maxFps},
		);
		instance.waitUntilExit().then(
			() => void finish(0),
			(error: unknown) => void finish(1, error),
		);
	} catch (error) {
		await finish(1, error);
	}

	return code;
}
