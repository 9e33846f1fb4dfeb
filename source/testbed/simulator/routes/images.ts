// §4.4 image generation: a URL per image, or a tiny PNG as b64_json.
import type {Sim} from '../context.js';
import {proxyError} from '../http/errors.js';
import type {Exchange} from '../http/exchange.js';
import {sendJson} from '../http/respond.js';
import type {RouteSpec} from '../http/router.js';
import {beginLlmCall, finishLlmCall, settleUsage, successHeaders, upstreamWork} from '../llm/call.js';
import {mockError} from '../llm/mock-errors.js';
import {unixNow} from '../python-format.js';

/** A valid 1×1 PNG. */
const tinyPng = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

async function imageGeneration(exchange: Exchange, sim: Sim): Promise<void> {
	const body = await exchange.looseJson();
	const call = beginLlmCall(exchange, sim, {route: '/images/generations', callType: 'aimage_generation', body, model: exchange.params.model ?? body.model});
	const failure = mockError(body.mock_response, call.resolved.group);
	if (failure) throw failure;
	if (typeof body.prompt !== 'string' || body.prompt === '') {
		if (body.prompt === undefined) throw proxyError(500, "Router.aimage_generation() missing 1 required positional argument: 'prompt'");
		throw proxyError(400, "litellm.BadRequestError: OpenAIException - Invalid 'prompt': expected a non-empty string.", {type: 'invalid_request_error', param: 'prompt'});
	}

	const count = typeof body.n === 'number' && body.n > 0 ? Math.min(10, Math.floor(body.n)) : 1;
	settleUsage(call, {promptTokens: 0, completionTokens: 0}, count * (call.facts.output_cost_per_image ?? 0));
	await upstreamWork(exchange, sim, call);
	const asBase64 = body.response_format === 'b64_json';
	const data = Array.from({length: count}, () => ({
		b64_json: asBase64 ? tinyPng : null,
		revised_prompt: body.prompt,
		url: asBase64 ? null : `https://images.simulated.invalid/img-${sim.rng.alnum(24)}.png`,
	}));
	// LiteLLM 1.81.13's ImageResponse: every field of the OpenAI type, null when the provider sent none.
	const response = {
		created: unixNow(),
		background: null,
		data,
		output_format: null,
		quality: null,
		safety_identifier: null,
		size: null,
		svg_usage: null,
		usage: {total_tokens: 0, input_tokens: 0, input_tokens_details: {image_tokens: 0, text_tokens: 0}, output_tokens: 0},
	};
	sendJson(exchange, 200, response, successHeaders(exchange, sim, call));
	finishLlmCall(exchange, sim, call);
}

export const imageRoutes: RouteSpec[] = [
	{
		name: 'image_generation',
		methods: ['POST'],
		paths: ['/v1/images/generations', '/images/generations', '/openai/deployments/{model}/images/generations'],
		access: 'llm',
		llm: true,
		handle: imageGeneration,
	},
];
