// The candidate's deliberate demo gaps: differences planted on purpose so a demo run has something to find.
// Each names the matrix row it shows up in and the verdict the parity tool should reach there.
import type {ResolvedOptions} from './options.js';

export type GapVerdict = 'gap' | 'drift' | 'both-fail' | 'expected';

export type DeliberateGap = {id: string; row: string; verdict: GapVerdict; description: string};

export const deliberateGaps = [
	{
		id: 'batches-missing',
		row: 'api.batches',
		verdict: 'gap',
		description: 'Every /v1/batches* and /batches* path answers 404 {"detail":"Not Found"}.',
	},
	{
		id: 'speech-500',
		row: 'api.audio-speech',
		verdict: 'gap',
		description: '/v1/audio/speech answers 500 with a litellm.InternalServerError envelope instead of audio.',
	},
	{
		id: 'chat-slower',
		row: 'api.chat-completions',
		verdict: 'drift',
		description: 'Chat completions (stream and not) take 80 ms longer before the response headers.',
	},
	{
		id: 'chat-one-at-a-time',
		row: 'performance.throughput',
		verdict: 'drift',
		description: "Chat completions take their 80 ms wait one at a time (as behind a lock): under concurrent load the candidate answers at most 12.5 chat calls a second.",
	},
	{
		id: 'readiness-extra-fields',
		row: 'health.readiness',
		verdict: 'drift',
		description: '/health/readiness carries log_level and is_detailed_debug, two fields stock LiteLLM 1.81.13 does not send.',
	},
	{
		id: 'mlp-missing',
		row: 'llmrouter.mlp-router',
		verdict: 'gap',
		description: '/router/info does not list the llmrouter-mlp strategy.',
	},
	{
		id: 'models-extra-group',
		row: 'api.models',
		verdict: 'expected',
		description: '/v1/models and /models also list llmrouter-auto, routed to the gpt-4o-mini deployments (the demo profile acknowledges it).',
	},
] as const satisfies ReadonlyArray<DeliberateGap>;

export type GapId = (typeof deliberateGaps)[number]['id'];

/** Extra latency of the chat-slower gap. */
export const chatGapDelayMs = 80;

export function hasGap(options: ResolvedOptions, id: GapId): boolean {
	return options.gaps && deliberateGaps.some(gap => gap.id === id);
}
