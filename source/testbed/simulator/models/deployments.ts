// The simulator's config.yaml model_list: the deployments both personalities serve.
import {pyJsonDumps, pyStr} from '../python-format.js';
import {sha256Hex} from '../random.js';
import {litellmParamsDefaults} from './model-info.js';

export type Deployment = {
	model_name: string;
	litellm_params: {model: string; api_base?: string; api_key?: string; [key: string]: unknown};
	model_info: {id: string; db_model: boolean; [key: string]: unknown};
};

/**
 * LiteLLM's generated deployment id when model_info.id is not pinned (Router._generate_model_id): the SHA-256 of the
 * group name followed by every litellm_params key and value in config order (dicts as JSON, others as str()).
 */
export function generatedModelId(modelName: string, litellmParams: Record<string, unknown>): string {
	const parts = [modelName];
	for (const [key, value] of Object.entries(litellmParams)) {
		parts.push(key, typeof value === 'string' ? value : value && typeof value === 'object' ? pyJsonDumps(value) : pyStr(value));
	}

	return sha256Hex(parts.join(''));
}

/** A model_list entry of config.yaml, as the simulator takes it (option `modelList`). */
export type ModelListEntry = {model_name: string; litellm_params: {model: string; [key: string]: unknown}; model_info?: {id?: string; [key: string]: unknown}};

/** Deployments from a config.yaml model_list, ids generated as LiteLLM does unless pinned. */
export function configuredDeployments(modelList: ModelListEntry[]): Deployment[] {
	return modelList.map(entry => {
		const litellmParams = {...entry.litellm_params};
		const info = entry.model_info ?? {};
		return {
			model_name: entry.model_name,
			litellm_params: litellmParams,
			model_info: {...info, id: typeof info.id === 'string' && info.id ? info.id : generatedModelId(entry.model_name, litellmParams), db_model: false},
		};
	});
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
		deployment('gpt-3.5-turbo-instruct', 'text-completion-openai/gpt-3.5-turbo-instruct', 'https://upstream-a.simulated.invalid/v1'),
		deployment('text-embedding-3-small', 'openai/text-embedding-3-small', 'https://upstream-a.simulated.invalid/v1'),
		deployment('dall-e-3', 'openai/dall-e-3', 'https://upstream-a.simulated.invalid/v1'),
		deployment('whisper-1', 'openai/whisper-1', 'https://upstream-a.simulated.invalid/v1'),
		deployment('tts-1', 'openai/tts-1', 'https://upstream-a.simulated.invalid/v1'),
	];
}

/** litellm_params as LiteLLM shows them: secrets stripped, LiteLLM's defaults added (in its order). */
export function publicParams(deployment: Deployment): Record<string, unknown> {
	const {api_key: _apiKey, vertex_credentials: _vertex, aws_access_key_id: _aws, aws_secret_access_key: _awsSecret, api_base: apiBase, model, ...rest} = deployment.litellm_params;
	return {...(apiBase === undefined ? {} : {api_base: apiBase}), ...litellmParamsDefaults, model, ...rest};
}

/** api_base without its query string, as x-litellm-model-api-base carries it. */
export function apiBaseOf(deployment: Deployment): string {
	const base = deployment.litellm_params.api_base ?? 'https://api.openai.com';
	return base.split('?')[0]!;
}
