// The two lab images, laid out like the real ones (LITELLM_CONTRACT.md §11–12, the plan's Known Differences):
//  - baseline: Wolfi os-release, runs as root, has /bin/sh, ENTRYPOINT docker/prod_entrypoint.sh → supervisord, pip;
//  - candidate: Debian bookworm os-release, runs as litellm (UID 1000), no /bin/sh (and no cat),
//    ENTRYPOINT tini -- …, uv, and the training script under /app/scripts.
// Both serve the embedded simulator with the matching personality. They imitate the layout, not the Python stack.
import {chmod, mkdir, symlink, writeFile} from 'node:fs/promises';
import path from 'node:path';
import type {Personality} from '../../targets/profile-schema.js';
import {installApp} from './app-files.js';
import {hostProgram, installProgram} from './host-binaries.js';
import * as standIns from './stand-ins.js';

export type ImageConfig = {user: string; entrypoint: string[]; cmd: string[]; env: Record<string, string>; workdir: string};

async function write(root: string, file: string, content: string, mode = 0o644): Promise<void> {
	const target = path.join(root, file);
	await mkdir(path.dirname(target), {recursive: true});
	await writeFile(target, content);
	await chmod(target, mode);
}

async function installHost(root: string, name: string, destination: string, required = false): Promise<boolean> {
	const source = hostProgram(name);
	if (!source) {
		if (required) throw new Error(`'${name}' is not on this machine; the lab images are assembled from the host's programs`);
		return false;
	}

	await installProgram(root, source, destination);
	return true;
}

async function common(root: string): Promise<void> {
	const node = process.execPath;
	await installProgram(root, node, '/usr/bin/node');
	await installApp(root);
	await mkdir(path.join(root, 'tmp'), {recursive: true});
	await chmod(path.join(root, 'tmp'), 0o1777);
	await installHost(root, 'whoami', '/usr/bin/whoami');
	await installHost(root, 'id', '/usr/bin/id');
}

export async function layOut(personality: Personality, root: string): Promise<ImageConfig> {
	await common(root);
	if (personality === 'baseline') {
		await installHost(root, 'sh', '/bin/sh', true);
		await installHost(root, 'cat', '/usr/bin/cat');
		await write(root, 'etc/os-release', standIns.wolfiOsRelease);
		await write(root, 'etc/passwd', 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n');
		await write(root, 'etc/group', 'root:x:0:\nnogroup:x:65534:\n');
		await write(root, 'etc/supervisord.conf', standIns.supervisordConfig);
		await write(root, 'usr/bin/supervisord', standIns.supervisordStandIn, 0o755);
		await write(root, 'app/docker/prod_entrypoint.sh', standIns.prodEntrypoint, 0o755);
		await write(root, 'usr/bin/pip', standIns.pipStandIn, 0o755);
		return {user: 'root', entrypoint: ['docker/prod_entrypoint.sh'], cmd: ['--port', '4000'], env: {LITELLM_PARITY_PERSONALITY: 'baseline'}, workdir: '/app'};
	}

	await write(root, 'usr/lib/os-release', standIns.debianOsRelease);
	await mkdir(path.join(root, 'etc'), {recursive: true});
	// As on Debian: /etc/os-release is a link, which the fact collectors must follow.
	await symlink('../usr/lib/os-release', path.join(root, 'etc/os-release'));
	await write(root, 'etc/passwd', 'root:x:0:0:root:/root:/sbin/nologin\nlitellm:x:1000:1000::/app:/sbin/nologin\n');
	await write(root, 'etc/group', 'root:x:0:\nlitellm:x:1000:\n');
	await write(root, 'usr/bin/tini', standIns.tiniStandIn, 0o755);
	await write(root, 'usr/local/bin/uv', standIns.uvStandIn, 0o755);
	await write(root, 'app/scripts/train_from_traces.py', standIns.trainingScript);
	return {
		user: 'litellm',
		entrypoint: ['/usr/bin/tini', '--', '/usr/bin/node', '/app/server.js'],
		cmd: ['--port', '4000'],
		env: {LITELLM_PARITY_PERSONALITY: 'candidate', PATH: '/usr/local/bin:/usr/bin:/bin'},
		workdir: '/app',
	};
}
