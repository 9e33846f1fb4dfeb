// The error answers LiteLLM gives, as values a handler throws: envelope A (ProxyException, `{"error":{…}}` with
// `code` as a string), envelope B (FastAPI HTTPException, `{"detail":…}`) and pydantic's 422 list.
import {pyRepr} from '../python-format.js';

export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown,
		readonly headers: Record<string, string> = {},
	) {
		super(typeof body === 'object' ? JSON.stringify(body) : String(body));
	}
}

export type ProxyErrorFields = {type?: string | null; param?: string | null};

/** Envelope A. `type` and `param` default to the literal string "None", as LiteLLM sends them. */
export function proxyError(status: number, message: string, fields: ProxyErrorFields = {}, headers: Record<string, string> = {}): HttpError {
	return new HttpError(
		status,
		{error: {message, type: fields.type === undefined ? 'None' : fields.type, param: fields.param === undefined ? 'None' : fields.param, code: String(status)}},
		headers,
	);
}

/** Envelope A for an HTTPException whose detail was a dict: LiteLLM puts Python's str(dict) in `message`. */
export function proxyErrorFromDetail(status: number, detail: Record<string, unknown>, type = 'internal_server_error'): HttpError {
	return proxyError(status, pyRepr(detail), {type});
}

export function authError(message: string, type = 'auth_error', status = 401): HttpError {
	return proxyError(status, `Authentication Error, ${message}`, {type, param: 'None'});
}

/** Envelope B. */
export function detailError(status: number, detail: unknown, headers: Record<string, string> = {}): HttpError {
	return new HttpError(status, {detail}, headers);
}

export function notFound(): HttpError {
	return detailError(404, 'Not Found');
}

export type PydanticIssue = {type: string; loc: Array<string | number>; msg: string; input: unknown; ctx?: Record<string, unknown>};

export function validationError(issues: PydanticIssue[]): HttpError {
	return new HttpError(422, {detail: issues});
}

export function missingField(loc: Array<string | number>, input: unknown): PydanticIssue {
	return {type: 'missing', loc, msg: 'Field required', input};
}
