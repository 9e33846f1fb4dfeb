// The check-file schema (checks/*.yaml). Declarative on purpose: a row's checks say what to send, what each side
// must answer and how the two answers are compared; no code lives in the files.
import {z} from 'zod';
import {expiryDateSchema, pinnedValueSchema} from '../shared/expected-schema.js';

export const probeKinds = ['http', 'sse', 'sequence', 'routing', 'exec', 'load', 'prometheus', 'otlp', 'tls', 'logs', 'restart', 'stats', 'overhead', 'routes'] as const;
export type ProbeKind = (typeof probeKinds)[number];

/** What a row, check or assert needs of the gateways: `litellm` (LiteLLM's own endpoints and texts), `llmrouter` (the LLMRouter additions). Untagged = any OpenAI-compatible gateway. */
export const gatewayTags = ['litellm', 'llmrouter'] as const;
export type GatewayTag = (typeof gatewayTags)[number];
export const tagsSchema = z.array(z.enum(gatewayTags)).optional();

const predicateKeys = ['equals', 'notEquals', 'contains', 'notContains', 'containsAll', 'matches', 'exists', 'oneOf', 'type', 'lt', 'lte', 'gt', 'gte'] as const;

/** A number, or a ${…} placeholder that resolves to one at run time (a captured latency, a threshold). */
const numberOrPlaceholder = z.union([z.number(), z.string().regex(/^\$\{[^}]+\}$/, 'expected a number or a ${…} placeholder')]);

export const assertSchema = z
	.object({
		/** What to look at: status, header NAME, jsonpath $.x, count $.x, duration, body, bytes, ttft, chunks, done, exit, stdout, fact NAME. */
		query: z.string().min(1),
		equals: z.unknown().optional(),
		notEquals: z.unknown().optional(),
		contains: z.unknown().optional(),
		notContains: z.unknown().optional(),
		/** Every item of the list (or a ${…} placeholder resolving to a list) is contained. */
		containsAll: z.union([z.array(z.unknown()), z.string().regex(/^\$\{[^}]+\}$/)]).optional(),
		matches: z.string().optional(),
		exists: z.boolean().optional(),
		oneOf: z.array(z.unknown()).optional(),
		type: z.enum(['string', 'number', 'boolean', 'object', 'array', 'null']).optional(),
		lt: numberOrPlaceholder.optional(),
		lte: numberOrPlaceholder.optional(),
		gt: numberOrPlaceholder.optional(),
		gte: numberOrPlaceholder.optional(),
		/** Shown instead of the generated description. */
		label: z.string().optional(),
		/** Only judged when the queried value exists (a field some versions expose and others do not). */
		optional: z.boolean().optional(),
		/** Judged only when the targets' flavour has these tags (an exact LiteLLM value: [litellm]). */
		tags: tagsSchema,
	})
	.strict()
	.refine(value => predicateKeys.filter(key => key in value).length === 1, {
		message: `each assert needs exactly one predicate: ${predicateKeys.join(', ')}`,
	});
export type Assert = z.infer<typeof assertSchema>;
/** An assert as loaded from a file: it knows where it is written (set by the catalog, never in the file). */
export type LocatedAssert = Assert & {at?: string};

const statusSchema = z.union([z.number().int().min(100).max(599), z.array(z.number().int().min(100).max(599)).min(1)]);

export const expectSchema = z
	.object({
		status: statusSchema.optional(),
		/** Subset match against the JSON body: every key given must be present with this value. */
		json: z.record(z.string(), z.unknown()).optional(),
		asserts: z.array(assertSchema).optional(),
		/** For load checks: k6-style thresholds such as "p(95)<500" or "rate>100". */
		thresholds: z.array(z.string()).optional(),
	})
	.strict();
export type Expectation = z.infer<typeof expectSchema>;

const fileFieldSchema = z
	.object({
		/** A file the tool generates: a short WAV tone, a JSONL batch input, or text. */
		generate: z.enum(['wav', 'batch-jsonl', 'text']).optional(),
		content: z.string().optional(),
		filename: z.string(),
		contentType: z.string().optional(),
	})
	.strict();

export const authSchema = z.union([
	z.enum(['key', 'none', 'invalid', 'malformed', 'admin']),
	z.object({header: z.string().min(1), value: z.string()}).strict(),
]);
export type AuthMode = z.infer<typeof authSchema>;

