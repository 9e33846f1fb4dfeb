// A deterministic OpenAI-compatible upstream: the same answer every time, a configurable delay, streaming too.
// Both gateways forward to it, so direct-vs-proxied timing isolates the proxy's own overhead. It serves what a real
// LiteLLM proxy forwards for the real pair (chat, legacy completions, embeddings, images, transcription, speech,
// files and batches), so no provider key is ever needed. Node built-ins only: the lab copies this file alone.
import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import type {AddressInfo} from 'node:net';

/** The demo's and the lab's upstream answers like a fast provider (20 ms, always the same text): a cache miss then costs clearly more than a hit. */
export const embeddedUpstreamLatencyMs = 20;

export type MockUpstreamOptions = {host?: string; port?: number; latencyMs?: number; chunkDelayMs?: number};
export type MockUpstream = {url: string; port: number; requests(): number; close(): Promise<void>};

const content = 'mock upstream reply';
const usage = {prompt_tokens: 5, completion_tokens: 3, total_tokens: 8};

function completion(model: string) {
	return {
		id: 'chatcmpl-mock-upstream',
		object: 'chat.completion',
		created: 1_700_000_000,
		model,
		choices: [{index: 0, finish_reason: 'stop', message: {role: 'assistant', content}}],
		usage,
	};
}

function chunk(model: string, delta: Record<string, unknown>, finish: string | null) {
	return {id: 'chatcmpl-mock-upstream', object: 'chat.completion.chunk', created: 1_700_000_000, model, choices: [{index: 0, delta, finish_reason: finish}]};
}

/** OpenAI's last frame before [DONE] when `stream_options.include_usage` asks for it: no choices, only the usage. */
function usageFrame(body: Record<string, unknown>, frame: Record<string, unknown>): string {
	const options = body.stream_options as {include_usage?: unknown} | undefined;
	return options?.include_usage === true ? `data: ${JSON.stringify({...frame, choices: [], usage})}\n\n` : '';
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
	const parts: Buffer[] = [];
	for await (const part of request) parts.push(part as Buffer);
	return Buffer.concat(parts);
}

function parseJson(raw: Buffer): Record<string, unknown> {
	try {
		const value = raw.length > 0 ? (JSON.parse(raw.toString('utf8')) as unknown) : {};
		return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
	} catch {
		return {};
	}
}

type FormPart = {name: string; filename?: string; data: Buffer};

/** Just enough multipart/form-data to read a form's fields and its file (the proxies send small, well-formed forms). */
export function parseMultipart(raw: Buffer, contentType: string): FormPart[] {
	const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
	if (!boundary) return [];
	const parts: FormPart[] = [];
	const delimiter = Buffer.from(`--${boundary}`);
	let start = raw.indexOf(delimiter);
	while (start !== -1) {
		const next = raw.indexOf(delimiter, start + delimiter.length);
		if (next === -1) break;
		const part = raw.subarray(start + delimiter.length + 2, next - 2);
		const headerEnd = part.indexOf('\r\n\r\n');
		if (headerEnd !== -1) {
			const headers = part.subarray(0, headerEnd).toString('utf8');
			const name = /name="([^"]*)"/i.exec(headers)?.[1];
			const filename = /filename="([^"]*)"/i.exec(headers)?.[1];
			if (name !== undefined) parts.push({name, filename, data: part.subarray(headerEnd + 4)});
		}

		start = next;
	}

	return parts;
}

function textChunk(model: string, text: string, finish: string | null) {
	return {id: 'cmpl-mock-upstream', object: 'text_completion', created: 1_700_000_000, model, choices: [{index: 0, text, finish_reason: finish, logprobs: null}]};
}

/** A 1×1 transparent PNG, so b64_json answers carry a real image. */
const onePixelPng = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
/** One silent MPEG-1 Layer III frame (MPEG header + zeros): enough for clients that only check the bytes. */
const silentMp3 = Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(413)]);

type StoredFile = {id: string; filename: string; purpose: string; data: Buffer; created_at: number};

function fileObject(file: StoredFile) {
	return {id: file.id, object: 'file', bytes: file.data.length, created_at: file.created_at, filename: file.filename, purpose: file.purpose, status: 'processed', status_details: null};
}

function batch(id: string, inputFileId: string, status: string) {
	return {
		id,
		object: 'batch',
		endpoint: '/v1/chat/completions',
		errors: null,
		input_file_id: inputFileId,
		completion_window: '24h',
		status,
		output_file_id: null,
		error_file_id: null,
		created_at: 1_700_000_000,
		request_counts: {total: 0, completed: 0, failed: 0},
		metadata: null,
	};
}

