// Real OpenAI-compatible gateways from npm for the gateway suite: the Portkey AI gateway 1.15.2, each instance a child
// process on a free loopback port (1.9.8 was dropped: it reset the connection now and then on a keyless request), plus the mock upstream behind OpenAI's own
// key and model rules (a missing key is a 401, an unknown model a 404), as the real API would answer.
import {spawn, type ChildProcess} from 'node:child_process';
import {createServer, request as httpRequest, type Server} from 'node:http';
import {createRequire} from 'node:module';
import type {AddressInfo} from 'node:net';
import path from 'node:path';
import {once} from 'node:events';
import {startMockUpstream, type MockUpstream} from '../../source/testbed/upstream/mock-openai.js';

const require = createRequire(import.meta.url);
export function portkeyScript(): string {
	return path.join(path.dirname(require.resolve('@portkey-ai/gateway/package.json')), 'build', 'start-server.js');
}

async function freePort(): Promise<number> {
	const server = createServer();
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const {port} = server.address() as AddressInfo;
	server.close();
	await once(server, 'close');
	return port;
}

export type Running = {url: string; close(): Promise<void>};

/** Start one Portkey gateway; resolves when it prints that it is ready for connections. */
export async function startPortkey(): Promise<Running> {
	const port = await freePort();
	const child: ChildProcess = spawn(process.execPath, [portkeyScript(), `--port=${port}`, '--headless'], {stdio: ['ignore', 'pipe', 'pipe'], env: {...process.env, NODE_ENV: 'production'}});
	let output = '';
	await new Promise<void>((resolve, reject) => {
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			if (/Ready for connections|Your AI Gateway is now running/i.test(output)) resolve();
		};

		child.stdout!.on('data', onData);
		child.stderr!.on('data', onData);
		child.once('exit', code => reject(new Error(`Portkey exited with ${code} before it was ready: ${output.slice(-500)}`)));
	});
	child.stdout!.resume();
	child.stderr!.resume();
	return {
		url: `http://127.0.0.1:${port}`,
		async close() {
			if (child.exitCode !== null) return;
			const exited = once(child, 'exit');
			child.kill('SIGTERM');
			await exited;
		},
	};
}

export type StrictUpstream = Running & {mock: MockUpstream};

/** Listen on a free loopback port; close() drops open connections first, so a kept-alive socket cannot hold it. */
async function serveOnLoopback(server: Server): Promise<Running> {
	// Longer than any client's idle keep-alive: a gateway reusing a socket this server just closed would see a reset.
	server.keepAliveTimeout = 120_000;
	server.listen(0, '127.0.0.1');
	await once(server, 'listening');
	const {port} = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		async close() {
			server.closeAllConnections();
			await new Promise<void>(resolve => server.close(() => resolve()));
		},
	};
}

/** The mock upstream behind OpenAI's rules: no key or another key → 401, a model outside `models` → 404 model_not_found. */
export async function startStrictUpstream(models: string[], key: string): Promise<StrictUpstream> {
	const mock = await startMockUpstream();
	const target = new URL(mock.url);
	const refuse = (response: import('node:http').ServerResponse, status: number, error: Record<string, unknown>) => {
		const text = JSON.stringify({error: {param: null, code: null, ...error}});
		response.writeHead(status, {'content-type': 'application/json', 'content-length': Buffer.byteLength(text)}).end(text);
	};

	const server: Server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const body = Buffer.concat(chunks);
			const given = request.headers.authorization;
			if (given !== `Bearer ${key}`) {
				refuse(response, 401, {message: given ? 'Incorrect API key provided.' : "You didn't provide an API key.", type: 'invalid_request_error', code: given ? 'invalid_api_key' : null});
				return;
			}

			let model: unknown;
			try {
				model = body.length > 0 && String(request.headers['content-type']).includes('json') ? (JSON.parse(body.toString()) as {model?: unknown}).model : undefined;
			} catch {
				model = undefined;
			}

			if (typeof model === 'string' && !models.includes(model)) {
				refuse(response, 404, {message: `The model \`${model}\` does not exist or you do not have access to it.`, type: 'invalid_request_error', code: 'model_not_found'});
				return;
			}

			const forward = httpRequest({host: target.hostname, port: target.port, method: request.method, path: request.url, headers: {...request.headers, host: target.host}}, upstream => {
				response.writeHead(upstream.statusCode ?? 502, upstream.headers);
				upstream.pipe(response);
			});
			forward.on('error', error => refuse(response, 502, {message: error.message, type: 'upstream_error'}));
			forward.end(body);
		});
	});
	const serving = await serveOnLoopback(server);
	return {
		url: serving.url,
		mock,
		async close() {
			await serving.close();
			await mock.close();
		},
	};
}

/** An ingress that serves a gateway under a path prefix (as nginx `location /ai/ { proxy_pass …/; }` would): other paths are 404. */
export async function startPrefixIngress(prefix: string, gateway: Running): Promise<Running> {
	const target = new URL(gateway.url);
	const server: Server = createServer((request, response) => {
		const url = request.url ?? '/';
		if (!url.startsWith(`${prefix}/`)) {
			response.writeHead(404, {'content-type': 'text/plain'}).end(`ingress: nothing at ${url}`);
			return;
		}

		const forward = httpRequest({host: target.hostname, port: target.port, method: request.method, path: url.slice(prefix.length), headers: {...request.headers, host: target.host}}, answer => {
			response.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(response);
		});
		forward.on('error', error => response.writeHead(502, {'content-type': 'text/plain'}).end(`ingress: ${error.message}`));
		request.pipe(forward);
	});
	return serveOnLoopback(server);
}
