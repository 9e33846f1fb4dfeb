// The cost-map facts LiteLLM attaches to models (model_prices_and_context_window.json), for the models the
// simulator serves. Prices drive x-litellm-response-cost and spend.

export type ModelMode = 'chat' | 'completion' | 'embedding' | 'image_generation' | 'audio_transcription' | 'audio_speech';

export type ModelFacts = {
	mode: ModelMode;
	max_tokens: number | null;
	max_input_tokens: number | null;
	max_output_tokens: number | null;
	input_cost_per_token: number;
	output_cost_per_token: number;
	/** Image generation: price of one image. */
	output_cost_per_image?: number;
	/** Transcription: price of one second of audio. */
	input_cost_per_second?: number;
	/** Speech: price of one input character. */
	input_cost_per_character?: number;
	output_vector_size?: number;
	supports: string[];
	supported_openai_params: string[];
};

const chatParams = [
	'frequency_penalty', 'logit_bias', 'logprobs', 'top_logprobs', 'max_tokens', 'max_completion_tokens', 'modalities', 'prediction', 'n',
	'presence_penalty', 'seed', 'stop', 'stream', 'stream_options', 'temperature', 'top_p', 'tools', 'tool_choice', 'function_call', 'functions',
	'max_retries', 'extra_headers', 'parallel_tool_calls', 'audio', 'response_format', 'user',
];

const facts: Record<string, ModelFacts> = {
	'gpt-4o-mini': {
		mode: 'chat',
		max_tokens: 16_384,
		max_input_tokens: 128_000,
		max_output_tokens: 16_384,
		input_cost_per_token: 1.5e-7,
		output_cost_per_token: 6e-7,
		supports: ['function_calling', 'parallel_function_calling', 'vision', 'response_schema', 'system_messages', 'prompt_caching', 'tool_choice'],
		supported_openai_params: chatParams,
	},
	'gpt-3.5-turbo-instruct': {
		mode: 'completion',
		max_tokens: 4096,
		max_input_tokens: 8192,
		max_output_tokens: 4096,
		input_cost_per_token: 1.5e-6,
		output_cost_per_token: 2e-6,
		supports: [],
		supported_openai_params: ['best_of', 'echo', 'frequency_penalty', 'logit_bias', 'logprobs', 'max_tokens', 'n', 'presence_penalty', 'seed', 'stop', 'stream', 'stream_options', 'suffix', 'temperature', 'top_p', 'user'],
	},
	'text-embedding-3-small': {
		mode: 'embedding',
		max_tokens: 8191,
		max_input_tokens: 8191,
		max_output_tokens: null,
		input_cost_per_token: 2e-8,
		output_cost_per_token: 0,
		output_vector_size: 1536,
		supports: [],
		supported_openai_params: ['dimensions', 'encoding_format', 'user'],
	},
	'dall-e-3': {
		mode: 'image_generation',
		max_tokens: null,
		max_input_tokens: null,
		max_output_tokens: null,
		input_cost_per_token: 0,
		output_cost_per_token: 0,
		// LiteLLM prices a standard 1024x1024 image by the pixel: 1024 × 1024 × 3.81469e-08.
		output_cost_per_image: 0.0399999238144,
		supports: [],
		supported_openai_params: ['n', 'quality', 'response_format', 'size', 'style', 'user'],
	},
	'whisper-1': {
		mode: 'audio_transcription',
		max_tokens: null,
		max_input_tokens: null,
		max_output_tokens: null,
		input_cost_per_token: 0,
		output_cost_per_token: 0,
		input_cost_per_second: 0.0001,
		supports: [],
		supported_openai_params: ['language', 'prompt', 'response_format', 'temperature', 'timestamp_granularities'],
	},
	'tts-1': {
		mode: 'audio_speech',
		max_tokens: null,
		max_input_tokens: null,
		max_output_tokens: null,
		input_cost_per_token: 0,
		output_cost_per_token: 0,
		input_cost_per_character: 1.5e-5,
		supports: [],
		supported_openai_params: ['response_format', 'speed', 'voice'],
	},
};

/** Facts for a LiteLLM model string (`openai/gpt-4o-mini` or `gpt-4o-mini`); unknown models count as free chat models. */
export function modelFacts(litellmModel: string): ModelFacts {
	const bare = litellmModel.includes('/') ? litellmModel.slice(litellmModel.lastIndexOf('/') + 1) : litellmModel;
	return (
		facts[bare] ?? {
			mode: 'chat',
			max_tokens: null,
			max_input_tokens: null,
			max_output_tokens: null,
			input_cost_per_token: 0,
			output_cost_per_token: 0,
			supports: [],
			supported_openai_params: chatParams,
		}
	);
}

export function providerOf(litellmModel: string): string {
	return litellmModel.includes('/') ? litellmModel.slice(0, litellmModel.indexOf('/')) : 'openai';
}
