// The explorer's side of the engine host: forks dist/source/ui/host/engine-host.js and talks to it over IPC.
import {fork, type ChildProcess} from 'node:child_process';
import path from 'node:path';
import type {SelectedRow} from '../../catalog/catalog.js';
import type {RunEvent} from '../../domain.js';
import {Channel} from '../../engine/channel.js';
import type {Preflight} from '../../engine/preflight.js';
import type {RunFinished} from '../../engine/run.js';
import {packageRoot} from '../../paths.js';
import type {Profile} from '../../targets/profile-schema.js';
import {registerSecret} from '../../targets/secrets.js';
import type {EngineBackend, HostedRun} from './backend.js';
import type {ShadowOptions, ShadowProxy} from '../../shadow/proxy.js';
import type {HealthInfo, HostMessage, HostRequest, OpenedInfo, ShadowSnapshot} from './protocol.js';

/** The built host (tsc output): the explorer bundle and vitest both run it from dist/. */
export const engineHostPath = path.join(packageRoot, 'dist/source/ui/host/engine-host.js');
const exitWaitMs = 3000;

type Pending = {resolve: (value: unknown) => void; reject: (error: Error) => void};
type LiveRun = {channel: Channel<RunEvent>; resolve: (finished: RunFinished) => void; reject: (error: Error) => void};

export class ChildBackend implements EngineBackend {
	#child?: ChildProcess;
	#nextId = 1;
	readonly #pending = new Map<number, Pending>();
	readonly #runs = new Map<number, LiveRun>();
	#stderr = '';
	#disposed = false;
	#shadow: ShadowSnapshot = {totals: {requests: 0, mirrored: 0, compared: 0, differing: 0, dropped: 0, inFlight: 0, queued: 0, mirrorShare: 1}, routes: [], recent: {}};
	readonly #checksDirectory?: string;
	readonly hostPath: string;

	constructor({hostPath = engineHostPath, checksDirectory}: {hostPath?: string; checksDirectory?: string} = {}) {
		this.hostPath = hostPath;
		this.#checksDirectory = checksDirectory;
	}

	#start(): ChildProcess {
		if (this.#child) return this.#child;
		// No inherited exec arguments (a test runner's loaders) and no output on the explorer's screen.
		const child = fork(this.hostPath, [], {serialization: 'advanced', execArgv: [], stdio: ['ignore', 'ignore', 'pipe', 'ipc']});
		child.stderr?.on('data', (chunk: Buffer) => {
			this.#stderr = (this.#stderr + chunk.toString('utf8')).slice(-2000);
		});
		child.on('message', message => this.#receive(message as HostMessage));
		child.on('exit', (code, signal) => {
			if (this.#child === child) this.#child = undefined;
			const detail = this.#stderr.trim().split('\n').at(-1);
			const error = new Error(`the engine host stopped (${signal ?? `exit code ${code}`})${detail ? `: ${detail}` : ''}`);
			for (const pending of this.#pending.values()) pending.reject(error);
			this.#pending.clear();
			for (const run of this.#runs.values()) {
				run.channel.close();
				run.reject(error);
			}

			this.#runs.clear();
		});
		this.#child = child;
		return child;
	}

	#receive(message: HostMessage): void {
		switch (message.type) {
			case 'secrets':
				for (const value of message.values) registerSecret(value);
				return;
			case 'shadow-snapshot':
				this.#shadow = message.snapshot;
				return;
			case 'reply': {
				const pending = this.#pending.get(message.id);
				this.#pending.delete(message.id);
				if (!pending) return;
				if (message.ok) pending.resolve(message.value);
				// The field the error names (e.g. `profile 'x' baseline.url`) travels along, so `e` can open on it.
				else pending.reject(Object.assign(new Error(message.message), {path: message.path}));
				return;
			}

			case 'events': {
				const run = this.#runs.get(message.run);
				for (const event of message.events) run?.channel.push(event);
				return;
			}

			case 'finished':
			case 'failed': {
				const run = this.#runs.get(message.run);
				this.#runs.delete(message.run);
				if (!run) return;
				run.channel.close();
				if (message.type === 'finished') run.resolve(message.finished);
				else run.reject(new Error(message.message));
			}
		}
	}

	#send(request: HostRequest): void {
		this.#start().send(request);
	}

	async #ask<T>(make: (id: number) => HostRequest): Promise<T> {
		if (this.#disposed) throw new Error('the explorer is closing');
		const id = this.#nextId++;
		return new Promise<T>((resolve, reject) => {
			this.#pending.set(id, {resolve: resolve as (value: unknown) => void, reject});
			this.#send(make(id));
		});
	}

	async open(profile: Profile): Promise<OpenedInfo> {
		return this.#ask<OpenedInfo>(id => ({type: 'open', id, profile}));
	}

	async close(): Promise<void> {
		if (!this.#child) return;
		await this.#ask(id => ({type: 'close', id}));
	}

	async preflight(profile: Profile): Promise<Preflight> {
		return this.#ask<Preflight>(id => ({type: 'preflight', id, profile}));
	}

	run(rows: SelectedRow[], profile: Profile, signal: AbortSignal, preflight?: Preflight): HostedRun {
		const id = this.#nextId++;
		const channel = new Channel<RunEvent>();
		const finished = new Promise<RunFinished>((resolve, reject) => {
			this.#runs.set(id, {channel, resolve, reject});
		});
		finished.catch(() => undefined);
		signal.addEventListener('abort', () => this.#child?.send({type: 'cancel'} satisfies HostRequest), {once: true});
		this.#send({type: 'run', id, rows, profile, preflight});
		return {events: channel, finished};
	}

	/** The shadow proxy runs in the host next to the targets; this side reads the snapshots it pushes. */
	async shadow(options: Omit<ShadowOptions, 'targets'>): Promise<ShadowProxy> {
		const {url} = await this.#ask<{url: string}>(id => ({type: 'shadow', id, checksDirectory: this.#checksDirectory, expected: options.expected, candidateTimeoutMs: options.candidateTimeoutMs}));
		return {
			url,
			totals: () => this.#shadow.totals,
			routes: () => this.#shadow.routes,
			recent: route => this.#shadow.recent[route] ?? [],
			onExchange: () => () => undefined,
			settled: async () => undefined,
			close: async () => {
				await this.#ask(id => ({type: 'shadow-close', id})).catch(() => undefined);
			},
		};
	}

	async health(): Promise<HealthInfo | undefined> {
		if (!this.#child) return undefined;
		return this.#ask<HealthInfo | undefined>(id => ({type: 'health', id}));
	}

	/** Ask the host to close its targets, then end it (it also leaves by itself when the explorer's process goes). */
	async dispose(): Promise<void> {
		const child = this.#child;
		if (!child || this.#disposed) return;
		await this.close().catch(() => undefined);
		this.#disposed = true;
		const exited = new Promise(resolve => child.once('exit', resolve));
		child.disconnect();
		const timer = setTimeout(() => child.kill('SIGKILL'), exitWaitMs);
		await exited;
		clearTimeout(timer);
	}
}
