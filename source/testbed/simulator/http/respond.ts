// Writing answers. Headers set earlier on the response (X-Request-ID, CORS) merge with the ones given here.
import type {Exchange} from './exchange.js';

export type Headers = Record<string, string>;

/** LiteLLM drops custom headers whose value is empty, None or "None". */
function withoutEmpty(headers: Headers): Headers {
	return Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== '' && value !== 'None'));
}

export function sendJson(exchange: Exchange, status: number, body: unknown, headers: Headers = {}): void {
	sendBody(exchange, status, JSON.stringify(body), 'application/json', headers);
}

export function sendBody(exchange: Exchange, status: number, body: string | Buffer, contentType: string, headers: Headers = {}): void {
	if (exchange.res.headersSent || exchange.gone) return;
	const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
	exchange.res.writeHead(status, {...withoutEmpty(headers), 'content-type': contentType, 'content-length': String(bytes.length)});
	exchange.res.end(bytes);
}

/** Starts a streamed answer (SSE or binary); the caller writes the chunks. */
export function startStream(exchange: Exchange, status: number, contentType: string, headers: Headers = {}): void {
	if (exchange.res.headersSent || exchange.gone) return;
	exchange.res.writeHead(status, {...withoutEmpty(headers), 'content-type': contentType});
	exchange.res.flushHeaders();
}
