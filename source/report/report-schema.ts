// The JSON report's shape as a zod schema: the source of schemas/report.schema.json, and what tests validate against.
import {z} from 'zod';
import {verdicts} from '../domain.js';

const sideSchema = z.object({
	ok: z.boolean(),
	status: z.number().int().optional(),
	latencyMs: z.number().optional(),
	error: z.string().optional(),
	skipped: z.string().optional(),
	failures: z.array(z.object({expectation: z.string(), actual: z.unknown(), at: z.string().optional()})).optional(),
	/** The plan's absolute targets on this side (load, overhead), met or missed; reported, not part of the verdict. */
	targets: z.array(z.object({target: z.string(), met: z.boolean(), actual: z.unknown()})).optional(),
});

export const reportSchema = z.object({
	schemaVersion: z.literal(1),
	tool: z.object({name: z.literal('litellm-parity'), version: z.string()}),
	runId: z.string(),
	startedAt: z.string(),
	finishedAt: z.string(),
	durationMs: z.number(),
	cancelled: z.boolean(),
	profile: z.string(),
	targets: z.object({baseline: z.object({url: z.string(), litellmVersion: z.string().optional()}), candidate: z.object({url: z.string(), litellmVersion: z.string().optional()})}),
	/** Lines every output shows first: different LiteLLM versions, stale or expired expected differences. */
	headlines: z.array(z.string()).optional(),
	notices: z.array(z.object({kind: z.enum(['stale-expected', 'expired-expected']), id: z.string(), message: z.string()})).optional(),
	/** Each row's verdict: the worst of its checks' verdicts. */
	rows: z.array(z.object({category: z.string(), row: z.string(), feature: z.string(), verdict: z.enum(verdicts)})).optional(),
	flavour: z.enum(['litellm', 'litellm-llmrouter', 'openai']).optional(),
	results: z.array(
		z.object({
			category: z.string(),
			row: z.string(),
			feature: z.string(),
			check: z.string(),
			title: z.string(),
			verdict: z.enum(verdicts),
			reason: z.string().optional(),
			baseline: sideSchema,
			candidate: sideSchema,
			differences: z.array(
				z.object({
					path: z.string(),
					kind: z.enum(['status', 'missing', 'extra', 'type', 'value', 'header', 'latency', 'expectation', 'fact']),
					baseline: z.unknown(),
					candidate: z.unknown(),
					noise: z.boolean(),
					expectedReason: z.string().optional(),
				}),
			),
			durationMs: z.number(),
			facts: z.record(z.string(), z.record(z.string(), z.unknown())).optional(),
			/** Latency-judged checks: interleaved pairs after a warm-up, medians, spreads (MAD), limit and noise margin. */
			latency: z
				.object({
					pairs: z.number().int(),
					baselineMedianMs: z.number(),
					candidateMedianMs: z.number(),
					baselineSpreadMs: z.number(),
					candidateSpreadMs: z.number(),
					limitMs: z.number(),
					noiseMarginMs: z.number(),
					slowerPairs: z.number().int(),
					summary: z.string(),
				})
				.optional(),
		}),
	),
	summary: z.object(Object.fromEntries(verdicts.map(verdict => [verdict, z.number().int().nonnegative()])) as Record<(typeof verdicts)[number], z.ZodNumber>),
});
