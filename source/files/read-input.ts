// Reading a file the user named (a profile, a check file): only a regular file, of a bounded size, holding text.
// A FIFO, a folder, a device such as /dev/zero, a huge or a binary file is refused at once with a clear message,
// before any parsing (so parse time stays linear in a size we chose).
import {closeSync, constants, fstatSync, openSync, readSync} from 'node:fs';
import {ConfigError} from '../errors.js';
import {describeFsError} from './durable-write.js';

/** Profiles and check files are a few KB (the largest shipped check file is 15 KB); YAML parsing is not linear beyond. */
export const maxInputBytes = 256 * 1024;

function kindOf(stats: ReturnType<typeof fstatSync>): string {
	if (stats.isDirectory()) return 'a folder';
	if (stats.isFIFO()) return 'a FIFO (named pipe)';
	if (stats.isCharacterDevice()) return 'a character device';
	if (stats.isBlockDevice()) return 'a block device';
	if (stats.isSocket()) return 'a socket';
	return 'not a regular file';
}

/** The file's text, or a ConfigError naming the file and what is wrong with it. */
export function readInputText(file: string, {what = 'file', maxBytes = maxInputBytes}: {what?: string; maxBytes?: number} = {}): string {
	let fd: number;
	try {
		// Non-blocking: opening a FIFO nobody writes to must not hang.
		fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new ConfigError(code === 'ENOENT' ? `${what} not found` : `cannot read the ${what}: ${describeFsError(error)}`, {file});
	}

	try {
		const stats = fstatSync(fd);
		if (!stats.isFile()) throw new ConfigError(`the ${what} is ${kindOf(stats)}, not a regular file; give the path of a regular file`, {file});
		if (stats.size > maxBytes) throw new ConfigError(`the ${what} is ${(stats.size / 1024 / 1024).toFixed(1)} MB; the limit is ${maxBytes / 1024} KB (is it the right file?)`, {file});
		const buffer = Buffer.alloc(Math.min(stats.size, maxBytes) + 1);
		let length = 0;
		for (;;) {
			const read = readSync(fd, buffer, length, buffer.length - length, null);
			if (read === 0) break;
			length += read;
			if (length > maxBytes) throw new ConfigError(`the ${what} is larger than ${maxBytes / 1024} KB (it grew while being read)`, {file});
		}

		const bytes = buffer.subarray(0, length);
		if (bytes.includes(0)) throw new ConfigError(`the ${what} holds binary content (NUL bytes), not text`, {file});
		let text: string;
		try {
			text = new TextDecoder('utf-8', {fatal: true}).decode(bytes);
		} catch {
			throw new ConfigError(`the ${what} is not UTF-8 text (binary content?); save it as UTF-8 YAML`, {file});
		}

		return text;
	} catch (error) {
		if (error instanceof ConfigError) throw error;
		throw new ConfigError(`cannot read the ${what}: ${describeFsError(error)}`, {file});
	} finally {
		closeSync(fd);
	}
}
