// `lab down`: remove what `lab up` created — its containers (by name and label), its network, the images it built,
// its profile — and nothing else. Images given with --baseline-image/--candidate-image belong to the user and stay.
import {runCli, type RuntimeKind} from '../../containers/cli.js';
import type {ProfileStore} from '../../targets/profiles.js';
import {labLabel, labNames} from './names.js';
import {forgetLab, readLabState} from './state.js';

/** Starts the description of every profile `lab up` writes; `lab down` deletes only a profile that carries it. */
export const labProfileMarker = 'litellm-parity lab:';

export type LabDownOptions = {lab?: string; runtime?: RuntimeKind; store: ProfileStore; home: string; log?: (line: string) => void; quiet?: boolean};

export type LabDownResult = {containers: string[]; images: string[]; networks: string[]; profile?: string};

export async function labDown(options: LabDownOptions): Promise<LabDownResult> {
	const log = options.log ?? (() => undefined);
	const names = labNames(options.lab);
	const state = await readLabState(options.home, names.lab);
	const runtime = state?.runtime ?? options.runtime ?? 'docker';
	const removed: LabDownResult = {containers: [], images: [], networks: []};

	// Containers: those the state names plus any left with this lab's label (a crashed `lab up`).
	const labelled = await runCli(runtime, ['ps', '-a', '--filter', `label=${labLabel}=${names.lab}`, '--format', '{{.Names}}'], {timeoutMs: 15_000});
	const containers = new Set(labelled.exitCode === 0 ? labelled.stdout.split('\n').map(line => line.trim()).filter(Boolean) : []);
	for (const side of [...Object.values(state?.sides ?? {}), state?.upstream]) if (side?.container) containers.add(side.container);
	for (const container of containers) {
		const label = await runCli(runtime, ['inspect', '--type', 'container', '--format', `{{index .Config.Labels "${labLabel}"}}`, container], {timeoutMs: 15_000});
		if (label.exitCode !== 0 || label.stdout.trim() !== names.lab) continue;
		const rm = await runCli(runtime, ['rm', '-f', container], {timeoutMs: 30_000});
		if (rm.exitCode === 0) removed.containers.push(container);
		else log(`could not remove container ${container}: ${rm.stderr.trim()}`);
	}

	// The network, once its containers are gone (an engine refuses to remove one with endpoints); only if labelled.
	const network = state?.network ?? names.network;
	const networkLabel = await runCli(runtime, ['network', 'inspect', '--format', `{{index .Labels "${labLabel}"}}`, network], {timeoutMs: 15_000});
	if (networkLabel.exitCode === 0 && networkLabel.stdout.trim() === names.lab) {
		const rm = await runCli(runtime, ['network', 'rm', network], {timeoutMs: 30_000});
		if (rm.exitCode === 0) removed.networks.push(network);
		else log(`could not remove network ${network}: ${rm.stderr.trim()}`);
	}

	// Images: only the ones this lab built (they carry the label; user images are never touched).
	const images = new Set<string>();
	for (const side of [...Object.values(state?.sides ?? {}), state?.upstream]) if (side?.imageBuilt) images.add(side.image);
	if (!state) for (const image of [...Object.values(names.images), names.upstream.image]) images.add(image);
	for (const image of images) {
		const label = await runCli(runtime, ['image', 'inspect', '--format', `{{index .Config.Labels "${labLabel}"}}`, image], {timeoutMs: 15_000});
		if (label.exitCode !== 0 || label.stdout.trim() !== names.lab) continue;
		const rmi = await runCli(runtime, ['rmi', image], {timeoutMs: 60_000});
		if (rmi.exitCode === 0) removed.images.push(image);
		else log(`could not remove image ${image}: ${rmi.stderr.trim()}`);
	}

	const profileName = state?.profile ?? names.profile;
	const profile = options.store.get(profileName);
	if (profile?.description?.startsWith(labProfileMarker)) {
		options.store.delete(profileName);
		removed.profile = profileName;
	}

	await forgetLab(options.home, names.lab);
	if (!options.quiet) {
		log(removed.containers.length > 0 ? `removed containers: ${removed.containers.join(', ')}` : 'no lab containers to remove');
		if (removed.networks.length > 0) log(`removed network: ${removed.networks.join(', ')}`);
		if (removed.images.length > 0) log(`removed images: ${removed.images.join(', ')}`);
		if (removed.profile) log(`deleted profile '${removed.profile}'`);
	}

	return removed;
}
