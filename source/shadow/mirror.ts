// The mirror side of the shadow proxy, run in a worker thread (mirror-worker.ts) so that sending requests to the
// candidate, reading its answers and judging them never take time from the client's path. Best effort: a bounded
// number of requests in flight and a bounded queue; whatever does not fit, or gets no answer in time, is reported as a
// drop. Each request ends in exactly one `done` report.
import {performance} from 'node:perf_hooks';
import type {Dispatcher} from 'undici';
import type {Difference, Observation, Verdict} from '../domain.js';
import {registerSecret} from '../targets/secrets.js';
import {endpointOf, type Endpoint} from './endpoint.js';
import {credentialHeaders, flatten, keptExchange, maskHeaders, scrub, type RecordedRequest, type ShadowExchange} from './exchange.js';
import {judgeExchange, LearnedNoise} from './judge-exchange.js';
import type {CapturedAnswer, MirrorDone, MirrorSettings, MirrorTarget, ToMirror} from './mirror-protocol.js';
import {isEventStream, observationOf, unreached, type Captured} from './observe.js';
import type {DropCause} from './route-stats.js';
import {RouteRules} from './rules.js';

/** The client's headers with its credentials swapped for the candidate's (only those the client sent). */
export function candidateHeaders(headers: Record<string, string | string[]>, target: MirrorTarget): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const name in headers) {
		if (!credentialHeaders.has(name)) {
			out[name] = headers[name]!;
			continue;
		}

		const key = name === 'x-admin-api-key' ? (target.adminKey ?? target.key) : target.key;
		if (!key || name === 'cookie') continue;
		const value = String(headers[name]);
		out[name] = /^Bearer\s/i.test(value) ? `Bearer ${key}` : key;
	}

	for (const [name, value] of Object.entries(target.headers)) out[name.toLowerCase()] = value;
	return out;
}

const asCaptured = (answer: CapturedAnswer): Captured => ({...answer, body: Buffer.from(answer.body.buffer, answer.body.byteOffset, answer.body.byteLength)});

/** One mirrored request waiting for its answers: undefined = not yet, false = none will come. */
type Pending = {
	request: Extract<ToMirror, {type: 'request'}>;
	baseline?: Captured | false;
	candidate?: Captured | false;
	noise?: Captured | false;
	drop?: DropCause;
	waiting: number;
};

type Job = {pending: Pending; side: 'candidate' | 'noise'; queuedAt: number};

export class Mirror {
	readonly #settings: MirrorSettings;
	readonly #report: (done: MirrorDone) => void;
	readonly #rules: RouteRules;
	readonly #candidate: Endpoint;
	readonly #noise: Endpoint;
	readonly #pending = new Map<number, Pending>();
	readonly #noiseOf = new Map<string, LearnedNoise>();
	readonly #queue: Job[] = [];
	#queueHead = 0;
	#inFlight = 0;
	#listening = false;

	constructor(settings: MirrorSettings, report: (done: MirrorDone) => void) {
		this.#settings = settings;
		this.#report = report;
		this.#rules = RouteRules.fromData(settings.rules);
		this.#candidate = endpointOf(settings.candidate, settings.maxInFlight);
		this.#noise = endpointOf(settings.baseline, settings.maxInFlight);
		for (const secret of settings.secrets) registerSecret(secret);
	}

