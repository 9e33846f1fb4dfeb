// The bytes a shadow exchange captured on one side, turned into the observation the compare rules read: JSON parsed,
// event streams read into the same stream view the SSE probe builds.
import type {Observation, Side} from '../domain.js';
import {observationFromExchange} from '../probes/observation.js';
import {createStreamReader, streamView} from '../probes/sse.js';

export type Captured = {
	status: number;
	headers: Record<string, string>;
	body: Buffer;
	/** ms from sending the request to the headers and to the end of the body. */
	headersMs: number;
	totalMs: number;
};

export function isEventStream(headers: Record<string, string>): boolean {
	return /text\/event-stream/i.test(headers['content-type'] ?? '');
}

export function observationOf(side: Side, captured: Captured, url = ''): Observation {
	const timing = {headersMs: captured.headersMs, totalMs: captured.totalMs};
	const observation = observationFromExchange(side, {status: captured.status, headers: captured.headers, body: captured.body, timing, url});
	if (!isEventStream(captured.headers)) return observation;
	const reader = createStreamReader(() => undefined, () => captured.totalMs);
	reader.feed(captured.body);
	return {...observation, body: streamView(reader.stream, reader.chunkCount), stream: reader.stream};
}

export function unreached(side: Side, error: string, totalMs: number): Observation {
	return {side, reached: false, headers: {}, timing: {totalMs}, error};
}