export const requestSchema = z
	.object({
		method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD']).default('GET'),
		/** Which server to call: the proxy itself (default), the target's MLflow or its direct upstream. */
		base: z.enum(['proxy', 'mlflow', 'upstream']).default('proxy'),
		/** Starts with /, or is exactly ${target.healthPath} (each side's own health path). */
		path: z.string().refine(path => path.startsWith('/') || path === '${target.healthPath}', {message: "paths start with / (or are exactly '${target.healthPath}')"}),
		query: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
		headers: z.record(z.string(), z.string()).optional(),
		json: z.unknown().optional(),
		body: z.string().optional(),
		/** multipart/form-data fields: strings or files. */
		form: z.record(z.string(), z.union([z.string(), fileFieldSchema])).optional(),
		auth: authSchema.default('key'),
		/** Add the profile's mock_response to LLM bodies when the profile asks for it. */
		llm: z.boolean().default(false),
	})
	.strict();
export type RequestSpec = z.infer<typeof requestSchema>;

export const compareSchema = z
	.object({
		status: z.boolean().default(true),
		body: z.enum(['exact', 'shape', 'ignore']).default('shape'),
		/** JSONPath-like paths left out of the body comparison ($.id, $.choices[*].message.content). */
		ignore: z.array(z.string()).default([]),
		/** JSONPaths whose values must be equal on both sides, whatever the body mode. */
		fields: z.array(z.string()).default([]),
		/** Header names whose values must match. */
		headers: z.array(z.string()).default([]),
		/** content-type compares by media type (charset and other parameters aside) unless this says exact. */
		contentType: z.enum(['media-type', 'exact']).default('media-type'),
		/**
		 * Arrays whose order means nothing, matched by a key instead of by position: array path (indices as [*]) →
		 * the field that identifies an element, or `$` for the element's own value ({$.data: id, $.callbacks: $}).
		 */
		keys: z.record(z.string().regex(/^\$/, 'array paths start with $'), z.string().min(1)).default({}),
		/** Header names that must be present on both sides or on neither. */
		presence: z.array(z.string()).default([]),
		latency: z
			.union([
				z.literal(false),
				z
					.object({
						maxRatio: z.number().positive().optional(),
						minDeltaMs: z.number().nonnegative().optional(),
						samples: z.number().int().min(1).max(50).optional(),
					})
					.strict(),
			])
			.optional(),
		/** Load checks: the candidate's req/s must reach this share of the baseline's. */
		throughput: z.object({minRatio: z.number().positive().max(10)}).strict().optional(),
		/** Take a second baseline sample; fields that differ between the two are noise. */
		noise: z.boolean().default(true),
		/** Facts (exec, TLS, stats) whose values are compared between sides. */
		facts: z.array(z.string()).default([]),
	})
	.strict();
export type CompareSpec = z.infer<typeof compareSchema>;

export const stepSchema = z
	.object({
		name: z.string().regex(/^[a-z][\w-]*$/i, 'step names are letters, digits, - and _'),
		request: requestSchema,
		expect: expectSchema.optional(),
		/** Values to keep for later steps: name → jsonpath ($.id) or "header NAME". */
		capture: z.record(z.string(), z.string()).optional(),
		/** Poll until the expectation holds (for example a deleted key being refused). */
		retry: z.object({times: z.number().int().min(1).max(50), delayMs: z.number().int().min(0).max(10_000)}).strict().optional(),
	})
	.strict();
export type Step = z.infer<typeof stepSchema>;

export const sideExpectSchema = z.object({baseline: expectSchema.optional(), candidate: expectSchema.optional()}).strict();

export const expectedDifferenceSchema = z
	.object({
		/** Which difference it acknowledges: a body path, header:NAME, fact:NAME, status, latency; absent = the verdict. */
		path: z.string().optional(),
		/** The side whose value differs (a difference only on the other side is not covered). */
		side: z.enum(['baseline', 'candidate']).optional(),
		/** The value the baseline is expected to show at `path`; another value is a finding. */
		baseline: pinnedValueSchema.optional(),
		/** The value the candidate is expected to show at `path`; another value is a finding. */
		candidate: pinnedValueSchema.optional(),
		reason: z.string().min(1),
		/** After this date (YYYY-MM-DD) the entry is inactive: the difference is a finding again. */
		expires: expiryDateSchema.optional(),
	})
	.strict()
	.refine(entry => entry.path !== undefined || (entry.baseline === undefined && entry.candidate === undefined), {message: 'pinned values (baseline, candidate) need a path'});
