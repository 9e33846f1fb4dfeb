// The first of several paths that exists in the container (e.g. the LLMRouter training entrypoint).
import type {CallOptions, ContainerRuntime} from '../runtime.js';
import {pathExists} from './read-file.js';

export async function collectFirstPath(runtime: ContainerRuntime, paths: string[], fact: string, options: CallOptions = {}): Promise<Record<string, unknown>> {
	for (const candidate of paths) {
		if (await pathExists(runtime, candidate, options)) return {[fact]: candidate, searched: paths, summary: `${fact}: ${candidate}`};
	}

	return {searched: paths, summary: `none of ${paths.length} paths exists`};
}
