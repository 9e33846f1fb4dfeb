// The named fact collectors a check's `exec.collect` can ask for.
import type {CallOptions, ContainerRuntime} from '../runtime.js';
import {collectImageUser} from './image-user.js';
import {collectInit} from './init.js';
import {collectOs} from './os.js';
import {collectPackageManagers} from './package-managers.js';
import {collectShell} from './shell.js';
import {collectUser} from './user.js';

export const collectors = {
	user: collectUser,
	shell: collectShell,
	os: collectOs,
	init: collectInit,
	'image-user': collectImageUser,
	'package-managers': collectPackageManagers,
} satisfies Record<string, (runtime: ContainerRuntime, options?: CallOptions) => Promise<Record<string, unknown>>>;

export type CollectorName = keyof typeof collectors;
export const collectorNames = Object.keys(collectors) as [CollectorName, ...CollectorName[]];

export {collectFirstPath} from './files.js';
export {pathExists, readContainerFile} from './read-file.js';
