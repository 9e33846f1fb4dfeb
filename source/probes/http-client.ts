// One HTTP exchange with a target through undici, timed on the monotonic clock, with a body cap and plain-worded
// transport errors. Every probe that speaks HTTP goes through here.
import {performance} from 'node:perf_hooks';
import {FormData, request} from 'undici';
import type {RequestSpec} from '../catalog/schema.js';
import type {Timing} from '../domain.js';
import {targetUrl, type Target} from '../targets/target.js';
import {batchJsonl, wavTone} from './generated-files.js';

export const defaultMaxBodyBytes = 8 * 1024 * 1024;

export type HttpExchange = {
	status: number;
	headers: Record<string, string>;
	body: Buffer;
	timing: Timing;
	url: string;
};

export type SendOptions = {
	signal: AbortSignal;
	timeoutMs: number;
	maxBodyBytes?: number;
	/** Called with each body chunk as it arrives (streams). */
	onChunk?: (chunk: Buffer, atMs: number) => void;
	onHeaders?: (status: number, atMs: number, headers: Record<string, string>) => void;
	/** Extra body fields for LLM requests (mock_response). */
	llmExtras?: Record<string, unknown>;
	modelForGeneratedFiles?: string;
};

export class TransportError extends Error {
	override name = 'TransportError';
}

const invalidKey = 'invalid-parity-probe-key';

export function authHeaders(target: Target, auth: RequestSpec['auth']): Record<string, string> {
	if (typeof auth === 'object') return {[auth.header.toLowerCase()]: auth.value};
	switch (auth) {
		case 'none':
			return {};
		case 'invalid':
			return {authorization: `Bearer ${invalidKey}`};
		case 'malformed':
			return target.key ? {authorization: target.key} : {authorization: 'not-a-bearer-value'};
		case 'admin': {
			const adminKey = target.adminKey ?? target.key;
			return adminKey ? {'x-admin-api-key': adminKey, authorization: `Bearer ${target.key ?? adminKey}`} : {};
		}

		default:
			return target.key ? {authorization: `Bearer ${target.key}`} : {};
	}
}

function buildBody(spec: RequestSpec, options: Pick<SendOptions, 'llmExtras' | 'modelForGeneratedFiles'>): {body?: string | FormData; contentType?: string} {
	if (spec.form) {
		const form = new FormData();
		for (const [name, field] of Object.entries(spec.form)) {
			if (typeof field === 'string') {
				form.append(name, field);
				continue;
			}

			const bytes =
				field.generate === 'wav'
					? wavTone()
					: field.generate === 'batch-jsonl'
						? batchJsonl(options.modelForGeneratedFiles ?? 'gpt-4o-mini')
						: Buffer.from(field.content ?? 'litellm-parity test file\n');
			form.append(name, new Blob([bytes], {type: field.contentType ?? 'application/octet-stream'}), field.filename);
		}

		return {body: form};
	}

	if (spec.json !== undefined) {
		let json = spec.json;
		if (spec.llm && options.llmExtras && json && typeof json === 'object' && !Array.isArray(json)) json = {...options.llmExtras, ...json};
		return {body: JSON.stringify(json), contentType: 'application/json'};
	}

	if (spec.body !== undefined) return {body: spec.body};
	return {};
}

export type PreparedRequest = {url: URL; method: RequestSpec['method']; headers: Record<string, string>; body?: string | FormData};

/** The URL, headers and body a spec turns into for a target (shared by single exchanges and load). */
export function prepareRequest(target: Target, spec: RequestSpec, options: Pick<SendOptions, 'llmExtras' | 'modelForGeneratedFiles'>): PreparedRequest {
	const url = targetUrl(target, spec.path, spec.base);
	for (const [name, value] of Object.entries(spec.query ?? {})) url.searchParams.set(name, String(value));
	const {body, contentType} = buildBody(spec, options);
	const headers: Record<string, string> = {
		...(contentType ? {'content-type': contentType} : {}),
		...(spec.base === 'proxy' ? {...lowerKeys(target.headers), ...authHeaders(target, spec.auth)} : {}),
		...lowerKeys(spec.headers ?? {}),
	};
	return {url, method: spec.method, headers, body};
}

