// A deterministic OpenAI-compatible upstream: the same answer every time, a configurable delay, streaming too.
// Both gateways forward to it, so direct-vs-proxied timing isolates the proxy's own overhead.
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';

export type MockUpstreamOptions = {host?: string; port?: number; latencyMs?: number; chunkDelayMs?: number};
export type MockUpstream = {url: string; port: number; requests(): number; close(): Promise<void>};

const content = 'mock upstream reply';

function completion(model: string) {
	return {
		id: 'chatcmpl-mock-upstream',
		object: 'chat.completion',
		created: 1_700_000_000,
		model,
		choices: [{index: 0, finish_reason: 'stop', message: {role: 'assistant', content}}],
		usage: {prompt_tokens: 5, completion_tokens: 3, total_tokens: 8},
	};
}

function chunk(model: string, delta: Record<string, unknown>, finish: string | null) {
	return {id: 'chatcmpl-mock-upstream', object: 'chat.completion.chunk', created: 1_700_000_000, model, choices: [{index: 0, delta, finish_reason: finish}]};
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
	let text = '';
	for await (const part of request) text += String(part);
	try {
		return text ? (JSON.parse(text) as Record<string, unknown>) : {};
	} catch {
		return {};
	}
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

function json(response: ServerResponse, status: number, body: unknown): void {
	const text = JSON.stringify(body);
	response.writeHead(status, {'content-type': 'application/json', 'content-length': Buffer.byteLength(text)}).end(text);
}

export async function startMockUpstream(options: MockUpstreamOptions = {}): Promise<MockUpstream> {
	const latencyMs = options.latencyMs ?? 0;
	let count = 0;
	const server = createServer(async (request, response) => {
		count++;
		const path = (request.url ?? '/').split('?')[0]!.replace(/^\/v1/, '');
		const body = request.method === 'POST' ? await readJson(request) : {};
		if (latencyMs > 0) await sleep(latencyMs);
		const model = typeof body.model === 'string' ? body.model : 'mock-model';
		if (request.method === 'GET' && (path === '/health' || path === '/models')) {
			json(response, 200, path === '/health' ? {status: 'ok'} : {object: 'list', data: [{id: 'mock-model', object: 'model', created: 1_700_000_000, owned_by: 'mock'}]});
			return;
		}

		if (request.method === 'POST' && path === '/chat/completions') {
			if (body.stream) {
				response.writeHead(200, {'content-type': 'text/event-stream; charset=utf-8'});
				const frames = [chunk(model, {role: 'assistant', content: ''}, null), ...content.split(' ').map(word => chunk(model, {content: word + ' '}, null)), chunk(model, {}, 'stop')];
				for (const frame of frames) {
					response.write(`data: ${JSON.stringify(frame)}\n\n`);
					if (options.chunkDelayMs) await sleep(options.chunkDelayMs);
				}

				response.end('data: [DONE]\n\n');
				return;
			}

			json(response, 200, completion(model));
			return;
		}

		if (request.method === 'POST' && path === '/embeddings') {
			json(response, 200, {object: 'list', model, data: [{object: 'embedding', index: 0, embedding: Array.from({length: 8}, (_, index) => index / 8)}], usage: {prompt_tokens: 2, total_tokens: 2}});
			return;
		}

		json(response, 404, {error: {message: `mock upstream: no route ${request.method} ${request.url}`, type: 'not_found', code: 404}});
	});
	server.keepAliveTimeout = 30_000;
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
	});
	const {port} = server.address() as AddressInfo;
	return {
		url: `http://${options.host ?? '127.0.0.1'}:${port}`,
		port,
		requests: () => count,
		close: () =>
			new Promise<void>(resolve => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