	receive(message: ToMirror): void {
		switch (message.type) {
			case 'request': {
				const pending: Pending = {request: message, waiting: message.noise ? 3 : 2};
				this.#pending.set(message.id, pending);
				if (!this.#enqueue(pending, 'candidate')) this.#answered(pending, 'candidate', false, 'full');
				if (message.noise && !this.#enqueue(pending, 'noise')) this.#answered(pending, 'noise', false);
				break;
			}

			case 'baseline': {
				const pending = this.#pending.get(message.id);
				if (pending) this.#answered(pending, 'baseline', message.answer ? asCaptured(message.answer) : false);
				break;
			}

			case 'listening': {
				this.#listening = message.on;
				break;
			}

			case 'secrets': {
				for (const secret of message.secrets) registerSecret(secret);
				break;
			}
		}
	}

	async close(): Promise<void> {
		await Promise.allSettled([this.#candidate.dispatcher.destroy(), this.#noise.dispatcher.destroy()]);
	}

	get #queued(): number {
		return this.#queue.length - this.#queueHead;
	}

	#enqueue(pending: Pending, side: Job['side']): boolean {
		if (this.#inFlight < this.#settings.maxInFlight && this.#queued === 0) {
			this.#send({pending, side, queuedAt: performance.now()});
			return true;
		}

		if (this.#queued >= this.#settings.maxQueue) return false;
		this.#queue.push({pending, side, queuedAt: performance.now()});
		return true;
	}

	#pump(): void {
		while (this.#inFlight < this.#settings.maxInFlight && this.#queued > 0) {
			const job = this.#queue[this.#queueHead]!;
			this.#queue[this.#queueHead++] = undefined as unknown as Job;
			if (this.#queueHead > 1024 && this.#queueHead * 2 > this.#queue.length) {
				this.#queue.splice(0, this.#queueHead);
				this.#queueHead = 0;
			}

			// Waited longer than the candidate may take: it is as good as slow.
			if (performance.now() - job.queuedAt > this.#settings.candidateTimeoutMs) this.#answered(job.pending, job.side, false, 'slow');
			else this.#send(job);
		}
	}

	/** Read a mirror answer whole (bounded), timed from when it was sent. */
	#send(job: Job): void {
		const {pending, side} = job;
		const {request} = pending;
		const endpoint = side === 'candidate' ? this.#candidate : this.#noise;
		const headers = side === 'candidate' ? candidateHeaders(request.headers, this.#settings.candidate) : request.headers;
		const timeout = this.#settings.candidateTimeoutMs;
		const started = performance.now();
		this.#inFlight++;
		let settled = false;
		const finish = (result: Captured | false, cause?: DropCause) => {
			if (settled) return;
			settled = true;
			this.#inFlight--;
			this.#answered(pending, side, result, cause);
			this.#pump();
		};

		endpoint.dispatcher
			.request({
				origin: endpoint.origin,
				path: endpoint.basePath + request.path,
				method: request.method as Dispatcher.HttpMethod,
				headers,
				body: request.body,
				headersTimeout: timeout,
				bodyTimeout: timeout,
			})
			.then(
				response => {
					const headersMs = performance.now() - started;
					const chunks: Buffer[] = [];
					let size = 0;
					response.body.on('data', (chunk: Buffer) => {
						size += chunk.length;
						if (size > this.#settings.maxCompareBytes) {
							response.body.destroy();
							finish(false, 'too-large');
							return;
						}

						chunks.push(chunk);
					});
					response.body.on('end', () => {
						finish({status: response.statusCode, headers: flatten(response.headers), body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), headersMs, totalMs: performance.now() - started});
					});
					response.body.on('error', (error: Error & {code?: string}) => finish(false, error.code === 'UND_ERR_BODY_TIMEOUT' ? 'slow' : 'down'));
				},
				(error: Error & {code?: string}) => finish(false, /TIMEOUT/.test(error.code ?? '') ? 'slow' : 'down'),
			);
	}

	#answered(pending: Pending, side: 'baseline' | 'candidate' | 'noise', result: Captured | false, cause?: DropCause): void {
		if (pending[side] !== undefined) return;
		pending[side] = result;
		if (side === 'candidate' && !result) pending.drop = cause;
		if (--pending.waiting === 0) this.#complete(pending);
	}

	#complete(pending: Pending): void {
		const {request} = pending;
		this.#pending.delete(request.id);
		const done: MirrorDone = {type: 'done', id: request.id, route: request.route};
		if (pending.candidate) done.candidate = {totalMs: pending.candidate.totalMs, error: pending.candidate.status >= 400};
		else if (pending.drop) done.drop = pending.drop;
		if (pending.baseline && pending.candidate) {
			try {
				this.#judge(pending, pending.baseline, pending.candidate, done);
			} catch (error) {
				// A judge that throws on a hostile answer costs this exchange, never the mirror.
				done.verdict = 'error';
				done.exchange = this.#exchange(pending, {verdict: 'error', reason: `could not compare: ${error instanceof Error ? error.message : String(error)}`, differences: []}, observationOf('baseline', pending.baseline), unreached('candidate', 'not compared', pending.candidate.totalMs), undefined, false);
			}
		}

		this.#report(done);
	}

	#judge(pending: Pending, baselineAnswer: Captured, candidateAnswer: Captured, done: MirrorDone): void {
		const {request} = pending;
		const streamed = isEventStream(baselineAnswer.headers);
		const rule = this.#rules.ruleFor(request.route, streamed);
		let noise = this.#noiseOf.get(request.route);
		if (!noise) {
			noise = new LearnedNoise();
			this.#noiseOf.set(request.route, noise);
		}

		const baseline = observationOf('baseline', baselineAnswer);
		const candidate = observationOf('candidate', candidateAnswer);
		let noiseObservation: Observation | undefined;
		if (pending.noise) {
			noiseObservation = observationOf('baseline', pending.noise);
			const before = noise.size;
			noise.learn(baseline, noiseObservation, rule);
			if (noise.size !== before) done.noisePaths = noise.paths();
		}

		const judgement = judgeExchange({route: request.route, rule, baseline, candidate, baselineNoise: noiseObservation, noise, expected: this.#settings.expected});
		done.verdict = judgement.verdict;
		done.rule = rule.from;
		if (this.#listening || judgement.verdict !== 'parity') done.exchange = this.#exchange(pending, judgement, baseline, candidate, rule.from, noiseObservation !== undefined, streamed);
	}

	#exchange(pending: Pending, judgement: {verdict: Verdict; reason?: string; differences: Difference[]}, baseline: Observation, candidate: Observation, rule: string | undefined, noiseSample: boolean, streamed = false): ShadowExchange {
		const {request} = pending;
		return keptExchange({
			id: request.id,
			at: new Date(request.at).toISOString(),
			route: request.route,
			rule,
			streamed,
			request: this.#recordedRequest(request),
			verdict: judgement.verdict,
			reason: judgement.reason,
			differences: judgement.differences,
			baseline,
			candidate,
			noiseSample,
		});
	}

	#recordedRequest(request: Pending['request']): RecordedRequest {
		const recorded: RecordedRequest = {method: request.method, path: scrub(request.path), headers: maskHeaders(flatten(request.headers))};
		const body = request.body;
		if (body && body.length > 0) {
			const whole = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
			const kept = whole.length > this.#settings.maxRecordedBodyBytes ? whole.subarray(0, this.#settings.maxRecordedBodyBytes) : whole;
			const text = kept.toString('utf8');
			const binary = text.includes('\uFFFD') || Buffer.byteLength(text) !== kept.length;
			recorded.body = binary ? kept.toString('base64') : scrub(text);
			recorded.bodyEncoding = binary ? 'base64' : 'utf8';
			if (kept !== whole) recorded.truncated = true;
		}

		return recorded;
	}
}
