// Server-sent events as LiteLLM's async_data_generator writes them: `data: <json>\n\n` per chunk, then
// `data: [DONE]\n\n`. Stops quietly when the client goes away or the simulator closes.
import type {Sim} from '../context.js';
import {sleep} from '../context.js';
import type {Exchange} from '../http/exchange.js';

export const sseContentType = 'text/event-stream; charset=utf-8';

/** Waits until the socket takes more data or goes away, without leaving listeners behind. */
function drained(exchange: Exchange): Promise<void> {
	return new Promise(resolve => {
		const done = () => {
			exchange.res.off('drain', done);
			exchange.res.off('close', done);
			resolve();
		};

		exchange.res.on('drain', done);
		exchange.res.on('close', done);
	});
}

async function write(exchange: Exchange, chunk: string | Buffer): Promise<boolean> {
	if (exchange.gone) return false;
	if (!exchange.res.write(chunk)) await drained(exchange);
	return !exchange.gone;
}

/** Writes every frame with `delayMs` between them, then [DONE]. False when the stream was cut short. */
export async function writeSse(exchange: Exchange, sim: Sim, frames: Iterable<unknown>, delayMs: number): Promise<boolean> {
	let first = true;
	for (const frame of frames) {
		if (!first) await sleep(sim, delayMs);
		first = false;
		if (!(await write(exchange, `data: ${JSON.stringify(frame)}\n\n`))) return false;
	}

	if (!(await write(exchange, 'data: [DONE]\n\n'))) return false;
	exchange.res.end();
	return true;
}

/** Writes raw bytes in fixed-size chunks (speech audio: 1024 bytes each). */
export async function writeChunked(exchange: Exchange, bytes: Buffer, chunkSize: number): Promise<boolean> {
	for (let offset = 0; offset < bytes.length; offset += chunkSize) {
		if (!(await write(exchange, bytes.subarray(offset, offset + chunkSize)))) return false;
	}

	if (exchange.gone) return false;
	exchange.res.end();
	return true;
}
