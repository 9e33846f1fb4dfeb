// Read a file from a container: `cat` through exec when the image has one, else `cp CONTAINER:PATH -`, which needs
// nothing inside the image (an image without a shell often has no cat either). Symlinks are followed by hand.
import path from 'node:path/posix';
import {executableMissing} from '../exec-outcome.js';
import type {CallOptions, ContainerRuntime} from '../runtime.js';
import {firstTarEntry} from '../tar-entry.js';

export type FileRead = {text?: string; via: 'cat' | 'cp'; missing?: boolean};

export async function readContainerFile(runtime: ContainerRuntime, file: string, options: CallOptions = {}): Promise<FileRead> {
	const cat = await runtime.exec(['cat', file], options);
	if (cat.exitCode === 0) return {text: cat.stdout, via: 'cat'};
	if (!executableMissing(cat)) return {via: 'cat', missing: true};
	return copyFile(runtime, file, options);
}

async function copyFile(runtime: ContainerRuntime, file: string, options: CallOptions, hops = 0): Promise<FileRead> {
	const archive = await runtime.copyOut(file, options);
	const entry = archive ? firstTarEntry(archive) : undefined;
	if (!entry) return {via: 'cp', missing: true};
	if (entry.type === 'symlink' && entry.linkName && hops < 5) {
		return copyFile(runtime, path.resolve(path.dirname(file), entry.linkName), options, hops + 1);
	}

	if (entry.type !== 'file') return {via: 'cp', missing: true};
	return {text: entry.content.toString('utf8'), via: 'cp'};
}

/** Whether a path exists in the container (file, link or folder), without running anything inside it. */
export async function pathExists(runtime: ContainerRuntime, file: string, options: CallOptions = {}): Promise<boolean> {
	const archive = await runtime.copyOut(file, options);
	return archive !== undefined && firstTarEntry(archive) !== undefined;
}
