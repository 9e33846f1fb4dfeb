// Temporary folders a test file makes, removed when the file's tests end (whether they passed or not), so no run
// leaves folders behind in the system's temporary folder.
import {mkdtempSync, rmSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterAll} from 'vitest';

const made: string[] = [];

afterAll(() => {
	for (const folder of made.splice(0)) rmSync(folder, {recursive: true, force: true});
});

/** A fresh folder under the temporary folder, removed after the file's tests. */
export function tempFolder(prefix: string): string {
	const folder = mkdtempSync(path.join(os.tmpdir(), prefix));
	made.push(folder);
	return folder;
}
