// Turning raw exchanges into observations: JSON parsed when it is JSON, text sliced for display.
import type {Observation, Side, Timing} from '../domain.js';
import type {HttpExchange} from './http-client.js';

/** Bodies are shown, never held whole in the UI: this is how much text an observation keeps. */
export const displayBodyLimit = 64 * 1024;

export function isJsonContentType(contentType: string | undefined): boolean {
	return /[/+]json\b/i.test(contentType ?? '');
}

export function parseBody(body: Buffer, contentType: string | undefined): {json?: unknown; text: string; jsonError?: string} {
	const looksBinary = contentType !== undefined && /^(audio|image|video)\/|octet-stream/.test(contentType);
	if (looksBinary) return {text: `<${body.length} bytes of ${contentType}>`};
	const text = body.toString('utf8');
	const trimmed = text.trimStart();
	if (trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('"') || isJsonContentType(contentType)) {
		try {
			return {json: JSON.parse(text), text};
		} catch (error) {
			// Not JSON after all: keep the text, and say why when the server claimed it was JSON.
			return {text, jsonError: isJsonContentType(contentType) ? (error as Error).message : undefined};
		}
	}

	return {text};
}

/** A short, single-line preview of a body for error messages. */
export function snippet(text: string | undefined, length = 60): string {
	const flat = (text ?? '').replaceAll(/\s+/g, ' ').trim();
	return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}

export function sliceText(text: string, limit = displayBodyLimit): string {
	return text.length > limit ? `${text.slice(0, limit)}\n… (${text.length - limit} more characters)` : text;
}

/** Answers that are malformed whatever the check expects: an unfollowed redirect, JSON that does not parse. */
function answerProblem(exchange: HttpExchange, jsonError: string | undefined, text: string): string | undefined {
	const location = exchange.headers.location;
	if (exchange.status >= 300 && exchange.status < 400 && location) {
		return `redirected (${exchange.status}) to ${location}; the tool does not follow redirects: point the profile at the final URL`;
	}

	if (jsonError) return `the body is not valid JSON although content-type is ${exchange.headers['content-type']} (${jsonError}): ${snippet(text)}`;
	return undefined;
}

export function observationFromExchange(side: Side, exchange: HttpExchange): Observation {
	const contentType = exchange.headers['content-type'];
	const {json, text, jsonError} = parseBody(exchange.body, contentType);
	const problem = answerProblem(exchange, jsonError, text);
	return {
		...(problem ? {error: problem} : {}),
		side,
		reached: true,
		status: exchange.status,
		headers: exchange.headers,
		contentType,
		body: json,
		bodyText: sliceText(text),
		bytes: exchange.body.length,
		timing: exchange.timing,
	};
}

export function unreachedObservation(side: Side, error: string, totalMs: number): Observation {
	return {side, reached: false, headers: {}, timing: {totalMs}, error};
}

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Combine repeated samples: the observation of the median-latency sample, with every latency kept. */
export function withSamples(observations: Observation[]): Observation {
	const reached = observations.filter(observation => observation.reached);
	if (reached.length === 0) return observations[0]!;
	const totals = reached.map(observation => observation.timing.totalMs);
	const middle = median(totals);
	const closest = reached.reduce((best, observation) => (Math.abs(observation.timing.totalMs - middle) < Math.abs(best.timing.totalMs - middle) ? observation : best));
	const timing: Timing = {...closest.timing, totalMs: middle};
	return {...closest, timing, samples: totals};
}