export type ExpectedDifferenceSpec = z.infer<typeof expectedDifferenceSchema>;

export const checkSchema = z
	.object({
		id: z.string().regex(/^[a-z0-9][\w.-]*$/i, 'ids are letters, digits, dots, - and _'),
		title: z.string().optional(),
		probe: z.enum(probeKinds),
		/** Runs only when the targets' flavour has these tags; otherwise skipped as not applicable. */
		tags: tagsSchema,
		/** candidate: a candidate-only check (LLMRouter additions): bonus when present, gap when missing. */
		sides: z.enum(['both', 'candidate']).optional(),
		request: requestSchema.optional(),
		steps: z.array(stepSchema).optional(),
		cleanup: z.array(stepSchema).optional(),
		/** For exec-style probes: the command and its options. */
		exec: z.record(z.string(), z.unknown()).optional(),
		/** Options for the specialised probes (load, prometheus, otlp, tls, logs, restart, stats, overhead). */
		options: z.record(z.string(), z.unknown()).optional(),
		expect: expectSchema.default({}),
		/** Per-side expectation overrides, where the images legitimately differ. */
		expectBySide: sideExpectSchema.optional(),
		compare: compareSchema.default({
			status: true,
			body: 'shape',
			ignore: [],
			fields: [],
			headers: [],
			contentType: 'media-type',
			keys: {},
			presence: [],
			noise: true,
			facts: [],
		}),
		/** Differences the plan already knows and accepts, with the reason. */
		expectedDifferences: z.array(expectedDifferenceSchema).optional(),
		/** Prerequisites: container (a runtime and container name per side), tls (an https URL), mlflow, otlp; database (skipped when the profile's options.withoutDatabase says the targets have none). */
		requires: z.array(z.enum(['container', 'tls', 'mlflow', 'otlp', 'upstream', 'callbacks', 'database'])).optional(),
		timeoutMs: z.number().int().positive().max(600_000).optional(),
	})
	.strict()
	.superRefine((check, context) => {
		const needsRequest: ProbeKind[] = ['http', 'sse', 'load', 'prometheus', 'routing', 'otlp'];
		if (needsRequest.includes(check.probe) && !check.request) {
			context.addIssue({code: 'custom', path: ['request'], message: `probe '${check.probe}' needs a request`});
		}

		if (check.probe === 'sequence' && (!check.steps || check.steps.length === 0)) {
			context.addIssue({code: 'custom', path: ['steps'], message: "probe 'sequence' needs at least one step"});
		}
	});
export type Check = z.infer<typeof checkSchema>;

export const rowSchema = z
	.object({
		id: z.string().regex(/^[a-z0-9][\w.-]*$/i, 'ids are letters, digits, dots, - and _'),
		feature: z.string().min(1),
		notes: z.string().optional(),
		/** The plan's own cells, kept for the markdown report. */
		plan: z
			.object({baseline: z.string().optional(), candidate: z.string().optional(), status: z.string().optional(), target: z.string().optional(), method: z.string().optional(), expected: z.string().optional()})
			.strict()
			.optional(),
		candidateOnly: z.boolean().default(false),
		/** Applies only when the targets' flavour has these tags (litellm, llmrouter); otherwise skipped as not applicable. */
		tags: tagsSchema,
		checks: z.array(checkSchema).default([]),
	})
	.strict();
export type Row = z.infer<typeof rowSchema>;

export const categorySectionSchema = z.enum(['core', 'llmrouter', 'validation']);

export const checkFileSchema = z
	.object({
		$schema: z.string().optional(),
		schemaVersion: z.literal(1),
		category: z
			.object({
				id: z.string().regex(/^[a-z][\w-]*$/, 'category ids are lower-case letters, digits, - and _'),
				title: z.string().min(1),
				section: categorySectionSchema,
				order: z.number().int().default(100),
			})
			.strict(),
		rows: z.array(rowSchema).min(1),
	})
	.strict();
export type CheckFile = z.infer<typeof checkFileSchema>;
