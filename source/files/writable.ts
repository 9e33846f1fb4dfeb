// Whether a report can be written to a path, asked before a run starts (so a run is never wasted on a bad --out).
import {constants} from 'node:fs';
import {access, stat} from 'node:fs/promises';
import path from 'node:path';
import {UsageError} from '../errors.js';
import {describeFsError} from './durable-write.js';

export async function checkWritable(file: string): Promise<void> {
	const info = await stat(file).catch(() => undefined);
	if (info?.isDirectory()) throw new UsageError(`--out ${file} is a folder; give a file name`);
	if (info && !info.isFile()) throw new UsageError(`--out ${file} is not a regular file; give a file name`);
	try {
		await access(info ? file : path.dirname(path.resolve(file)), constants.W_OK);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const reason = code === 'ENOENT' ? 'its folder does not exist' : describeFsError(error);
		throw new UsageError(`--out ${file} cannot be written (${reason}); nothing was run`);
	}
}
