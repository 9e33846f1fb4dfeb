// The simulator's config.yaml model_list: the deployments both personalities serve.
import {sha256Hex} from '../random.js';

export type Deployment = {
	model_name: string;
	litellm_params: {model: string; api_base?: string; api_key?: string; [key: string]: unknown};
	model_info: {id: string; db_model: boolean; [key: string]: unknown};
};

/** LiteLLM's generated deployment id when model_info.id is not pinned: a hash of the group and the params. */
export function generatedModelId(modelName: string, litellmParams: Record<string, unknown>): string {
	const sorted = Object.keys(litellmParams)
		.sort()
		.map(key => `${key}=${JSON.stringify(litellmParams[key])}`)
		.join('&');
	return sha256Hex(`${modelName}|${sorted}`);
}

function deployment(modelName: string, model: string, apiBase: string, pinnedId?: string): Deployment {
	const litellmParams = {model, api_base: apiBase, api_key: 'sk-simulated-upstream-key'};
	return {
		model_name: modelName,
		litellm_params: litellmParams,
		model_info: {id: pinnedId ?? generatedModelId(modelName, litellmParams), db_model: false},
	};
}

export function defaultDeployments(): Deployment[] {
	return [
		deployment('gpt-4o-mini', 'openai/gpt-4o-mini', 'https://upstream-a.simulated.invalid/v1', 'gpt-4o-mini-a'),
		deployment('gpt-4o-mini', 'openai/gpt-4o-mini', 'https://upstream-b.simulated.invalid/v1', 'gpt-4o-mini-b'),
		deployment('gpt-3.5-turbo-instruct', 'openai/gpt-3.5-turbo-instruct', 'https://upstream-a.simulated.invalid/v1'),
		deployment('text-embedding-3-small', 'openai/text-embedding-3-small', 'https://upstream-a.simulated.invalid/v1'),
		deployment('dall-e-3', 'openai/dall-e-3', 'https://upstream-a.simulated.invalid/v1'),
		deployment('whisper-1', 'openai/whisper-1', 'https://upstream-a.simulated.invalid/v1'),
		deployment('tts-1', 'openai/tts-1', 'https://upstream-a.simulated.invalid/v1'),
	];
}

/** litellm_params as LiteLLM shows them: secrets stripped. */
export function publicParams(deployment: Deployment): Record<string, unknown> {
	const {api_key: _apiKey, vertex_credentials: _vertex, aws_access_key_id: _aws, aws_secret_access_key: _awsSecret, ...rest} = deployment.litellm_params;
	return rest;
}

/** api_base without its query string, as x-litellm-model-api-base carries it. */
export function apiBaseOf(deployment: Deployment): string {
	const base = deployment.litellm_params.api_base ?? 'https://api.openai.com';
	return base.split('?')[0]!;
}
