// §4.5 audio: transcriptions (multipart in, JSON or text out) and speech (JSON in, binary audio/mpeg out in
// 1024-byte chunks).
import type {Sim} from '../context.js';
import {hasGap} from '../gaps.js';
import {missingField, proxyError, validationError} from '../http/errors.js';
import type {Exchange} from '../http/exchange.js';
import {readForm} from '../http/multipart.js';
import {sendBody, sendJson, startStream} from '../http/respond.js';
import type {RouteSpec} from '../http/router.js';
import {beginLlmCall, finishLlmCall, settleUsage, successHeaders, upstreamWork} from '../llm/call.js';
import {transcriptText} from '../llm/content.js';
import {writeChunked} from '../llm/sse.js';
import {hash32, Rng} from '../random.js';

/** Rough bytes per second of compressed speech, to turn an upload's size into a duration. */
const bytesPerSecond = 16_000;

/** Seconds of audio: exact for a PCM WAV (as LiteLLM measures the file), else estimated from the size. */
export function audioSeconds(data: Buffer): number {
	if (data.length >= 44 && data.toString('ascii', 0, 4) === 'RIFF' && data.toString('ascii', 8, 12) === 'WAVE') {
		const byteRate = data.readUInt32LE(28);
		let offset = 12;
		while (offset + 8 <= data.length && byteRate > 0) {
			const size = data.readUInt32LE(offset + 4);
			if (data.toString('ascii', offset, offset + 4) === 'data') return Math.round((Math.min(size, data.length - offset - 8) / byteRate) * 1000) / 1000;
			offset += 8 + size + (size % 2);
		}
	}

	return Math.max(1, Math.round((data.length / bytesPerSecond) * 100) / 100);
}

async function transcription(exchange: Exchange, sim: Sim): Promise<void> {
	const form = await readForm(exchange);
	const file = form.files.file;
	if (!file || !file.filename) {
		throw proxyError(400, 'File name is None. Please check your file name', {type: 'bad_request', param: 'file'});
	}

	if (form.fields.model === undefined) throw validationError([missingField(['body', 'model'], null)]);
	const body: Record<string, unknown> = {...form.fields};
	const call = beginLlmCall(exchange, sim, {route: '/audio/transcriptions', callType: 'atranscription', body, model: form.fields.model});
	const duration = audioSeconds(file.data);
	settleUsage(call, {promptTokens: 0, completionTokens: 0}, duration * (call.facts.input_cost_per_second ?? 0));
	await upstreamWork(exchange, sim, call);
	// The same audio always gives the same words.
	const text = transcriptText(new Rng(hash32(file.data.toString('base64'))), Math.max(3, Math.min(60, Math.round(duration * 2))));
	const headers = successHeaders(exchange, sim, call);
	switch (form.fields.response_format) {
		case 'text':
			sendBody(exchange, 200, text, 'text/plain; charset=utf-8', headers);
			break;
		case 'srt':
			sendBody(exchange, 200, `1\n00:00:00,000 --> 00:00:0${Math.min(9, Math.ceil(duration))},000\n${text}\n`, 'text/plain; charset=utf-8', headers);
			break;
		case 'vtt':
			sendBody(exchange, 200, `WEBVTT\n\n00:00:00.000 --> 00:00:0${Math.min(9, Math.ceil(duration))}.000\n${text}\n`, 'text/plain; charset=utf-8', headers);
			break;
		case 'verbose_json':
			sendJson(
				exchange,
				200,
				{task: 'transcribe', language: form.fields.language ?? 'english', duration, text, segments: [{id: 0, seek: 0, start: 0, end: duration, text, temperature: 0}]},
				headers,
			);
			break;
		default:
			// LiteLLM 1.81.13's TranscriptionResponse: the measured duration and null for what the provider did not send.
			sendJson(exchange, 200, {text, usage: null, language: null, duration, words: null, segments: null}, headers);
	}

	finishLlmCall(exchange, sim, call);
}

/** Bytes that look like an MP3 stream: an ID3v2 header, then frame headers with filler. */
function fakeMp3(input: string, rng: Rng): Buffer {
	const size = Math.min(1024 * 1024, Math.max(4096, input.length * 160));
	const bytes = Buffer.alloc(size);
	Buffer.from([0x49, 0x44, 0x33, 0x04, 0, 0, 0, 0, 0, 0]).copy(bytes, 0);
	for (let offset = 10; offset < size; offset += 417) {
		bytes[offset] = 0xff;
		if (offset + 3 < size) {
			bytes[offset + 1] = 0xfb;
			bytes[offset + 2] = 0x90;
			bytes[offset + 3] = 0x64;
		}

		for (let index = offset + 4; index < Math.min(size, offset + 417); index++) bytes[index] = rng.int(0, 255);
	}

	return bytes;
}

async function speech(exchange: Exchange, sim: Sim): Promise<void> {
	const body = await exchange.looseJson();
	const call = beginLlmCall(exchange, sim, {route: '/audio/speech', callType: 'aspeech', body, model: body.model});
	await upstreamWork(exchange, sim, call);
	if (hasGap(sim.options, 'speech-500')) {
		throw proxyError(
			500,
			`litellm.InternalServerError: InternalServerError: OpenAIException - Error code: 500 - speech synthesis backend unavailable. Received Model Group=${call.resolved.group}\nAvailable Model Group Fallbacks=None`,
		);
	}

	const input = typeof body.input === 'string' ? body.input : '';
	if (input === '') throw proxyError(400, "litellm.BadRequestError: OpenAIException - Missing required parameter: 'input'.", {type: 'invalid_request_error', param: 'input'});
	settleUsage(call, {promptTokens: 0, completionTokens: 0}, input.length * (call.facts.input_cost_per_character ?? 0));
	const audio = fakeMp3(input, new Rng(hash32(`${String(body.voice)}\n${input}`)));
	startStream(exchange, 200, 'audio/mpeg', successHeaders(exchange, sim, call));
	if (await writeChunked(exchange, audio, 1024)) finishLlmCall(exchange, sim, call);
}

export const audioRoutes: RouteSpec[] = [
	{name: 'audio_transcriptions', methods: ['POST'], paths: ['/v1/audio/transcriptions', '/audio/transcriptions'], access: 'llm', llm: true, handle: transcription},
	{name: 'audio_speech', methods: ['POST'], paths: ['/v1/audio/speech', '/audio/speech'], access: 'llm', llm: true, handle: speech},
];
