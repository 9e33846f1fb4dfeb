// The profile model of DESIGN.md: two targets, model names per capability, thresholds, expected differences, options.
import {z} from 'zod';
import {expiryDateSchema, pinnedValueSchema} from '../shared/expected-schema.js';
import {parseThreshold} from '../shared/thresholds.js';

function thresholdParses(text: string): boolean {
	try {
		parseThreshold(text);
		return true;
	} catch {
		return false;
	}
}
import {headerProblem} from './header-flag.js';
import {pathPrefixProblem} from './path-prefix.js';

/** What the two targets are: LiteLLM on both sides, LiteLLM with the LLMRouter additions on the candidate, or any OpenAI-compatible gateway. */
export const flavours = ['litellm', 'litellm-llmrouter', 'openai'] as const;
export type Flavour = (typeof flavours)[number];
/** Without a flavour the tool does what it always did: a LiteLLM baseline against a LiteLLM + LLMRouter candidate. */
export const defaultFlavour: Flavour = 'litellm-llmrouter';

export function flavourOf(profile: {flavour?: Flavour}): Flavour {
	return profile.flavour ?? defaultFlavour;
}

const pathField = (kind: string) =>
	z.string().superRefine((value, context) => {
		const problem = pathPrefixProblem(value, kind);
		if (problem) context.addIssue({code: 'custom', message: problem});
	});

export const personalities = ['baseline', 'candidate'] as const;
export type Personality = (typeof personalities)[number];

const embeddedSchema = z.union([
	z.enum(personalities),
	z
		.object({
			personality: z.enum(personalities),
			seed: z.number().int().optional(),
			/** Extra latency on every answer (ms), for demos and tests. */
			latencyMs: z.number().nonnegative().optional(),
			/** Delay between SSE chunks (ms; the simulator's default is 3), so streams can be watched arriving. */
			chunkDelayMs: z.number().nonnegative().optional(),
			/** Switch the simulated database and cache on or off. */
			db: z.boolean().optional(),
			cache: z.boolean().optional(),
			/** Turn the deliberate demo gaps off (the candidate then behaves like a faithful LLMRouter image). */
			gaps: z.boolean().optional(),
			/** Custom callback class names in the simulated config (readiness lists them after the first LLM call). */
			callbacks: z.array(z.string().min(1)).optional(),
			/** The simulated Redis cache's namespace (it prefixes x-litellm-cache-key). */
			cacheNamespace: z.string().min(1).optional(),
			/** The simulated config.yaml's model_list (e.g. a real proxy's, to compare like for like); default the built-in one. */
			modelList: z
				.array(
					z.object({
						model_name: z.string().min(1),
						litellm_params: z.object({model: z.string().min(1)}).passthrough(),
						model_info: z.object({id: z.string().min(1).optional()}).passthrough().optional(),
					}),
				)
				.min(1)
				.optional(),
		})
		.strict(),
]);
export type EmbeddedSpec = z.infer<typeof embeddedSchema>;

export const containerSchema = z
	.object({
		name: z.string().min(2),
		runtime: z.enum(['docker', 'podman']).default('docker'),
	})
	.strict();

export const targetSchema = z
	.object({
		/** Base URL of the proxy, e.g. http://127.0.0.1:4000 (not needed with `embedded`). */
		url: z.string().optional(),
		/** Start the embedded LiteLLM-like simulator with this personality instead of calling a URL. */
		embedded: embeddedSchema.optional(),
		/** Master key: a literal or a ${env.NAME} reference (preferred). */
		key: z.string().optional(),
		/** LLMRouter admin key (X-Admin-API-Key), a literal or a ${env.NAME} reference. */
		adminKey: z.string().optional(),
		/** Extra headers sent with every request to this target (a gateway's own routing headers); values may use ${env.NAME}. */
		headers: z
			.record(z.string(), z.string())
			.superRefine((headers, context) => {
				for (const [name, value] of Object.entries(headers)) {
					const problem = headerProblem(name, value);
					if (problem) context.addIssue({code: 'custom', path: [name], message: problem});
				}
			})
			.optional(),
		/** Put before every check's path (a gateway that serves the OpenAI API under /gateway/openai); starts with /, never changes the host. */
		pathPrefix: pathField('path prefix').optional(),
		/** The target's own health path (after the prefix), for the explorer's health dots and the health-path row; default /health/liveliness on LiteLLM, /v1/models otherwise. */
		healthPath: pathField('health path').optional(),
		tls: z.object({ca: z.string().optional(), insecure: z.boolean().optional()}).strict().optional(),
		container: containerSchema.optional(),
		/** The upstream the proxy forwards to, for the direct-vs-proxied overhead row: a URL, or `embedded` for the tool's mock upstream. */
		upstream: z.string().optional(),
		/** An OTLP/HTTP receiver port the tool opens for this target's traces. */
		otlpPort: z.number().int().min(0).max(65_535).optional(),
		/** The MLflow tracking server's URL, or `embedded` for the tool's stand-in (the demo). */
		mlflowUrl: z.string().optional(),
	})
	.strict()
	.refine(target => Boolean(target.url) !== Boolean(target.embedded), {message: 'give either url or embedded (exactly one)'});
