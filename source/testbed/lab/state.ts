// What `lab up` created, kept next to the profile store, so `lab down` removes exactly that and nothing else.
import {existsSync} from 'node:fs';
import {mkdir, readFile, rm, writeFile} from 'node:fs/promises';
import path from 'node:path';
import type {RuntimeKind} from '../../containers/cli.js';
import type {Side} from '../../domain.js';

export type LabSide = {image: string; imageBuilt: boolean; buildSeconds?: number; sizeMiB?: number; container?: string; url?: string; coldStartSeconds?: number};

/** The mock OpenAI upstream: `url` is its published loopback port (direct calls), `innerUrl` how the proxies reach it. */
export type LabUpstream = {image: string; imageBuilt: boolean; buildSeconds?: number; sizeMiB?: number; container?: string; url?: string; innerUrl?: string; latencyMs: number};

export type LabState = {
	lab: string;
	runtime: RuntimeKind;
	mode: 'simulator' | 'images';
	createdAt: string;
	sides: Record<Side, LabSide>;
	upstream?: LabUpstream;
	/** The network `lab up` created for the three containers (removed by `lab down`). */
	network?: string;
	profile?: string;
	/** Folder with the generated LiteLLM config and the env file. */
	folder: string;
};

export function labFolder(home: string, lab: string): string {
	return path.join(home, `lab-${lab}`);
}

function stateFile(home: string, lab: string): string {
	return path.join(home, `lab-${lab}.json`);
}

export async function readLabState(home: string, lab: string): Promise<LabState | undefined> {
	const file = stateFile(home, lab);
	if (!existsSync(file)) return undefined;
	return JSON.parse(await readFile(file, 'utf8')) as LabState;
}

export async function writeLabState(home: string, state: LabState): Promise<void> {
	await mkdir(home, {recursive: true});
	await writeFile(stateFile(home, state.lab), JSON.stringify(state, null, 2) + '\n', {mode: 0o600});
}

export async function forgetLab(home: string, lab: string): Promise<void> {
	await rm(stateFile(home, lab), {force: true});
	await rm(labFolder(home, lab), {recursive: true, force: true});
}
