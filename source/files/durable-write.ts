// Saving a file so that a crash or a full disk can never leave it half-written: the new content goes to a temporary
// file in the same folder (created owner-only and exclusively), every write is checked, the file is flushed to disk,
// read back and compared, and only then renamed over the old one. On any failure the temporary file is removed, the
// old file is untouched, and the error says what happened in plain words.
import {closeSync, fsyncSync, openSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeSync} from 'node:fs';
import {hostname} from 'node:os';
import path from 'node:path';
import {randomBytes} from 'node:crypto';

export class DurableWriteError extends Error {
	override name = 'DurableWriteError';
	constructor(
		message: string,
		readonly code: string | undefined,
	) {
		super(message);
	}
}

/** A plain-words reason for a file-system error code. */
export function describeFsError(error: unknown): string {
	const code = (error as NodeJS.ErrnoException)?.code;
	switch (code) {
		case 'ENOSPC':
			return 'the disk is full (ENOSPC)';
		case 'EDQUOT':
			return 'the disk quota is used up (EDQUOT)';
		case 'EACCES':
		case 'EPERM':
			return `permission denied (${code}): check the owner and mode of the file and its folder`;
		case 'EROFS':
			return 'the file system is read-only (EROFS)';
		case 'EISDIR':
			return 'it is a folder, not a file (EISDIR)';
		case 'ENOTDIR':
			return 'a part of the path is not a folder (ENOTDIR)';
		case 'EIO':
			return 'an input/output error from the disk (EIO)';
		default:
			return code ? `${(error as Error).message} (${code})` : String((error as Error)?.message ?? error);
	}
}

/** The write used for the content; replaceable in tests to inject a short write. */
export type WriteChunk = (fd: number, data: Buffer, offset: number, length: number) => number;
const defaultWrite: WriteChunk = (fd, data, offset, length) => writeSync(fd, data, offset, length);

const tempPattern = /^\.(.+)\.(\d+)\.([\w-]+)\.([0-9a-f]+)\.tmp$/;

function temporaryName(file: string): string {
	return path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${hostname().replaceAll(/[^\w-]/g, '_')}.${randomBytes(4).toString('hex')}.tmp`);
}

function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Remove temporary files a crashed save of `file` left behind (only those whose process is gone). */
export function removeLeftovers(file: string): number {
	let removed = 0;
	let names: string[];
	try {
		names = readdirSync(path.dirname(file));
	} catch {
		return 0;
	}

	const host = hostname().replaceAll(/[^\w-]/g, '_');
	for (const name of names) {
		const match = tempPattern.exec(name);
		if (!match || match[1] !== path.basename(file)) continue;
		const pid = Number(match[2]);
		if (match[3] === host && pid !== process.pid && processAlive(pid)) continue;
		if (match[3] !== host && Date.now() - (statSync(path.join(path.dirname(file), name), {throwIfNoEntry: false})?.mtimeMs ?? 0) < 60_000) continue;
		try {
			unlinkSync(path.join(path.dirname(file), name));
			removed++;
		} catch {
			// Another process may have just removed it.
		}
	}

	return removed;
}

export type DurableWriteOptions = {mode?: number; write?: WriteChunk};

/** Replace `file` with `content`, all or nothing (see the header). Throws DurableWriteError. */
export function writeDurably(file: string, content: string | Buffer, {mode = 0o600, write = defaultWrite}: DurableWriteOptions = {}): void {
	const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
	const temporary = temporaryName(file);
	let fd: number | undefined;
	let step = 'creating a temporary file';
	try {
		fd = openSync(temporary, 'wx', mode);
		step = 'writing the temporary file';
		let offset = 0;
		while (offset < data.length) {
			const written = write(fd, data, offset, data.length - offset);
			// A write that makes no progress would loop forever; the disk said no.
			if (!(written > 0)) throw Object.assign(new Error('the disk accepted no more bytes'), {code: 'ENOSPC'});
			offset += written;
		}

		step = 'flushing the temporary file to disk';
		fsyncSync(fd);
		closeSync(fd);
		fd = undefined;
		step = 'reading the temporary file back';
		const back = readFileSync(temporary);
		if (!back.equals(data)) throw Object.assign(new Error(`read back ${back.length} of ${data.length} bytes, not what was written`), {code: 'EIO'});
		step = 'renaming the temporary file over the old one';
		renameSync(temporary, file);
	} catch (error) {
		if (fd !== undefined) {
			try {
				closeSync(fd);
			} catch {
				// Already failing; the original error matters.
			}
		}

		try {
			unlinkSync(temporary);
		} catch {
			// It may not exist (the open failed).
		}

		throw new DurableWriteError(`${describeFsError(error)} while ${step} in ${path.dirname(file)}`, (error as NodeJS.ErrnoException).code);
	}

	// The rename is durable once the folder's entry is on disk too (best effort: not every file system allows it).
	try {
		const folder = openSync(path.dirname(file), 'r');
		try {
			fsyncSync(folder);
		} finally {
			closeSync(folder);
		}
	} catch {
		// Not fatal: the content itself is on disk.
	}
}
