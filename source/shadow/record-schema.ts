// The shadow recording file (`shadow --record FILE`, read by `run --replay FILE`): versioned, and the source of
// schemas/shadow-record.schema.json. docs/SHADOW.md describes it field by field.
import {z} from 'zod';
import {verdicts} from '../domain.js';

export const recordFormat = 'litellm-parity-shadow-record';
export const recordSchemaVersion = 1;

const answerSchema = z
	.object({
		/** Absent when the side gave no answer. */
		status: z.number().int().optional(),
		latencyMs: z.number().optional(),
		/** Response headers, credentials masked. */
		headers: z.record(z.string(), z.string()).default({}),
		/** The body as text, secrets masked, cut at 16 KiB. */
		bodyText: z.string().optional(),
		error: z.string().optional(),
	})
	.strict();

export const recordedExchangeSchema = z
	.object({
		id: z.number().int(),
		at: z.string(),
		/** METHOD /path/template */
		route: z.string().min(1),
		/** The check whose compare rules judged the exchange. */
		rule: z.string().optional(),
		streamed: z.boolean().default(false),
		request: z
			.object({
				method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD']),
				/** Path and query as the client sent them (secrets masked). */
				path: z.string().regex(/^\//, 'paths start with /'),
				/** Request headers; credentials are masked, and replay sends the replaying profile's own keys. */
				headers: z.record(z.string(), z.string()).default({}),
				body: z.string().optional(),
				bodyEncoding: z.enum(['utf8', 'base64']).optional(),
				/** The body was cut at the recording limit: the exchange is kept for reading, not replayed. */
				truncated: z.boolean().optional(),
			})
			.strict(),
		verdict: z.enum(verdicts),
		reason: z.string().optional(),
		differences: z
			.array(
				z
					.object({
						path: z.string(),
						kind: z.string(),
						baseline: z.unknown().optional(),
						candidate: z.unknown().optional(),
						noise: z.boolean(),
						expectedReason: z.string().optional(),
					})
					.strict(),
			)
			.default([]),
		baseline: answerSchema,
		candidate: answerSchema,
	})
	.strict();
export type RecordedExchange = z.infer<typeof recordedExchangeSchema>;

export const recordFileSchema = z
	.object({
		$schema: z.string().optional(),
		format: z.literal(recordFormat),
		schemaVersion: z.literal(recordSchemaVersion),
		tool: z.object({name: z.literal('litellm-parity'), version: z.string()}).strict(),
		recordedAt: z.string(),
		finishedAt: z.string(),
		profile: z.string(),
		targets: z.object({baseline: z.object({url: z.string()}).strict(), candidate: z.object({url: z.string()}).strict()}).strict(),
		limits: z.object({maxExchanges: z.number().int(), maxPerRoute: z.number().int(), maxBodyBytes: z.number().int()}).strict(),
		/** Exchanges judged but not kept because a limit was reached. */
		skipped: z.number().int().nonnegative().default(0),
		exchanges: z.array(recordedExchangeSchema),
	})
	.strict();
export type RecordFile = z.infer<typeof recordFileSchema>;
