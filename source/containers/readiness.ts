// Poll a readiness URL until it answers 200, or give up at a deadline. Connection errors while a container boots
// are expected and only remembered as the last answer.
import {performance} from 'node:perf_hooks';
import {setTimeout as delay} from 'node:timers/promises';
import {request, type Dispatcher} from 'undici';
import {errorMessage} from '../errors.js';
import {deadline} from '../shared/deadline.js';

export type Readiness = {ready: boolean; afterMs: number; polls: number; lastAnswer?: string};

export type ReadinessOptions = {limitMs: number; intervalMs?: number; signal?: AbortSignal; dispatcher?: Dispatcher; headers?: Record<string, string>};

export async function waitUntilReady(url: string, {limitMs, intervalMs = 100, signal, dispatcher, headers}: ReadinessOptions): Promise<Readiness> {
	const start = performance.now();
	let polls = 0;
	let lastAnswer: string | undefined;
	while (performance.now() - start < limitMs) {
		signal?.throwIfAborted();
		polls++;
		const poll = deadline(signal, 2_000);
		try {
			const answer = await request(url, {method: 'GET', headers, dispatcher, signal: poll.signal});
			await answer.body.dump();
			lastAnswer = `HTTP ${answer.statusCode}`;
			if (answer.statusCode === 200) return {ready: true, afterMs: performance.now() - start, polls, lastAnswer};
		} catch (error) {
			signal?.throwIfAborted();
			lastAnswer = errorMessage(error);
		} finally {
			poll.dispose();
		}

		await delay(intervalMs, undefined, {signal});
	}

	return {ready: false, afterMs: performance.now() - start, polls, lastAnswer};
}
