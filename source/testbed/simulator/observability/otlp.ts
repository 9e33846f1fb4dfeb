// OTLP/HTTP JSON export: one trace per LLM call, posted fire-and-forget so a slow or absent collector never slows
// an answer. A W3C traceparent on the request joins the caller's trace.
import type {Rng} from '../random.js';

export type SpanAttributes = Record<string, string | number | boolean>;

export type SpanInput = {
	name: string;
	startMs: number;
	endMs: number;
	attributes: SpanAttributes;
	traceparent?: string;
	error?: string;
};

function attributeValue(value: string | number | boolean): Record<string, unknown> {
	if (typeof value === 'boolean') return {boolValue: value};
	if (typeof value === 'number') return Number.isInteger(value) ? {intValue: String(value)} : {doubleValue: value};
	return {stringValue: value};
}

function nanos(ms: number): string {
	return (BigInt(Math.round(ms * 1000)) * 1000n).toString();
}

export class OtlpExporter {
	/** Exports that are still being posted, so close() can let them finish briefly. */
	private readonly pending = new Set<Promise<void>>();

	constructor(
		private readonly endpoint: string,
		private readonly serviceName: string,
		private readonly version: string,
		private readonly rng: Rng,
	) {}

	export(span: SpanInput): void {
		const parent = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/.exec(span.traceparent ?? '');
		const body = {
			resourceSpans: [
				{
					resource: {
						attributes: [
							{key: 'service.name', value: {stringValue: this.serviceName}},
							{key: 'service.version', value: {stringValue: this.version}},
							{key: 'telemetry.sdk.language', value: {stringValue: 'python'}},
						],
					},
					scopeSpans: [
						{
							scope: {name: 'litellm', version: this.version},
							spans: [
								{
									traceId: parent?.[1] ?? this.rng.hex(32),
									spanId: this.rng.hex(16),
									...(parent ? {parentSpanId: parent[2]} : {}),
									name: span.name,
									kind: 2,
									startTimeUnixNano: nanos(span.startMs),
									endTimeUnixNano: nanos(span.endMs),
									attributes: Object.entries(span.attributes).map(([key, value]) => ({key, value: attributeValue(value)})),
									status: span.error ? {code: 2, message: span.error} : {code: 1},
								},
							],
						},
					],
				},
			],
		};
		const posting = fetch(`${this.endpoint}/v1/traces`, {
			method: 'POST',
			headers: {'content-type': 'application/json'},
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(2000),
		})
			.then(async response => {
				await response.arrayBuffer();
			})
			.catch(() => undefined)
			.finally(() => this.pending.delete(posting));
		this.pending.add(posting);
	}

	async settle(): Promise<void> {
		await Promise.allSettled([...this.pending]);
	}
}
