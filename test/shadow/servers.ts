// Small local servers for the shadow tests: a deterministic one (so answers can be compared byte for byte, and a
// stream can be held half-way), and a wrapper that injects one difference in front of a simulator.
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import type {AddressInfo, Socket} from 'node:net';
import {request} from 'undici';

export type Local = {url: string; close(): Promise<void>};

async function listen(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<Local & {server: Server}> {
	const sockets = new Set<Socket>();
	const server = createServer(handler);
	server.on('connection', socket => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		server,
		url: `http://127.0.0.1:${port}`,
		close: () =>
			new Promise<void>(resolve => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}

/** Fixed bytes for the binary route: the same on every call. */
export const binaryBody = Buffer.from(Array.from({length: 200_000}, (_, index) => (index * 7919) % 256));

export type Deterministic = Local & {
	/** Resolves the held stream's second half (the test reads the first half through the proxy before). */
	release(): void;
	/** Authorization headers seen, per path. */
	seen: Array<{path: string; authorization?: string}>;
};

/** The same answer on every call: JSON with a content-length, a chunked SSE stream, binary bytes, a 404, a held stream. */
export async function deterministicServer(): Promise<Deterministic> {
	const seen: Deterministic['seen'] = [];
	let releaseHeld: () => void = () => undefined;
	let held = new Promise<void>(resolve => (releaseHeld = resolve));
	const local = await listen((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', chunk => chunks.push(chunk));
		request.on('end', () => {
			seen.push({path: request.url ?? '', authorization: request.headers.authorization});
			const body = Buffer.concat(chunks).toString();
			switch (request.url?.split('?')[0]) {
				case '/v1/models': {
					const text = JSON.stringify({object: 'list', data: [{id: 'gpt-4o-mini', object: 'model', owned_by: 'openai'}]});
					response.writeHead(200, {'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'x-litellm-version': '1.81.3', 'set-cookie': ['a=1', 'b=2']});
					response.end(text);
					return;
				}

				case '/v1/chat/completions': {
					const streamed = body.includes('"stream":true');
					if (!streamed) {
						response.writeHead(200, {'content-type': 'application/json'});
						response.end(JSON.stringify({id: 'chatcmpl-fixed', object: 'chat.completion', created: 1, model: 'gpt-4o-mini', choices: [{index: 0, message: {role: 'assistant', content: 'pong'}, finish_reason: 'stop'}], usage: {prompt_tokens: 1, completion_tokens: 1, total_tokens: 2}}));
						return;
					}

					response.writeHead(200, {'content-type': 'text/event-stream', 'cache-control': 'no-cache'});
					const frames = ['one', 'two', 'three'].map(word => `data: ${JSON.stringify({id: 'chatcmpl-s', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{index: 0, delta: {content: word}, finish_reason: null}]})}\n\n`);
					response.write(frames[0]);
					const rest = () => {
						response.write(frames[1]);
						response.write(frames[2]);
						response.end(`data: ${JSON.stringify({id: 'chatcmpl-s', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{index: 0, delta: {}, finish_reason: 'stop'}]})}\n\ndata: [DONE]\n\n`);
					};

					if (request.headers['x-hold'] === '1') void held.then(rest);
					else rest();
					return;
				}

				case '/binary':
					response.writeHead(200, {'content-type': 'application/octet-stream'});
					response.end(binaryBody);
					return;
				default:
					response.writeHead(404, {'content-type': 'application/json'});
					response.end(JSON.stringify({detail: 'Not Found'}));
			}
		});
	});
	return {
		...local,
		seen,
		release() {
			releaseHeld();
			held = new Promise<void>(resolve => (releaseHeld = resolve));
		},
	};
}

/** A candidate that forwards everything to `upstream` except one route, where it changes the answer. */
export async function injectingServer(upstream: string, route: {method: string; path: string}, change: (json: Record<string, unknown>) => unknown): Promise<Local> {
	return listen((incoming, response) => {
		const chunks: Buffer[] = [];
		incoming.on('data', chunk => chunks.push(chunk));
		incoming.on('end', async () => {
			const headers = Object.fromEntries(Object.entries(incoming.headers).filter(([name]) => !['host', 'connection', 'content-length', 'transfer-encoding'].includes(name))) as Record<string, string>;
			const answer = await request(upstream + incoming.url, {method: incoming.method as 'GET', headers, body: chunks.length > 0 ? Buffer.concat(chunks) : undefined});
			const bytes = Buffer.from(await answer.body.arrayBuffer());
			const out = Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !['connection', 'content-length', 'transfer-encoding', 'keep-alive'].includes(name))) as Record<string, string>;
			if (incoming.method === route.method && incoming.url?.split('?')[0] === route.path) {
				const changed = JSON.stringify(change(JSON.parse(bytes.toString()) as Record<string, unknown>));
				response.writeHead(answer.statusCode, out);
				response.end(changed);
				return;
			}

			response.writeHead(answer.statusCode, out);
			response.end(bytes);
		});
	});
}