function serveFiles(method: string, path: string, form: FormPart[], field: (name: string) => string | undefined, files: Map<string, StoredFile>, nextId: () => string, response: ServerResponse): void {
	if (method === 'POST' && path === '/files') {
		const upload = form.find(part => part.filename !== undefined);
		const purpose = field('purpose') ?? '';
		if (!upload || !['batch', 'fine-tune', 'assistants', 'vision', 'user_data', 'evals'].includes(purpose)) {
			json(response, 400, {error: {message: `mock upstream: '${purpose}' is not a valid purpose`, type: 'invalid_request_error', param: 'purpose', code: null}});
			return;
		}

		const file = {id: nextId(), filename: upload.filename ?? 'upload', purpose, data: upload.data, created_at: 1_700_000_000};
		files.set(file.id, file);
		json(response, 200, fileObject(file));
		return;
	}

	if (method === 'GET' && path === '/files') {
		json(response, 200, {object: 'list', data: [...files.values()].map(fileObject), has_more: false});
		return;
	}

	const [, , id, sub] = path.split('/');
	const file = id ? files.get(id) : undefined;
	if (!file) {
		json(response, 404, {error: {message: `mock upstream: no file ${id}`, type: 'invalid_request_error', param: 'id', code: null}});
		return;
	}

	if (method === 'GET' && sub === 'content') {
		response.writeHead(200, {'content-type': 'application/octet-stream', 'content-length': file.data.length}).end(file.data);
	} else if (method === 'GET') {
		json(response, 200, fileObject(file));
	} else if (method === 'DELETE') {
		files.delete(file.id);
		json(response, 200, {id: file.id, object: 'file', deleted: true});
	} else {
		json(response, 405, {error: {message: `mock upstream: ${method} ${path} is not served`, type: 'invalid_request_error', param: null, code: null}});
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
	const files = new Map<string, StoredFile>();
	let fileCount = 0;
	const server = createServer(async (request, response) => {
		count++;
		const path = (request.url ?? '/').split('?')[0]!.replace(/^\/v1/, '');
		const raw = request.method === 'POST' ? await readBody(request) : Buffer.alloc(0);
		const contentType = String(request.headers['content-type'] ?? '');
		const form = contentType.startsWith('multipart/form-data') ? parseMultipart(raw, contentType) : [];
		const field = (name: string) => form.find(part => part.name === name && part.filename === undefined)?.data.toString('utf8');
		const body = form.length > 0 ? Object.fromEntries(form.filter(part => part.filename === undefined).map(part => [part.name, part.data.toString('utf8')])) : parseJson(raw);
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

				response.end(`${usageFrame(body, chunk(model, {}, null))}data: [DONE]\n\n`);
				return;
			}

			json(response, 200, completion(model));
			return;
		}

		if (request.method === 'POST' && path === '/embeddings') {
			// One vector per input, as OpenAI answers a list (a list of token ids is one input).
			const inputs = Array.isArray(body.input) && body.input.some(item => typeof item !== 'number') ? body.input.length : 1;
			const data = Array.from({length: inputs}, (_, index) => ({object: 'embedding', index, embedding: Array.from({length: 8}, (_, position) => position / 8)}));
			json(response, 200, {object: 'list', model, data, usage: {prompt_tokens: 2 * inputs, total_tokens: 2 * inputs}});
			return;
		}

		if (request.method === 'POST' && path === '/completions') {
			if (body.stream) {
				response.writeHead(200, {'content-type': 'text/event-stream; charset=utf-8'});
				const words = content.split(' ');
				for (const [index, word] of words.entries()) {
					const last = index === words.length - 1;
					response.write(`data: ${JSON.stringify(textChunk(model, word + (last ? '' : ' '), last ? 'stop' : null))}\n\n`);
					if (options.chunkDelayMs) await sleep(options.chunkDelayMs);
				}

				response.end(`${usageFrame(body, textChunk(model, '', null))}data: [DONE]\n\n`);
				return;
			}

			json(response, 200, {
				id: 'cmpl-mock-upstream',
				object: 'text_completion',
				created: 1_700_000_000,
				model,
				choices: [{index: 0, text: content, finish_reason: 'stop', logprobs: null}],
				usage: {prompt_tokens: 5, completion_tokens: 3, total_tokens: 8},
			});
			return;
		}

		if (request.method === 'POST' && path === '/images/generations') {
			const image = body.response_format === 'b64_json' ? {b64_json: onePixelPng, revised_prompt: String(body.prompt ?? '')} : {url: 'https://images.invalid/mock-upstream.png', revised_prompt: String(body.prompt ?? '')};
			json(response, 200, {created: 1_700_000_000, data: [image]});
			return;
		}

		if (request.method === 'POST' && path === '/audio/transcriptions') {
			json(response, 200, {text: content});
			return;
		}

		if (request.method === 'POST' && path === '/audio/speech') {
			response.writeHead(200, {'content-type': 'audio/mpeg', 'content-length': silentMp3.length}).end(silentMp3);
			return;
		}

		if (path === '/files' || path.startsWith('/files/')) {
			serveFiles(request.method ?? 'GET', path, form, field, files, () => `file-mock-${++fileCount}`, response);
			return;
		}

		if (request.method === 'POST' && path === '/batches') {
			json(response, 200, batch(`batch-mock-${count}`, String(body.input_file_id ?? ''), 'validating'));
			return;
		}

		const batchPath = /^\/batches\/([^/]+)(\/cancel)?$/.exec(path);
		if (batchPath) {
			json(response, 200, batch(batchPath[1]!, 'file-mock-input', batchPath[2] ? 'cancelling' : 'validating'));
			return;
		}

		if (request.method === 'GET' && path === '/batches') {
			json(response, 200, {object: 'list', data: [], first_id: null, last_id: null, has_more: false});
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
