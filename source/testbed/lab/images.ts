// Build a lab image without any registry: lay out a root folder, tar it, `docker import` it with the image config.
import {mkdtemp, rm} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {execa} from 'execa';
import {runCli, type RuntimeKind} from '../../containers/cli.js';
import {assertSucceeded} from '../../containers/unavailable.js';
import type {Personality} from '../../targets/profile-schema.js';
import {layOut, type ImageConfig} from './layouts.js';
import {labLabel} from './names.js';
import {layOutUpstream} from './upstream-image.js';

/** A side's simulator image, or the mock upstream both sides forward to. */
export type ImageKind = Personality | 'upstream';

export type BuiltImage = {image: string; id: string; seconds: number; sizeMiB: number};

function changes(config: ImageConfig, lab: string): string[] {
	return [
		`USER ${config.user}`,
		`WORKDIR ${config.workdir}`,
		`ENTRYPOINT ${JSON.stringify(config.entrypoint)}`,
		`CMD ${JSON.stringify(config.cmd)}`,
		'EXPOSE 4000',
		...Object.entries(config.env).map(([name, value]) => `ENV ${name}=${value}`),
		`LABEL ${labLabel}=${lab}`,
	].flatMap(change => ['--change', change]);
}

export async function buildLabImage(runtime: RuntimeKind, kind: ImageKind, image: string, lab: string, signal?: AbortSignal): Promise<BuiltImage> {
	const start = performance.now();
	const work = await mkdtemp(path.join(os.tmpdir(), `litellm-parity-${kind}-`));
	try {
		const root = path.join(work, 'root');
		const config = kind === 'upstream' ? await layOutUpstream(root) : await layOut(kind, root);
		signal?.throwIfAborted();
		const archive = path.join(work, 'rootfs.tar');
		await execa('tar', ['--numeric-owner', '--owner=0', '--group=0', '-C', root, '-cf', archive, '.'], {stdin: 'ignore', timeout: 120_000, cancelSignal: signal});
		const imported = await runCli(runtime, ['import', ...changes(config, lab), archive, image], {timeoutMs: 180_000, signal});
		signal?.throwIfAborted();
		assertSucceeded(imported);
		const size = await runCli(runtime, ['image', 'inspect', '--format', '{{.Size}}', image], {timeoutMs: 15_000});
		return {image, id: imported.stdout.trim().split('\n').at(-1) ?? '', seconds: Math.round(performance.now() - start) / 1000, sizeMiB: Math.round(Number(size.stdout.trim()) / 1024 / 1024)};
	} finally {
		await rm(work, {recursive: true, force: true});
	}
}
