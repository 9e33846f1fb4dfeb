// A lock for read-modify-write of one file across processes: a `<file>.lock` folder (mkdir is atomic) holding the
// owner's pid and host. A lock whose owner process is gone (a crashed save) is taken back at once, not after a
// timeout; a live owner is waited for briefly; a permission problem is reported as one.
import {mkdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {hostname} from 'node:os';
import {describeFsError} from './durable-write.js';

export type LockOwner = {pid: number; host: string; at: string};

export class LockError extends Error {
	override name = 'LockError';
	constructor(
		message: string,
		readonly kind: 'busy' | 'permission' | 'other',
	) {
		super(message);
	}
}

/** Waiting for another process's lock inside a synchronous write (the store's API is synchronous). */
function sleepSync(ms: number): void {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function readOwner(lock: string): LockOwner | undefined {
	try {
		const owner = JSON.parse(readFileSync(`${lock}/owner.json`, 'utf8')) as LockOwner;
		return typeof owner?.pid === 'number' ? owner : undefined;
	} catch {
		return undefined;
	}
}

/** A lock folder without an owner file is being created right now, or was left by an older version: stale after this. */
const ownerlessStaleMs = 5000;

export function withOwnerLock<T>(file: string, action: () => T, {waitMs = 5000}: {waitMs?: number} = {}): T {
	const lock = `${file}.lock`;
	const host = hostname();
	const started = Date.now();
	for (;;) {
		try {
			mkdirSync(lock, {mode: 0o700});
			try {
				writeFileSync(`${lock}/owner.json`, JSON.stringify({pid: process.pid, host, at: new Date().toISOString()} satisfies LockOwner), {mode: 0o600});
			} catch (error) {
				// No room for the owner file (a full disk): leave no ownerless lock behind.
				rmSync(lock, {recursive: true, force: true});
				throw error;
			}

			break;
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code !== 'EEXIST') {
				throw new LockError(`cannot take the lock ${lock}: ${describeFsError(error)}`, code === 'EACCES' || code === 'EPERM' || code === 'EROFS' ? 'permission' : 'other');
			}

			const owner = readOwner(lock);
			const ownerGone = owner ? owner.host === host && !alive(owner.pid) : Date.now() - (statSync(lock, {throwIfNoEntry: false})?.mtimeMs ?? 0) > ownerlessStaleMs;
			if (ownerGone) {
				// The save that held it crashed: take it back now.
				rmSync(lock, {recursive: true, force: true});
				continue;
			}

			if (Date.now() - started > waitMs) {
				throw new LockError(`another litellm-parity process${owner ? ` (pid ${owner.pid} on ${owner.host}, since ${owner.at})` : ''} is saving ${file}; nothing was saved, try again`, 'busy');
			}

			sleepSync(20);
		}
	}

	try {
		return action();
	} finally {
		rmSync(lock, {recursive: true, force: true});
	}
}
