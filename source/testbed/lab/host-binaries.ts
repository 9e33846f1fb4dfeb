// Host programs copied into a lab image's root folder, with every shared library `ldd` lists for them at the same
// absolute path (the loader goes to /lib64). glibc reads /etc/passwd and /etc/group without NSS modules.
import {chmod, copyFile, mkdir} from 'node:fs/promises';
import {existsSync, realpathSync} from 'node:fs';
import path from 'node:path';
import {execa} from 'execa';

/** The absolute paths of the libraries a dynamically linked program needs ([] for a static one). */
export async function sharedLibraries(binary: string): Promise<string[]> {
	const result = await execa('ldd', [binary], {reject: false, stdin: 'ignore', timeout: 10_000, env: {LC_ALL: 'C'}});
	if (result.exitCode !== 0) {
		if (/not a dynamic executable|statically linked/i.test(`${result.stdout}${result.stderr}`)) return [];
		throw new Error(`ldd ${binary} failed: ${(result.stderr || result.stdout).trim().split('\n')[0]}`);
	}

	const libraries: string[] = [];
	for (const line of result.stdout.split('\n')) {
		const match = /=>\s*(\/\S+)/.exec(line) ?? /^\s*(\/\S+)\s+\(0x/.exec(line);
		if (match) libraries.push(match[1]!);
	}

	return libraries;
}

/** Where a program lives on this machine, following symlinks (/bin/sh → /usr/bin/dash), or undefined. */
export function hostProgram(name: string): string | undefined {
	const folders = (process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(':').concat(['/usr/bin', '/bin']);
	for (const folder of folders) {
		const candidate = path.join(folder, name);
		if (existsSync(candidate)) return realpathSync(candidate);
	}

	return undefined;
}

async function place(root: string, source: string, destination: string, mode: number): Promise<void> {
	const target = path.join(root, destination);
	await mkdir(path.dirname(target), {recursive: true});
	await copyFile(source, target);
	await chmod(target, mode);
}

/** Copy a program to `destination` inside root, and its libraries to their own paths. */
export async function installProgram(root: string, source: string, destination: string): Promise<void> {
	await place(root, source, destination, 0o755);
	for (const library of await sharedLibraries(source)) {
		if (!existsSync(path.join(root, library))) await place(root, library, library, 0o755);
	}
}