export type TargetSpec = z.infer<typeof targetSchema>;

export const modelsSchema = z
	.object({
		chat: z.string().default('gpt-4o-mini'),
		completion: z.string().default('gpt-3.5-turbo-instruct'),
		embedding: z.string().default('text-embedding-3-small'),
		image: z.string().default('dall-e-3'),
		transcription: z.string().default('whisper-1'),
		speech: z.string().default('tts-1'),
	})
	.strict();

export const expectedEntrySchema = z
	.object({
		id: z.string().min(1),
		/** Where it applies: a check id (or, as before, a row id), a row id, or a category id; at least one. */
		check: z.string().min(1).optional(),
		row: z.string().min(1).optional(),
		category: z.string().min(1).optional(),
		/** The side whose value differs (a difference only on the other side is not covered). */
		side: z.enum(['baseline', 'candidate']).optional(),
		/** A difference path ($.data, header:x-request-id, fact:user, status, latency); absent = the whole verdict. */
		path: z.string().optional(),
		/** The value each side is expected to show at `path` (a value, {oneOf: [...]} or {matches: regex}); another value is a finding. */
		baseline: pinnedValueSchema.optional(),
		candidate: pinnedValueSchema.optional(),
		reason: z.string().min(1),
		/** After this date (YYYY-MM-DD) the entry is inactive and the difference counts as a finding again. */
		expires: expiryDateSchema.optional(),
	})
	.strict()
	.refine(entry => entry.check !== undefined || entry.row !== undefined || entry.category !== undefined, {message: 'name where the entry applies: check, row or category'})
	.refine(entry => entry.path !== undefined || (entry.baseline === undefined && entry.candidate === undefined), {message: 'pinned values (baseline, candidate) need a path'});
export type ExpectedEntry = z.infer<typeof expectedEntrySchema>;

export const thresholdsSchema = z
	.object({
		latency: z.object({maxRatio: z.number().positive().default(1.3), minDeltaMs: z.number().nonnegative().default(50)}).strict().optional(),
		/** k6-style thresholds per check id, overriding the check file's. */
		checks: z.record(z.string(), z.array(z.string().refine(thresholdParses, {message: 'a threshold is of the form p(95)<500, avg<200, med<100, max<1000, rate>100, errors==0 or error_rate<0.01'}))).optional(),
	})
	.strict();

export const optionsSchema = z
	.object({
		/** Add LiteLLM's mock_response to every LLM request, so no provider keys are needed. */
		mockResponse: z.union([z.string(), z.literal(false)]).optional(),
		concurrency: z.number().int().min(1).max(64).optional(),
		timeoutMs: z.number().int().positive().max(600_000).optional(),
		/** Largest response body kept in memory (bytes). */
		maxBodyBytes: z.number().int().positive().optional(),
		/** Calls per side for the routing rows. */
		routingCalls: z.number().int().min(1).max(200).optional(),
		/** Which verdicts make a headless run exit 1. */
		failOn: z.array(z.enum(['parity', 'gap', 'drift', 'bonus', 'both-fail', 'expected', 'skipped', 'error'])).optional(),
		/** Callback names the custom-callbacks row looks for in both sides' readiness lists. */
		callbacks: z.array(z.string()).optional(),
		/** The targets run without a database, and why: checks that need one are skipped with this reason. */
		withoutDatabase: z.string().min(1).optional(),
	})
	.strict();

export const profileSchema = z
	.object({
		$schema: z.string().optional(),
		schemaVersion: z.literal(1).default(1),
		name: z.string().regex(/^[\w.-]+$/, 'profile names are letters, digits, dots, - and _'),
		/** The markdown report's title (default from the flavour, e.g. "LiteLLM + LLMRouter feature parity"). */
		title: z.string().min(1).optional(),
		/** A paragraph under the title of the markdown report. */
		description: z.string().optional(),
		/** What the targets are (default litellm-llmrouter): rows tagged for what the flavour lacks are skipped as not applicable. */
		flavour: z.enum(flavours).optional(),
		baseline: targetSchema,
		candidate: targetSchema,
		models: modelsSchema.default(modelsSchema.parse({})),
		thresholds: thresholdsSchema.optional(),
		expected: z.array(expectedEntrySchema).default([]),
		options: optionsSchema.default({}),
	})
	.strict();
export type Profile = z.infer<typeof profileSchema>;
export type ProfileInput = z.input<typeof profileSchema>;
