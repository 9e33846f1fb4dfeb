// Keeps judged exchanges for `shadow --record FILE`, bounded in count overall and per route. When a route is full a
// differing exchange replaces the oldest one in parity, so the interesting traffic survives a long recording.
import {rename, writeFile} from 'node:fs/promises';
import type {Observation, TargetInfo} from '../domain.js';
import {version} from '../version.js';
import type {ShadowExchange} from './exchange.js';
import {recordFormat, recordSchemaVersion, type RecordedExchange, type RecordFile} from './record-schema.js';

export type RecorderLimits = {maxExchanges: number; maxPerRoute: number; maxBodyBytes: number};
export const defaultRecorderLimits: RecorderLimits = {maxExchanges: 5000, maxPerRoute: 500, maxBodyBytes: 256 * 1024};

function answerOf(observation: Observation): RecordedExchange['baseline'] {
	return {
		...(observation.status === undefined ? {} : {status: observation.status}),
		latencyMs: Math.round(observation.timing.totalMs * 100) / 100,
		headers: observation.headers,
		...(observation.bodyText === undefined ? {} : {bodyText: observation.bodyText}),
		...(observation.error ? {error: observation.error} : {}),
	};
}

/** The exchange as the file keeps it (already scrubbed by the proxy). */
export function recordedExchange(exchange: ShadowExchange): RecordedExchange {
	return {
		id: exchange.id,
		at: exchange.at,
		route: exchange.route,
		...(exchange.rule ? {rule: exchange.rule} : {}),
		streamed: exchange.streamed,
		request: exchange.request as RecordedExchange['request'],
		verdict: exchange.verdict,
		...(exchange.reason ? {reason: exchange.reason} : {}),
		differences: exchange.differences.map(difference => ({...difference})),
		baseline: answerOf(exchange.baseline),
		candidate: answerOf(exchange.candidate),
	};
}

export class Recorder {
	readonly #kept: RecordedExchange[] = [];
	readonly #perRoute = new Map<string, number>();
	readonly #startedAt = new Date().toISOString();
	skipped = 0;

	constructor(readonly limits: RecorderLimits = defaultRecorderLimits) {}

	get size(): number {
		return this.#kept.length;
	}

	add(exchange: ShadowExchange): void {
		const record = recordedExchange(exchange);
		const count = this.#perRoute.get(record.route) ?? 0;
		const full = this.#kept.length >= this.limits.maxExchanges || count >= this.limits.maxPerRoute;
		if (!full) {
			this.#kept.push(record);
			this.#perRoute.set(record.route, count + 1);
			return;
		}

		const sameRoute = count >= this.limits.maxPerRoute;
		const victim = record.verdict === 'parity' ? -1 : this.#kept.findIndex(kept => kept.verdict === 'parity' && (!sameRoute || kept.route === record.route));
		if (victim < 0) {
			this.skipped++;
			return;
		}

		const [removed] = this.#kept.splice(victim, 1);
		this.#perRoute.set(removed!.route, (this.#perRoute.get(removed!.route) ?? 1) - 1);
		this.#kept.push(record);
		this.#perRoute.set(record.route, (this.#perRoute.get(record.route) ?? 0) + 1);
		this.skipped++;
	}

	document(meta: {profile: string; targets: Record<'baseline' | 'candidate', TargetInfo>}): RecordFile {
		return {
			format: recordFormat,
			schemaVersion: recordSchemaVersion,
			tool: {name: 'litellm-parity', version},
			recordedAt: this.#startedAt,
			finishedAt: new Date().toISOString(),
			profile: meta.profile,
			targets: {baseline: {url: meta.targets.baseline.url}, candidate: {url: meta.targets.candidate.url}},
			limits: {...this.limits},
			skipped: this.skipped,
			exchanges: [...this.#kept].sort((a, b) => a.id - b.id),
		};
	}

	/** Written whole to a temporary file, then renamed: a reader never sees half a recording. */
	async save(file: string, meta: Parameters<Recorder['document']>[0]): Promise<void> {
		const temporary = `${file}.${process.pid}.tmp`;
		await writeFile(temporary, JSON.stringify(this.document(meta), null, 1) + '\n', {mode: 0o600});
		await rename(temporary, file);
	}
}
