// One mirrored exchange as the shadow proxy reports it: the request (credentials masked), both answers as
// observations, and the verdict with its differences. What the explorer opens, the recorder keeps and reports count.
import type {Difference, Observation, Verdict} from '../domain.js';
import {maskSecret, redact} from '../targets/secrets.js';

export type RecordedRequest = {
	method: string;
	/** Path and query as the client sent them, secrets masked. */
	path: string;
	headers: Record<string, string>;
	/** The body as text (UTF-8) or base64 for binary bodies; absent when there was none. */
	body?: string;
	bodyEncoding?: 'utf8' | 'base64';
	/** The body was longer than the recording limit and is cut: such a request is not replayed. */
	truncated?: boolean;
};

export type ShadowExchange = {
	id: number;
	at: string;
	route: string;
	/** The check whose compare rules judged it. */
	rule?: string;
	streamed: boolean;
	request: RecordedRequest;
	verdict: Verdict;
	reason?: string;
	differences: Difference[];
	baseline: Observation;
	candidate: Observation;
	/** A second baseline answer was taken for this exchange to learn the route's noise. */
	noiseSample: boolean;
};

/** Header values as one string each (repeated headers joined), as observations keep them. */
export function flatten(headers: Record<string, string | string[] | undefined>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const name in headers) {
		const value = headers[name];
		if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
	}

	return out;
}

/** Headers whose values are credentials: never shown, saved or sent to the candidate as the client sent them. */
export const credentialHeaders: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization', 'x-api-key', 'api-key', 'x-admin-api-key', 'x-litellm-api-key', 'cookie', 'set-cookie', 'x-goog-api-key', 'anthropic-api-key']);

/** Things shaped like keys (sk-…, Bearer tokens) that no profile registered: masked as well. */
const keyShaped = /\b(sk-[A-Za-z0-9_-]{6,}|Bearer\s+[A-Za-z0-9._~+/=-]{8,})/g;

export function scrub(text: string): string {
	return redact(text).replaceAll(keyShaped, match => (match.startsWith('Bearer') ? `Bearer ${maskSecret(match.slice(7).trim())}` : maskSecret(match)));
}

/** Deep-scrub strings inside a JSON-like value. */
export function scrubValue<T>(value: T): T {
	if (typeof value === 'string') return scrub(value) as T;
	if (Array.isArray(value)) return value.map(item => scrubValue(item)) as T;
	if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, scrubValue(inner)])) as T;
	return value;
}

export function maskHeaders(headers: Record<string, string>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (!credentialHeaders.has(name)) {
			out[name] = scrub(value);
			continue;
		}

		const bearer = /^Bearer\s+/i.exec(value);
		out[name] = bearer ? `${bearer[0]}${maskSecret(value.slice(bearer[0].length))}` : maskSecret(value);
	}

	return out;
}

/** Displayed bodies are bounded: the UI and the recent-exchange lists keep this much of each. */
export const keptBodyText = 16 * 1024;
export const keptChunks = 200;

/** The observation as kept after judging: secrets masked, bodies and streams cut to a bounded size. */
export function keptObservation(observation: Observation): Observation {
	const bodyText = observation.bodyText === undefined ? undefined : scrub(observation.bodyText.length > keptBodyText ? `${observation.bodyText.slice(0, keptBodyText)}\n… (cut)` : observation.bodyText);
	const stream = observation.stream ? scrubValue({...observation.stream, chunks: observation.stream.chunks.slice(0, keptChunks)}) : undefined;
	return {
		...observation,
		headers: maskHeaders(observation.headers),
		body: scrubValue(observation.body),
		bodyText,
		...(stream ? {stream} : {}),
		...(observation.error ? {error: scrub(observation.error)} : {}),
	};
}

/** The exchange as it may be shown or saved: every observation and difference scrubbed of secrets. */
export function keptExchange(exchange: ShadowExchange): ShadowExchange {
	return {
		...exchange,
		reason: exchange.reason === undefined ? undefined : scrub(exchange.reason),
		differences: scrubValue(exchange.differences),
		baseline: keptObservation(exchange.baseline),
		candidate: keptObservation(exchange.candidate),
	};
}
