// Server-sent events (streamed chat and completions): frames parsed live with eventsource-parser, progress per chunk,
// time to first token, the [DONE] marker, usage and mid-stream error frames.
import {performance} from 'node:perf_hooks';
import {createParser} from 'eventsource-parser';
import type {Observation, StreamObservation} from '../domain.js';
import {send, TransportError} from './http-client.js';
import {sendOptionsFor} from './http.js';
import {plainText} from '../values/plain-text.js';
import {boundAnswer, observationFromExchange, snippet, unreachedObservation, withSamples} from './observation.js';
import {interpolate} from './placeholders.js';
import type {Probe, ProbeContext} from './types.js';

/** Streams can be long; the UI and the comparison need their ends, not every frame forever. */
export const maxKeptChunks = 5000;

type Delta = {text: string; hasContent: boolean};

/** The text a chunk adds: chat deltas, completion text or Responses API deltas. */
export function chunkDelta(chunk: unknown): Delta {
	const value = chunk as {choices?: Array<{delta?: {content?: unknown}; text?: unknown}>; delta?: unknown; type?: string};
	const choice = value?.choices?.[0];
	const text = choice?.delta?.content ?? choice?.text ?? (value?.type === 'response.output_text.delta' ? value.delta : undefined);
	return typeof text === 'string' ? {text, hasContent: text.length > 0} : {text: '', hasContent: false};
}

export type StreamReader = {
	/** Feed raw body bytes as they arrive (UTF-8 split across chunks is reassembled). */
	feed(bytes: Uint8Array): void;
	readonly stream: StreamObservation;
	readonly chunkCount: number;
};

/** Parses an SSE body incrementally into a StreamObservation, calling onFrame for each data frame but [DONE]. */
export function createStreamReader(onFrame: (frame: {index: number; text: string; atMs: number}) => void, elapsedMs: () => number): StreamReader {
	const stream: StreamObservation = {chunks: [], done: false, text: ''};
	let chunkCount = 0;
	const decoder = new TextDecoder('utf-8');
	const parser = createParser({
		onEvent(event) {
			if (event.data === '[DONE]') {
				stream.done = true;
				return;
			}

			let chunk: unknown = plainText(event.data.slice(0, 64 * 1024));
			try {
				// A frame is a server's value like any answer: bounded and without terminal controls.
				chunk = boundAnswer(JSON.parse(event.data)).json;
			} catch {
				// Keep the raw frame: the comparison reports it as a non-JSON chunk.
			}

			const atMs = elapsedMs();
			chunkCount++;
			if (stream.chunks.length < maxKeptChunks) stream.chunks.push(chunk);
			const {text, hasContent} = chunkDelta(chunk);
			if (hasContent && stream.ttftMs === undefined) stream.ttftMs = atMs;
			stream.text += text;
			const record = chunk as {usage?: unknown; error?: unknown} | null;
			if (record && typeof record === 'object' && record.usage) stream.usage = record.usage;
			if (record && typeof record === 'object' && record.error) stream.errorFrame = record.error;
			onFrame({index: chunkCount - 1, text, atMs});
		},
	});
	return {
		feed: bytes => parser.feed(decoder.decode(bytes, {stream: true})),
		stream,
		get chunkCount() {
			return chunkCount;
		},
	};
}

async function streamOnce(context: ProbeContext): Promise<Observation> {
	const spec = interpolate(context.check.request!, context.scope, `${context.check.id}.request`);
	let isEventStream = false;
	const reader = createStreamReader(({index, text, atMs}) => context.progress({kind: 'chunk', index, text, atMs}), () => performance.now() - start);
	const {stream} = reader;
	const start = performance.now();
	try {
		const exchange = await send(context.target, spec, {
			...sendOptionsFor(context),
			onHeaders(status, atMs, headers) {
				isEventStream = /text\/event-stream/.test(headers['content-type'] ?? '');
				context.progress({kind: 'headers', status, atMs});
			},
			onChunk(chunk) {
				if (isEventStream) reader.feed(chunk);
			},
		});
		const observation = observationFromExchange(context.side, exchange);
		if (!isEventStream) {
			// An error before the first chunk comes back as plain JSON (contract §4.1); a 2xx that is not a stream is broken.
			const success = exchange.status >= 200 && exchange.status < 300;
			if (!success || observation.error) return observation;
			return {...observation, error: `expected an event stream (text/event-stream), got ${observation.contentType ?? 'no content-type'}: ${snippet(observation.bodyText)}`};
		}

		return {
			...observation,
			body: streamView(stream, reader.chunkCount),
			timing: {...exchange.timing, firstByteMs: stream.ttftMs ?? exchange.timing.firstByteMs},
			stream,
		};
	} catch (error) {
		if (error instanceof TransportError) {
			const observation = unreachedObservation(context.side, error.message, performance.now() - start);
			return reader.chunkCount > 0 ? {...observation, stream, body: streamView(stream, reader.chunkCount)} : observation;
		}

		throw error;
	}
}

/** The JSON view a stream is compared and asserted on: its ends, not every frame. */
export function streamView(stream: StreamObservation, chunkCount: number) {
	const contentChunks = stream.chunks.filter(chunk => chunkDelta(chunk).hasContent);
	const finish = stream.chunks.find(chunk => (chunk as {choices?: Array<{finish_reason?: unknown}>})?.choices?.some(choice => choice.finish_reason));
	const usageChunk = stream.chunks.find(chunk => (chunk as {usage?: unknown})?.usage);
	return {
		done: stream.done,
		chunkCount,
		contentChunks: contentChunks.length,
		text: stream.text,
		first: stream.chunks[0],
		firstContent: contentChunks[0],
		finish,
		usage: (usageChunk as {usage?: unknown} | undefined)?.usage,
		error: stream.errorFrame,
	};
}

export const sseProbe: Probe = async context => {
	const observations: Observation[] = [];
	for (let sample = 0; sample < context.samples; sample++) {
		const observation = await streamOnce(context);
		observations.push(observation);
		if (!observation.reached) break;
	}

	return context.samples > 1 ? withSamples(observations) : observations[0]!;
};
