// The base image's distribution, from /etc/os-release.
import {describeOs, parseOsRelease} from '../os-release.js';
import type {CallOptions, ContainerRuntime} from '../runtime.js';
import {readContainerFile} from './read-file.js';

export async function collectOs(runtime: ContainerRuntime, options: CallOptions = {}): Promise<Record<string, unknown>> {
	const read = await readContainerFile(runtime, '/etc/os-release', options);
	if (read.text === undefined) return {os: 'unknown', osError: '/etc/os-release not found', osRead: read.via, summary: 'no /etc/os-release'};
	const release = parseOsRelease(read.text);
	const os = describeOs(release) ?? 'unknown';
	return {os, osId: release.ID, osVersion: release.VERSION_ID ?? release.VERSION, osRead: read.via, summary: `${os} (ID=${release.ID ?? '?'})`};
}
