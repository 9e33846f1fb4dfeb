// The client path's handle on the mirror worker: it hands over requests and baseline answers in batches (one message
// every few milliseconds, bodies moved rather than copied twice), counts what is outstanding so the worker's
// backlog stays bounded, and turns the worker's reports back into calls. A worker that dies is replaced; the requests
// it held are reported as dropped.
import {existsSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {Worker} from 'node:worker_threads';
import {packageRoot} from '../paths.js';
import {registeredSecrets} from '../targets/secrets.js';
import type {MirrorDone, MirrorSettings, ToMirror} from './mirror-protocol.js';

/** The built worker next to this module; from the TypeScript sources (tests) the one in dist/. */
function workerPath(): string {
	const sibling = fileURLToPath(new URL('mirror-worker.js', import.meta.url));
	return existsSync(sibling) ? sibling : path.join(packageRoot, 'dist/source/shadow/mirror-worker.js');
}

/** A copy in an ArrayBuffer of its own: pooled Buffers share theirs, and moving that would empty the pool. */
export function ownBytes(bytes: Uint8Array): Uint8Array {
	return new Uint8Array(bytes);
}

const batchMs = 2;

export class MirrorClient {
	readonly #settings: Omit<MirrorSettings, 'secrets'>;
	readonly #onDone: (done: MirrorDone) => void;
	readonly #workerPath: string;
	#worker?: Worker;
	#batch: ToMirror[] = [];
	#transfer: ArrayBuffer[] = [];
	#flushScheduled = false;
	#secretsSent = 0;
	#listening = false;
	/** Requests handed over and not yet reported done. */
	readonly #outstanding = new Map<number, string>();
	#idleWaiters: Array<() => void> = [];
	#closed = false;

	/** `workerPath` is for tests (a worker that dies); the mirror worker otherwise. */
	constructor(settings: Omit<MirrorSettings, 'secrets'>, onDone: (done: MirrorDone) => void, {workerPath: path = workerPath()}: {workerPath?: string} = {}) {
		this.#settings = settings;
		this.#onDone = onDone;
		this.#workerPath = path;
	}

	get outstanding(): number {
		return this.#outstanding.size;
	}

	/** Hand a request over; false when the worker's backlog is full (the caller counts the drop). */
	request(message: Extract<ToMirror, {type: 'request'}>): boolean {
		if (this.#closed || this.#outstanding.size >= this.#settings.maxInFlight + this.#settings.maxQueue) return false;
		this.#outstanding.set(message.id, message.route);
		if (message.body) message.body = this.#moved(message.body);
		this.#post(message);
		return true;
	}

	baseline(message: Extract<ToMirror, {type: 'baseline'}>): void {
		if (!this.#outstanding.has(message.id)) return;
		if (message.answer) message.answer.body = this.#moved(message.answer.body);
		this.#post(message);
	}

	listening(on: boolean): void {
		if (on === this.#listening) return;
		this.#listening = on;
		this.#post({type: 'listening', on});
	}

	/** Resolves once every request handed over has been reported done. */
	idle(): Promise<void> {
		if (this.#outstanding.size === 0) return Promise.resolve();
		return new Promise(resolve => this.#idleWaiters.push(resolve));
	}

	async close(): Promise<void> {
		this.#closed = true;
		const worker = this.#worker;
		this.#worker = undefined;
		if (!worker) return;
		worker.postMessage({type: 'close'});
		// The worker closes its connections and ends; one that does not within a second is stopped.
		await Promise.race([new Promise(resolve => worker.once('exit', resolve)), new Promise(resolve => setTimeout(resolve, 1000).unref())]);
		await worker.terminate();
	}

	#moved(bytes: Uint8Array): Uint8Array {
		const own = ownBytes(bytes);
		this.#transfer.push(own.buffer as ArrayBuffer);
		return own;
	}

	#post(message: ToMirror): void {
		this.#batch.push(message);
		if (this.#flushScheduled) return;
		this.#flushScheduled = true;
		// A few ms of batching: under load one message carries dozens of requests (postMessage is the client path's
		// main cost of mirroring), and the mirror is not in a hurry.
		setTimeout(() => this.#flush(), batchMs);
	}

	#flush(): void {
		this.#flushScheduled = false;
		if (this.#batch.length === 0 || this.#closed) return;
		const worker = this.#ensureWorker();
		const secrets = registeredSecrets();
		if (secrets.length !== this.#secretsSent) {
			this.#batch.unshift({type: 'secrets', secrets});
			this.#secretsSent = secrets.length;
		}

		const batch = this.#batch;
		const transfer = this.#transfer;
		this.#batch = [];
		this.#transfer = [];
		worker.postMessage(batch, transfer);
	}

	#ensureWorker(): Worker {
		if (this.#worker) return this.#worker;
		const secrets = registeredSecrets();
		this.#secretsSent = secrets.length;
		const worker = new Worker(this.#workerPath, {workerData: {...this.#settings, secrets} satisfies MirrorSettings});
		worker.unref();
		worker.on('message', (reports: MirrorDone[]) => {
			for (const done of reports) this.#done(done);
		});
		const lost = () => {
			if (this.#worker !== worker) return;
			this.#worker = undefined;
			// The requests it held will never be reported: they are drops, and the next request starts a new worker.
			for (const [id, route] of [...this.#outstanding]) this.#done({type: 'done', id, route, drop: 'full'});
			if (this.#listening) this.#batch.unshift({type: 'listening', on: true});
		};

		worker.on('error', lost);
		worker.on('exit', lost);
		this.#worker = worker;
		return worker;
	}

	#done(done: MirrorDone): void {
		if (!this.#outstanding.delete(done.id)) return;
		this.#onDone(done);
		if (this.#outstanding.size > 0) return;
		const waiters = this.#idleWaiters;
		this.#idleWaiters = [];
		for (const resolve of waiters) resolve();
	}
}