export async function send(target: Target, spec: RequestSpec, options: SendOptions): Promise<HttpExchange> {
	const {url, headers, body} = prepareRequest(target, spec, options);
	const maxBodyBytes = options.maxBodyBytes ?? defaultMaxBodyBytes;
	const start = performance.now();
	const elapsed = () => performance.now() - start;
	let response: Awaited<ReturnType<typeof request>>;
	try {
		response = await request(url, {
			method: spec.method,
			headers,
			body,
			dispatcher: target.dispatcher,
			signal: options.signal,
			headersTimeout: options.timeoutMs,
			bodyTimeout: options.timeoutMs,
		});
	} catch (error) {
		throw new TransportError(describeTransportError(error, options, 'waiting for the response headers', url));
	}

	const headersMs = elapsed();
	const responseHeaders = flattenHeaders(response.headers);
	options.onHeaders?.(response.statusCode, headersMs, responseHeaders);
	const chunks: Buffer[] = [];
	let size = 0;
	let firstByteMs: number | undefined;
	try {
		for await (const chunk of response.body as AsyncIterable<Buffer>) {
			const atMs = elapsed();
			firstByteMs ??= atMs;
			size += chunk.length;
			if (size > maxBodyBytes) {
				response.body.destroy();
				throw new TransportError(`response body exceeds ${formatBytes(maxBodyBytes)} (raise options.maxBodyBytes in the profile to allow it)`);
			}

			chunks.push(chunk);
			options.onChunk?.(chunk, atMs);
		}
	} catch (error) {
		if (error instanceof TransportError) throw error;
		throw new TransportError(describeTransportError(error, options, 'reading the body', url));
	}

	return {
		status: response.statusCode,
		headers: responseHeaders,
		body: Buffer.concat(chunks),
		timing: {headersMs, firstByteMs, totalMs: elapsed()},
		url: url.toString(),
	};
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
	return Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(headers)) {
		if (value !== undefined) out[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
	}

	return out;
}

function formatBytes(bytes: number): string {
	return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(0)} MB` : `${(bytes / 1024).toFixed(0)} KB`;
}

/** Turn undici and socket errors into one plain sentence. */
export function describeTransportError(error: unknown, options: Pick<SendOptions, 'signal' | 'timeoutMs'>, phase: string, url: URL): string {
	const where = `${url.host}`;
	if (options.signal.aborted) {
		const reason = options.signal.reason as {name?: string} | undefined;
		if (reason?.name === 'TimeoutError') return `timed out after ${options.timeoutMs} ms ${phase} (${where})`;
		return 'cancelled';
	}

	const code = (error as {code?: string; cause?: {code?: string}})?.code ?? (error as {cause?: {code?: string}})?.cause?.code;
	switch (code) {
		case 'ECONNREFUSED':
			return `connection refused by ${where}: is the proxy running on that port?`;
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return `host not found: ${url.hostname}`;
		case 'ECONNRESET':
		case 'UND_ERR_SOCKET':
			return `connection reset by ${where} while ${phase}`;
		case 'UND_ERR_HEADERS_TIMEOUT':
			return `timed out after ${options.timeoutMs} ms waiting for the response headers (${where})`;
		case 'UND_ERR_BODY_TIMEOUT':
			return `timed out after ${options.timeoutMs} ms ${phase}: the body stopped arriving (${where})`;
		case 'UND_ERR_CONNECT_TIMEOUT':
			return `timed out connecting to ${where}`;
		case 'ERR_TLS_CERT_ALTNAME_INVALID':
		case 'DEPTH_ZERO_SELF_SIGNED_CERT':
		case 'SELF_SIGNED_CERT_IN_CHAIN':
		case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
		case 'CERT_HAS_EXPIRED':
			return `TLS certificate rejected by the tool (${code}); set tls.ca or tls.insecure in the profile`;
		case 'UND_ERR_INVALID_ARG':
			return `invalid request: ${(error as Error).message}`;
		default:
			return `${(error as Error)?.message ?? String(error)} while ${phase} (${where})`;
	}
}
