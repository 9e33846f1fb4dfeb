// The lab's third image: the embedded mock OpenAI upstream (source/testbed/upstream/mock-openai.ts) alone, served on
// 0.0.0.0:4000 with a few ms latency. Both proxies forward their chat calls to it, so `performance.overhead.chat`
// compares the proxy with the very upstream it calls. Built like the other two: host node, no registry.
import {existsSync} from 'node:fs';
import {chmod, copyFile, mkdir, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {packageRoot} from '../../paths.js';
import {embeddedUpstreamLatencyMs} from '../upstream/mock-openai.js';
import {installProgram} from './host-binaries.js';
import type {ImageConfig} from './layouts.js';

export const upstreamEntry = `// litellm-parity lab: the mock OpenAI upstream both proxies forward to (the overhead row's direct API).
import http from 'node:http';
import {startMockUpstream} from './upstream/mock-openai.js';

const args = process.argv.slice(2);
const portAt = args.indexOf('--port');
const port = Number(portAt >= 0 ? args[portAt + 1] : process.env.PORT ?? 4000);
const latencyMs = Number(process.env.MOCK_UPSTREAM_LATENCY_MS ?? ${embeddedUpstreamLatencyMs});
// One line per request with the caller's address: the host (through the published port) for direct calls, a
// proxy's container address for forwarded ones, so the lab can tell who really called.
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, request, ...rest) {
	if (event === 'request') process.stdout.write('mock-upstream: ' + request.socket.remoteAddress + ' ' + request.method + ' ' + request.url + '\\n');
	return emit.call(this, event, request, ...rest);
};

const upstream = await startMockUpstream({host: '0.0.0.0', port, latencyMs});
process.stdout.write('mock-upstream: listening on 0.0.0.0:' + upstream.port + ', latency ' + latencyMs + ' ms\\n');
// node as PID 1 ignores SIGTERM unless it handles it: without this, docker stop waits its full grace period.
const stop = () => void upstream.close().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
`;

/** Lay out the upstream image's root: node and its libraries, /app/upstream.js and the built mock upstream. */
export async function layOutUpstream(root: string): Promise<ImageConfig> {
	const built = path.join(packageRoot, 'dist', 'source', 'testbed', 'upstream', 'mock-openai.js');
	if (!existsSync(built)) throw new Error(`the built mock upstream is missing (${built}); run npm run build first`);
	await installProgram(root, process.execPath, '/usr/bin/node');
	const app = path.join(root, 'app');
	await mkdir(path.join(app, 'upstream'), {recursive: true});
	// mock-openai.js imports only node: built-ins, so the file alone is the whole application.
	await copyFile(built, path.join(app, 'upstream', 'mock-openai.js'));
	await writeFile(path.join(app, 'package.json'), JSON.stringify({name: 'litellm-parity-lab-upstream', private: true, type: 'module'}, null, 2) + '\n');
	await writeFile(path.join(app, 'upstream.js'), upstreamEntry);
	await mkdir(path.join(root, 'etc'), {recursive: true});
	await writeFile(path.join(root, 'etc', 'passwd'), 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n');
	await writeFile(path.join(root, 'etc', 'group'), 'root:x:0:\nnogroup:x:65534:\n');
	await mkdir(path.join(root, 'tmp'), {recursive: true});
	await chmod(path.join(root, 'tmp'), 0o1777);
	return {user: 'nobody', entrypoint: ['/usr/bin/node', '/app/upstream.js'], cmd: ['--port', '4000'], env: {MOCK_UPSTREAM_LATENCY_MS: String(embeddedUpstreamLatencyMs)}, workdir: '/app'};
}
