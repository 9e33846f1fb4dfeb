// One request and its answer in flight: the parsed URL, route params, who is calling, and the body read once.
import type {IncomingMessage, ServerResponse} from 'node:http';
import type {Principal} from '../auth/principal.js';
import type {LlmCall} from '../llm/call.js';
import {missingField, proxyError, validationError} from './errors.js';

const maxBodyBytes = 64 * 1024 * 1024;

export class Exchange {
	readonly startedAt = performance.now();
	readonly url: URL;
	params: Record<string, string> = {};
	principal: Principal = {role: 'proxy_admin', via: 'no-auth'};
	/** The candidate's X-Request-ID (echoed or generated); undefined on the baseline. */
	requestId: string | undefined;
	/** Name of the matched route, for logs and metrics. */
	routeName = 'not_found';
	/** Headers added to any answer of this exchange, errors included (the x-litellm-* set once an LLM call began). */
	readonly answerHeaders: Record<string, string> = {};
	/** The injected latency was already waited for (or deliberately skipped, on a cache hit). */
	latencyPaid = false;
	/** The model an LLM request asked for, known before it is accepted (metrics label failures with it). */
	requestedModel?: string;
	/** The LLM call this request started, once its model was accepted (metrics and spend read it). */
	llmCall?: LlmCall;
	/** Set when the answer was an error produced by the simulator (for metrics and logs). */
	failure?: {status: number; exceptionClass: string};
	private body?: Promise<Buffer>;

	constructor(
		readonly req: IncomingMessage,
		readonly res: ServerResponse,
	) {
		// Prefixing (rather than resolving against a base) keeps `//x` a path, as a server sees it.
		let url: URL;
		try {
			url = new URL(`http://simulator.local${req.url?.startsWith('/') ? req.url : '/'}`);
		} catch {
			url = new URL('http://simulator.local/');
		}

		this.url = url;
	}

	get method(): string {
		return (this.req.method ?? 'GET').toUpperCase();
	}

	get path(): string {
		return this.url.pathname;
	}

	header(name: string): string | undefined {
		const value = this.req.headers[name.toLowerCase()];
		return Array.isArray(value) ? value[0] : value;
	}

	query(name: string): string | undefined {
		return this.url.searchParams.get(name) ?? undefined;
	}

	/** True once the client went away or the answer is complete: writers stop. */
	get gone(): boolean {
		return this.res.destroyed || this.res.writableEnded;
	}

	rawBody(): Promise<Buffer> {
		this.body ??= new Promise<Buffer>((resolve, reject) => {
			const chunks: Buffer[] = [];
			let size = 0;
			this.req.on('data', (chunk: Buffer) => {
				size += chunk.length;
				if (size > maxBodyBytes) {
					reject(proxyError(413, `Request body too large. Limit is ${maxBodyBytes} bytes.`));
					this.req.destroy();
					return;
				}

				chunks.push(chunk);
			});
			this.req.on('end', () => resolve(Buffer.concat(chunks)));
			this.req.on('error', reject);
		});
		return this.body;
	}

	/**
	 * The body as LiteLLM's LLM routes read it: they parse the raw bytes themselves, so a missing or broken body is
	 * an empty dict, never a 422.
	 */
	async looseJson(): Promise<Record<string, unknown>> {
		const raw = await this.rawBody();
		if (raw.length === 0) return {};
		try {
			const value: unknown = JSON.parse(raw.toString('utf8'));
			return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
		} catch {
			return {};
		}
	}

	/**
	 * The body as a pydantic-typed FastAPI route reads it: a missing body, broken JSON or a missing required field
	 * is a 422 with the pydantic issue list.
	 */
	async modelJson(required: string[] = []): Promise<Record<string, unknown>> {
		const raw = await this.rawBody();
		if (raw.length === 0) throw validationError([missingField(['body'], null)]);
		let value: unknown;
		try {
			value = JSON.parse(raw.toString('utf8'));
		} catch (error) {
			throw validationError([
				{
					type: 'json_invalid',
					loc: ['body', 0],
					msg: 'JSON decode error',
					input: {},
					ctx: {error: error instanceof Error ? error.message.split('\n')[0] : 'Expecting value'},
				},
			]);
		}

		if (!value || typeof value !== 'object' || Array.isArray(value)) {
			throw validationError([{type: 'model_attributes_type', loc: ['body'], msg: 'Input should be a valid dictionary or object to extract fields from', input: value}]);
		}

		const record = value as Record<string, unknown>;
		const missing = required.filter(field => record[field] === undefined);
		if (missing.length > 0) throw validationError(missing.map(field => missingField(['body', field], record)));
		return record;
	}
}
