// Log lines through the caller's logger: uvicorn-style plain text on the baseline, JSON lines on the candidate
// (LLMRouter's structured logging). Keys never reach a line: query values that look like secrets are masked.
import type {Personality} from '../options.js';

export type Level = 'INFO' | 'WARNING' | 'ERROR';

const statusPhrases: Record<number, string> = {
	200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 307: 'Temporary Redirect', 400: 'Bad Request', 401: 'Unauthorized',
	403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 413: 'Request Entity Too Large', 422: 'Unprocessable Entity',
	429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

const secretParams = /([?&](?:key|api_key|api-key|token|master_key|admin_key)=)[^&]*/gi;

export function scrubPath(path: string): string {
	return path.replace(secretParams, '$1****').replace(/sk-[A-Za-z0-9_-]{4,}/g, 'sk-****');
}

export class AppLog {
	constructor(
		private readonly personality: Personality,
		private readonly sink: ((line: string) => void) | undefined,
	) {}

	get enabled(): boolean {
		return this.sink !== undefined;
	}

	line(level: Level, message: string, fields: Record<string, unknown> = {}, logger = 'litellm.proxy'): void {
		if (!this.sink) return;
		const safe = scrubPath(message);
		if (this.personality === 'candidate') {
			this.sink(JSON.stringify({timestamp: new Date().toISOString(), level, logger, message: safe, ...fields}));
		} else {
			this.sink(`${`${level}:`.padEnd(10)}${safe}`);
		}
	}

	access(client: string, method: string, path: string, status: number, requestId?: string): void {
		if (!this.sink) return;
		const request = `${client} - "${method} ${scrubPath(path)} HTTP/1.1" ${status}`;
		if (this.personality === 'candidate') this.line('INFO', request, {request_id: requestId, status_code: status}, 'uvicorn.access');
		else this.line('INFO', `${request} ${statusPhrases[status] ?? ''}`.trimEnd());
	}
}
