// lab up's failures on a real engine (npm run test:containers): missing images named with the engine's cause before
// anything is built, and Ctrl+C during lab up leaving nothing behind — containers, network, images, build folders,
// profile. Skipped (with the reason) in the plain unit run; the engine-lab suite fails when no engine answers.
import {spawn} from 'node:child_process';
import {existsSync, readdirSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {runCli} from '../../source/containers/cli.js';
import {engineStatus} from '../../source/containers/engine.js';
import {labLabel} from '../../source/testbed/lab/names.js';
import {labUp} from '../../source/testbed/lab/up.js';
import {packageRoot} from '../../source/paths.js';
import {ProfileStore} from '../../source/targets/profiles.js';
import {tempFolder} from '../helpers/temp-folder.js';

async function gate(): Promise<string | undefined> {
	if (process.env.LITELLM_PARITY_CONTAINER_SUITE !== '1') return 'the real-engine suite runs with `npm run test:containers`';
	if (!existsSync(path.join(packageRoot, 'dist', 'source', 'cli.js'))) return 'not built (npm run build)';
	const engine = await engineStatus('docker');
	return engine.ok ? undefined : engine.reason;
}

const skipReason = await gate();

async function leftovers(lab: string): Promise<string[]> {
	const found: string[] = [];
	for (const [kind, args] of [
		['container', ['ps', '-a', '--filter', `label=${labLabel}=${lab}`, '--format', '{{.Names}}']],
		['network', ['network', 'ls', '--filter', `label=${labLabel}=${lab}`, '--format', '{{.Name}}']],
		['image', ['images', '--filter', `label=${labLabel}=${lab}`, '--format', '{{.Repository}}']],
	] as const) {
		const listed = await runCli('docker', [...args]);
		found.push(...listed.stdout.split('\n').filter(Boolean).map(name => `${kind} ${name}`));
	}

	return found;
}

const buildFolders = () => new Set(readdirSync(os.tmpdir()).filter(name => /^litellm-parity-(baseline|candidate|upstream)-/.test(name)));

describe.skipIf(Boolean(skipReason))(`lab failures on a real engine${skipReason ? ` — skipped: ${skipReason}` : ''}`, () => {
	it('names every missing image with the engine\'s cause before anything is built', async () => {
		const home = tempFolder('litellm-parity-lab-home-');
		const lab = `missing-${process.pid}`;
		const lines: string[] = [];
		const error = await labUp({lab, home, store: new ProfileStore({cwd: home}), baselineImage: 'litellm-parity-no-such/baseline:1', candidateImage: 'litellm-parity-no-such/candidate:2', pullTimeoutSeconds: 120, log: line => lines.push(line)}).then(
			() => undefined,
			(reason: unknown) => reason as Error,
		);
		expect(error?.message).toMatch(/^lab up: 2 images are missing and could not be pulled — litellm-parity-no-such\/baseline:1: .+; litellm-parity-no-such\/candidate:2: .+\. Build or load them/);
		// The engine's own words (here: no registry reachable, or the repository does not exist).
		expect(error?.message).toMatch(/no such host|pull access denied|repository does not exist|connection refused|i\/o timeout|unauthorized/i);
		expect(lines.filter(line => line.includes('pulling it (time limit 120 s)'))).toHaveLength(2);
		expect(lines.some(line => line.startsWith('image ') && line.includes('built in'))).toBe(false);
		expect(await leftovers(lab)).toEqual([]);
	}, 120_000);

	for (const moment of [/^engine: docker/, /^upstream .* ready/]) {
		it(`Ctrl+C during lab up (after a line matching ${moment}) leaves nothing behind and exits 130`, async () => {
			const home = tempFolder('litellm-parity-lab-home-');
			const lab = `sigint-${process.pid}-${moment.source.length}`;
			const foldersBefore = buildFolders();
			const child = spawn(process.execPath, [path.join(packageRoot, 'dist', 'source', 'cli.js'), 'lab', 'up', '--name', lab], {env: {...process.env, LITELLM_PARITY_HOME: home}, stdio: ['ignore', 'pipe', 'pipe']});
			let output = '';
			let sent = false;
			const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)));
			child.stdout.on('data', (chunk: Buffer) => {
				output += chunk.toString();
				if (!sent && output.split('\n').some(line => moment.test(line))) {
					sent = true;
					child.kill('SIGINT');
				}
			});
			child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
			const code = await exited;
			expect(sent, output).toBe(true);
			expect(code, output).toBe(130);
			expect(output).toContain('lab up interrupted: removed the containers, network, images and build folders it had created');
			expect(await leftovers(lab)).toEqual([]);
			expect([...buildFolders()].filter(name => !foldersBefore.has(name))).toEqual([]);
			expect(existsSync(path.join(home, `lab-${lab}.json`))).toBe(false);
			expect(new ProfileStore({cwd: home}).get(lab)).toBeUndefined();
		}, 180_000);
	}
});
