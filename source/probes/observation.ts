// Turning raw exchanges into observations: JSON parsed when it is JSON, text sliced for display.
import type {Observation, Side, Timing} from '../domain.js';
import type {HttpExchange} from './http-client.js';

/** Bodies are shown, never held whole in the UI: this is how much text an observation keeps. */
export const displayBodyLimit = 64 * 1024;

export function parseBody(body: Buffer, contentType: string | undefined): {json?: unknown; text: string} {
	const looksBinary = contentType !== undefined && /^(audio|image|video)\/|octet-stream/.test(contentType);
	if (looksBinary) return {text: `<${body.length} bytes of ${contentType}>`};
	const text = body.toString('utf8');
	const trimmed = text.trimStart();
	if (trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('"') || /json/.test(contentType ?? '')) {
		try {
			return {json: JSON.parse(text), text};
		} catch {
			// Not JSON after all: keep the text; expectations on JSON fields will say what is missing.
		}
	}

	return {text};
}

export function sliceText(text: string, limit = displayBodyLimit): string {
	return text.length > limit ? `${text.slice(0, limit)}\n… (${text.length - limit} more characters)` : text;
}

export function observationFromExchange(side: Side, exchange: HttpExchange): Observation {
	const contentType = exchange.headers['content-type'];
	const {json, text} = parseBody(exchange.body, contentType);
	return {
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
