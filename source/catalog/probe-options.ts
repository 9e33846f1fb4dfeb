// What each probe kind accepts in a check file (exec:, options:): part of the check-file format, so the catalog
// validates a file against them when it loads and each probe parses its own options with the same schema.
import {z} from 'zod';
import {collectorNames} from '../containers/facts/index.js';

/** `probe: exec`: collectors, a path to look for, a command of its own or the supply-chain facts. */
export const execSpecSchema = z
	.object({
		collect: z.array(z.enum(collectorNames)).min(1).optional(),
		/** With `fact`: the first of these paths that exists becomes the fact's value. */
		paths: z.array(z.string().startsWith('/')).min(1).optional(),
		command: z.array(z.string().min(1)).min(1).optional(),
		/** Tried in order while the command before is missing from the image (exit 126/127). */
		fallback: z.array(z.array(z.string().min(1)).min(1)).optional(),
		/** The fact name for `command`'s stdout or for the path `paths` found. */
		fact: z.string().regex(/^[A-Za-z]\w*$/).optional(),
		/** Supply-chain facts: the installed LiteLLM against known-compromised releases, .pth start-up files, the reported version. */
		supplyChain: z
			.object({
				compromised: z.array(z.string().min(1)).min(1),
				allowedPth: z.array(z.string().min(1)).default([]),
				/** Where the proxy reports its version (the `litellm_version` field). */
				versionPath: z.string().startsWith('/').default('/health/readiness'),
			})
			.strict()
			.optional(),
	})
	.strict()
	.refine(spec => Boolean(spec.collect) || Boolean(spec.paths) || Boolean(spec.command) || Boolean(spec.supplyChain), {message: 'give collect, paths, command or supplyChain'})
	.refine(spec => !spec.paths || Boolean(spec.fact), {message: 'paths needs a fact name'});
export type ExecSpec = z.infer<typeof execSpecSchema>;

/** `probe: logs` options. */
export const logsOptionsSchema = z
	.object({
		mode: z.enum(['secrets', 'format']).default('secrets'),
		/** Lines read for the format check. */
		tail: z.number().int().min(1).max(10_000).default(100),
		/** Time given to the container to flush its log after the requests. */
		settleMs: z.number().int().min(0).max(10_000).default(500),
		/** Most findings kept in the observation. */
		maxFindings: z.number().int().min(1).max(100).default(10),
	})
	.strict();

/** `probe: restart` options. */
export const restartOptionsSchema = z
	.object({
		readiness: z.string().startsWith('/').default('/health/readiness'),
		/** Seconds the copy gets to stop on SIGTERM before it is killed. */
		graceSeconds: z.number().int().min(1).max(120).default(10),
		/** Give up waiting for readiness after this long. */
		limitSeconds: z.number().positive().max(600).default(60),
		pollMs: z.number().int().min(10).max(5_000).default(100),
	})
	.strict();

/** `probe: stats` options. */
export const statsOptionsSchema = z
	.object({
		measure: z.enum(['memory', 'cpu']),
		/** Time without the tool's own traffic before sampling. */
		quietMs: z.number().int().min(0).max(120_000).default(2_000),
		samples: z.number().int().min(1).max(20).default(3),
		intervalMs: z.number().int().min(0).max(60_000).default(250),
	})
	.strict();
