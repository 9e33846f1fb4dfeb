// §4.3 embeddings: one unit vector per input, the same vector for the same text (as a real model gives).
import type {Sim} from '../context.js';
import {proxyError} from '../http/errors.js';
import type {Exchange} from '../http/exchange.js';
import type {RouteSpec} from '../http/router.js';
import {
	answerFromCache,
	answerJson,
	beginLlmCall,
	openAiPaths,
	settleUsage,
	upstreamWork,
} from '../llm/call.js';
import {estimateTokens} from '../llm/content.js';
import {mockError} from '../llm/mock-errors.js';
import {hash32, Rng} from '../random.js';

function inputsOf(input: unknown): string[] | undefined {
	if (typeof input === 'string') return [input];
	if (!Array.isArray(input) || input.length === 0) return undefined;
	// A list of token ids is one input; a list of lists is several.
	if (input.every(item => typeof item === 'number')) return [input.join(' ')];
	if (input.every(item => typeof item === 'string')) return input;
	if (input.every(item => Array.isArray(item))) return input.map(item => (item as unknown[]).join(' '));
	return undefined;
}

export function vectorFor(text: string, model: string, dimensions: number): number[] {
	const rng = new Rng(hash32(`${model}\n${text}`));
	const raw = Array.from({length: dimensions}, () => rng.next() * 2 - 1);
	const norm = Math.sqrt(raw.reduce((sum, value) => sum + value * value, 0)) || 1;
	return raw.map(value => Number((value / norm).toPrecision(8)));
}

async function embeddings(exchange: Exchange, sim: Sim): Promise<void> {
	const body = await exchange.looseJson();
	const call = beginLlmCall(exchange, sim, {route: '/embeddings', callType: 'aembedding', body, model: exchange.params.model ?? body.model});
	const failure = mockError(body.mock_response, call.resolved.group);
	if (failure) throw failure;
	const inputs = inputsOf(body.input);
	if (body.input === undefined) throw proxyError(500, "Router.aembedding() missing 1 required positional argument: 'input'");
	if (!inputs) throw proxyError(400, "litellm.BadRequestError: OpenAIException - Invalid 'input': expected a string or an array of strings or token arrays.", {type: 'invalid_request_error', param: 'input'});
	if (answerFromCache(exchange, sim, call)) return;

	const dimensions = typeof body.dimensions === 'number' && body.dimensions > 0 ? Math.floor(body.dimensions) : (call.facts.output_vector_size ?? 1536);
	// With an upstream (and no mock_response, which LiteLLM does not apply to embeddings anyway) the vectors are the
	// upstream's, relayed as LiteLLM relays them.
	const relayed = sim.upstream ? await sim.upstream.embeddings(body, sim.signal) : undefined;
	if (relayed) call.upstreamMs += relayed.ms;
	const tokens = relayed?.promptTokens ?? inputs.reduce((sum, text) => sum + estimateTokens(text), 0);
	settleUsage(call, {promptTokens: tokens, completionTokens: 0});
	await upstreamWork(exchange, sim, call);
	const base64 = body.encoding_format === 'base64';
	// LiteLLM 1.81.13's EmbeddingResponse: its key order and its Usage, with the completion side zero and no details.
	const response = {
		model: call.resolved.requested,
		data: relayed
			? relayed.data.map(item => ({embedding: item.embedding, index: item.index, object: 'embedding'}))
			: inputs.map((text, index) => {
					const vector = vectorFor(text, call.deployment.litellm_params.model, dimensions);
					return {embedding: base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector, index, object: 'embedding'};
				}),
		object: 'list',
		usage: {completion_tokens: 0, prompt_tokens: tokens, total_tokens: tokens, completion_tokens_details: null, prompt_tokens_details: null},
	};
	answerJson(exchange, sim, call, response);
}

export const embeddingRoutes: RouteSpec[] = [
	{
		name: 'embeddings',
		methods: ['POST'],
		paths: openAiPaths('embeddings'),
		access: 'llm',
		llm: true,
		handle: embeddings,
	},
];
