// A small harness around Ink's render (ink-testing-library is stale and fixed at 100 columns): a fake terminal
// with a settable size, keys sent through a fake stdin, the latest frame, and waits that poll instead of sleeping.
import {EventEmitter} from 'node:events';
import {mkdtemp} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {render} from 'ink';
import React from 'react';
import {loadCatalog, type Catalog} from '../../source/catalog/catalog.js';
import {historyDirectory} from '../../source/history/history.js';
import type {ProfileChoice} from '../../source/targets/choose-profile.js';
import {ProfileStore} from '../../source/targets/profiles.js';
import {Explorer} from '../../source/ui/Explorer.js';
import {createExplorerStore, type ExplorerStore} from '../../source/ui/model/store.js';
import type {EngineBackend} from '../../source/ui/host/backend.js';
import {Session} from '../../source/ui/session.js';

const ansi = /\u001B\[[0-9;?]*[ -/]*[@-~]/g;

export class FakeStdout extends EventEmitter {
	frames: string[] = [];
	// Not a TTY: Ink then writes plain frames (no cursor codes), which is what the assertions read.
	readonly isTTY = false;
	constructor(
		public columns: number,
		public rows: number,
	) {
		super();
	}

	write(chunk: string | Uint8Array): boolean {
		this.frames.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
		return true;
	}

	resize(columns: number, rows: number): void {
		this.columns = columns;
		this.rows = rows;
		this.emit('resize');
	}
}

export class FakeStdin extends EventEmitter {
	readonly isTTY = true;
	isRaw = false;
	#pending: string[] = [];

	setRawMode(value: boolean): this {
		this.isRaw = value;
		return this;
	}

	setEncoding(): this {
		return this;
	}

	ref(): this {
		return this;
	}

	unref(): this {
		return this;
	}

	resume(): this {
		return this;
	}

	pause(): this {
		return this;
	}

	read(): string | null {
		return this.#pending.shift() ?? null;
	}

	/** One read() worth of input, as a terminal would deliver one keypress (or one paste). */
	send(data: string): void {
		this.#pending.push(data);
		this.emit('readable');
	}
}

export const keys = {
	up: '\u001B[A',
	down: '\u001B[B',
	right: '\u001B[C',
	left: '\u001B[D',
	enter: '\r',
	escape: '\u001B',
	tab: '\t',
	backspace: '\u007F',
	ctrlU: '\u0015',
	ctrlC: '\u0003',
} as const;

export type HarnessOptions = {
	columns?: number;
	rows?: number;
	choice?: ProfileChoice;
	/** The profile store's folder (a fresh temp folder by default). */
	home?: string;
	loadCatalog?: () => Promise<Catalog>;
	exportDirectory?: string;
	profileFolders?: string[];
	/** Where runs of everything are kept (default: the history folder of `home` used as LITELLM_PARITY_HOME). */
	historyDirectory?: string;
	/** Where targets open and runs execute (default: the real engine host, a child process). */
	backend?: EngineBackend;
	healthIntervalMs?: number;
};

/** A wait's timeout is only a guard against a hang: on a busy machine the condition may take long, never a failure. */
export const minimumWaitMs = 60_000;

export type Harness = Awaited<ReturnType<typeof renderExplorer>>;

export async function temporaryFolder(prefix = 'parity-ui-'): Promise<string> {
	return mkdtemp(path.join(tmpdir(), prefix));
}

export async function renderExplorer(options: HarnessOptions = {}) {
	const home = options.home ?? (await temporaryFolder());
	const stdout = new FakeStdout(options.columns ?? 160, options.rows ?? 45);
	const stdin = new FakeStdin();
	const profiles = new ProfileStore({cwd: home});
	const session = new Session(options.backend);
	const explorerStore: ExplorerStore = createExplorerStore();
	let exitCode: number | undefined;
	const instance = render(
		<Explorer
			choice={options.choice ?? {}}
			store={profiles}
			session={session}
			explorerStore={explorerStore}
			onExit={code => {
				exitCode = code;
			}}
			loadCatalog={options.loadCatalog}
			exportDirectory={options.exportDirectory}
			profileFolders={options.profileFolders}
			historyDirectory={options.historyDirectory ?? historyDirectory({LITELLM_PARITY_HOME: home})}
			healthIntervalMs={options.healthIntervalMs ?? 500}
		/>,
		{stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, debug: true, exitOnCtrlC: false, patchConsole: false},
	);

	const lastFrame = () => (stdout.frames.at(-1) ?? '').replace(ansi, '');

	/** Poll the latest frame (no fixed sleeps); fail with the frame we ended on. */
	const waitFor = async (predicate: (frame: string) => boolean, {timeout = minimumWaitMs, what = 'condition'}: {timeout?: number; what?: string} = {}): Promise<string> => {
		const deadline = Date.now() + Math.max(timeout, minimumWaitMs);
		for (;;) {
			const frame = lastFrame();
			if (predicate(frame)) return frame;
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last frame:\n${frame}`);
			await new Promise(resolve => setTimeout(resolve, 10));
		}
	};

	const waitForText = (text: string | RegExp, timeout?: number) => waitFor(frame => (typeof text === 'string' ? frame.includes(text) : text.test(frame)), {timeout, what: String(text)});

	/** Send keys one keypress at a time; each is read as its own chunk, like a person typing. */
	const press = async (...sequence: string[]) => {
		for (const data of sequence) {
			stdin.send(data);
			// Let Ink's input parser flush a lone Esc (it waits one macrotask to tell Esc from Alt+key).
			await new Promise(resolve => setImmediate(resolve));
			await new Promise(resolve => setImmediate(resolve));
		}
	};

	const type = async (text: string) => press(...[...text]);

	const cleanup = async () => {
		instance.unmount();
		await session.dispose();
	};

	return {stdout, stdin, home, profiles, session, store: explorerStore, instance, lastFrame, waitFor, waitForText, press, type, cleanup, exitCode: () => exitCode};
}

/** The shipped catalog cut down to some rows (by row id) or without some categories, for runs of "everything" that stay short. */
export async function shippedCatalog({rows, withoutCategories = []}: {rows?: string[]; withoutCategories?: string[]} = {}): Promise<Catalog> {
	const full = await loadCatalog();
	const keepRow = (id: string, category: string) => !withoutCategories.includes(category) && (!rows || rows.includes(id));
	const categories = full.categories
		.map(category => ({...category, rows: category.rows.filter(row => keepRow(row.id, category.id))}))
		.filter(category => category.rows.length > 0);
	return {
		categories,
		rows: full.rows.filter(row => keepRow(row.id, row.category)),
		checks: full.checks.filter(entry => keepRow(entry.row.id, entry.category.id)),
	};
}

/** The line of a frame that contains `text`. */
export function lineWith(frame: string, text: string): string {
	return frame.split('\n').find(line => line.includes(text)) ?? '';
}

/** The matrix pane's part of each line (the left box, before the detail pane's border). */
export function matrixPane(frame: string): string {
	return frame
		.split('\n')
		.map(line => line.split(/││|╮╭|╯╰/)[0] ?? '')
		.join('\n');
}

/** The matrix line of a row (by its feature text). */
export function matrixRow(frame: string, feature: string): string {
	return lineWith(matrixPane(frame), feature);
}
