// Turning raw exchanges into observations: JSON parsed when it is JSON, text sliced for display.
import type {Observation, Side, Timing} from '../domain.js';
import {answerBounds, boundValue, type BoundReport} from '../values/bounded.js';
import {controlCount, plainText} from '../values/plain-text.js';
import type {HttpExchange} from './http-client.js';
import {median} from '../shared/median.js';

/** Bodies are shown, never held whole in the UI: this is how much text an observation keeps. */
export const displayBodyLimit = 64 * 1024;

export function isJsonContentType(contentType: string | undefined): boolean {
	return /[/+]json\b/i.test(contentType ?? '');
}

/** Above this much text in its values an answer is too big to compare (values were cut): the side is an error. */
export const maxAnswerTextChars = 4 * 1024 * 1024;

/**
 * The answer as the rest of the tool sees it: bounded (depth, size; cuts marked) and with terminal control
 * characters made visible; and, in plain words, what made it unfit to compare, if anything.
 */
export function boundAnswer(json: unknown, bytes?: number): {json: unknown; problem?: string} {
	let controls = 0;
	const {value, report} = boundValue(json, answerBounds, text => {
		const count = controlCount(text);
		if (count === 0) return text;
		controls += count;
		return plainText(text);
	});
	return {json: value, problem: answerTooBig(report, bytes) ?? controlProblem(controls)};
}

function answerTooBig(report: BoundReport, bytes: number | undefined): string | undefined {
	if (report.tooDeep) return `the answer nests deeper than ${answerBounds.maxDepth} levels; the tool compares ${answerBounds.maxDepth} levels and cut the rest`;
	if (report.tooBig || report.sourceChars > maxAnswerTextChars) {
		const size = bytes === undefined ? 'more than the tool keeps' : `${(bytes / 1024 / 1024).toFixed(1)} MB of JSON`;
		return `the answer is too big to compare (${size}); the tool keeps ${answerBounds.maxNodes.toLocaleString('en')} values, ${answerBounds.maxStringChars / 1024} K characters of a string and ${answerBounds.maxTotalChars / 1024 / 1024} M in all, and cut the rest`;
	}

	return undefined;
}

function controlProblem(count: number): string | undefined {
	if (count === 0) return undefined;
	return `the answer contains ${count} terminal control character${count === 1 ? '' : 's'} (escape sequences can retitle, clear or write to the clipboard of a terminal); they are shown as ␛ and the like, never sent to the terminal`;
}

export function parseBody(body: Buffer, contentType: string | undefined): {json?: unknown; text: string; jsonError?: string; problem?: string} {
	const looksBinary = contentType !== undefined && /^(audio|image|video)\/|octet-stream/.test(contentType);
	if (looksBinary) return {text: `<${body.length} bytes of ${contentType}>`};
	const text = body.toString('utf8');
	const trimmed = text.trimStart();
	if (trimmed.startsWith('{') || trimmed.startsWith('[') || trimmed.startsWith('"') || isJsonContentType(contentType)) {
		let parsed: unknown;
		try {
			parsed = JSON.parse(text);
		} catch (error) {
			// Not JSON after all: keep the text, and say why when the server claimed it was JSON.
			return {text, jsonError: isJsonContentType(contentType) ? (error as Error).message : undefined, problem: controlProblem(controlCount(text.slice(0, displayBodyLimit)))};
		}

		return {text, ...boundAnswer(parsed, body.length)};
	}

	return {text, problem: controlProblem(controlCount(text.slice(0, displayBodyLimit)))};
}

/** A short, single-line preview of a body for error messages. */
export function snippet(text: string | undefined, length = 60): string {
	const flat = plainText((text ?? '').slice(0, length * 4).replaceAll(/\s+/g, ' ').trim());
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
	const {json, text, jsonError, problem: answerFault} = parseBody(exchange.body, contentType);
	const problem = answerProblem(exchange, jsonError, text) ?? answerFault;
	return {
		...(problem ? {error: problem} : {}),
		side,
		reached: true,
		status: exchange.status,
		headers: Object.fromEntries(Object.entries(exchange.headers).map(([name, value]) => [plainText(name), plainText(value.slice(0, 8192))])),
		contentType,
		body: json,
		bodyText: plainText(sliceText(text)),
		bytes: exchange.body.length,
		timing: exchange.timing,
	};
}

export function unreachedObservation(side: Side, error: string, totalMs: number): Observation {
	return {side, reached: false, headers: {}, timing: {totalMs}, error};
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
