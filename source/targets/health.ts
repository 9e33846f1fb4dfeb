// Liveness of one target (its healthPath: GET /health/liveliness, public on LiteLLM, by default), for the TUI's polled health dots.
// React-free and cheap: it reuses the target's own connection pool and never throws.
import {performance} from 'node:perf_hooks';
import {request} from 'undici';
import {errorMessage} from '../errors.js';
import {redact} from './secrets.js';
import {targetUrl, type Target} from './target.js';
import {deadline} from '../shared/deadline.js';

import type {Flavour} from './profile-schema.js';

export const livenessPath = '/health/liveliness';

/** LiteLLM's public liveness route; any OpenAI-compatible gateway serves the model list. */
export function defaultHealthPath(flavour: Flavour): string {
	return flavour === 'openai' ? '/v1/models' : livenessPath;
}
export const defaultLivenessTimeoutMs = 2000;

export type Liveness = {
	ok: boolean;
	status?: number;
	latencyMs?: number;
	error?: string;
	checkedAt: number;
};

export async function checkLiveness(target: Target, signal?: AbortSignal, timeoutMs = defaultLivenessTimeoutMs): Promise<Liveness> {
	const start = performance.now();
	const checkedAt = Date.now();
	const timeout = deadline(signal, timeoutMs);
	try {
		const response = await request(targetUrl(target, target.healthPath ?? livenessPath), {
			method: 'GET',
			dispatcher: target.dispatcher,
			headers: {...target.headers, ...(target.key ? {authorization: `Bearer ${target.key}`} : {})},
			signal: timeout.signal,
		});
		// Drain the body so the keep-alive socket goes back to the pool.
		await response.body.dump();
		const latencyMs = Math.round(performance.now() - start);
		const ok = response.statusCode >= 200 && response.statusCode < 300;
		return {ok, status: response.statusCode, latencyMs, checkedAt, ...(ok ? {} : {error: `HTTP ${response.statusCode}`})};
	} catch (error) {
		const timedOut = timeout.signal.aborted && !signal?.aborted;
		const reason = timedOut ? `no answer within ${timeoutMs} ms` : redact(errorMessage(error));
		return {ok: false, error: reason, checkedAt};
	} finally {
		timeout.dispose();
	}
}
