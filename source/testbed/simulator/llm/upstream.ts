// Forwarding to a real OpenAI-compatible upstream (the tool's mock upstream in the overhead row): the call's provider
// time becomes a real network exchange, so proxied − direct is the simulator's own overhead.
import {performance} from 'node:perf_hooks';
import {Agent, request} from 'undici';

/** What the proxy relays from the upstream's chat answer, and how long the upstream took (ms). */
export type UpstreamAnswer = {
	ms: number;
	id?: string;
	created?: number;
	content?: string;
	finishReason?: string;
	usage?: {prompt_tokens: number; completion_tokens: number; total_tokens: number; [detail: string]: unknown};
};

export type UpstreamClient = {
	/** Sends the chat body on (non-stream) and resolves with the upstream's answer. */
	chat(body: Record<string, unknown>, signal: AbortSignal): Promise<UpstreamAnswer>;
	/** Sends an embeddings body on and resolves with the upstream's vectors and usage, or undefined if it failed. */
	embeddings(body: Record<string, unknown>, signal: AbortSignal): Promise<UpstreamEmbeddings | undefined>;
	close(): Promise<void>;
};

export type UpstreamEmbeddings = {ms: number; data: Array<{embedding: number[] | string; index: number}>; promptTokens?: number};

type ChatAnswer = {id?: unknown; created?: unknown; choices?: Array<{finish_reason?: unknown; message?: {content?: unknown}}>; usage?: UpstreamAnswer['usage']};

export function upstreamClient(baseUrl: string): UpstreamClient {
	// Keep-alive, like a real proxy's provider client: no connect cost per call.
	const dispatcher = new Agent({keepAliveTimeout: 30_000, connections: 32});
	return {
		async chat(body, signal) {
			const started = performance.now();
			const response = await request(`${baseUrl}/v1/chat/completions`, {
				method: 'POST',
				headers: {'content-type': 'application/json'},
				body: JSON.stringify({model: body.model, messages: body.messages, max_tokens: body.max_tokens}),
				dispatcher,
				signal,
			});
			const answer = (await response.body.json().catch(() => undefined)) as ChatAnswer | undefined;
			const choice = answer?.choices?.[0];
			const usage = answer?.usage;
			return {
				ms: performance.now() - started,
				id: typeof answer?.id === 'string' ? answer.id : undefined,
				created: typeof answer?.created === 'number' ? answer.created : undefined,
				content: typeof choice?.message?.content === 'string' ? choice.message.content : undefined,
				finishReason: typeof choice?.finish_reason === 'string' ? choice.finish_reason : undefined,
				usage: usage && typeof usage.prompt_tokens === 'number' && typeof usage.completion_tokens === 'number' ? usage : undefined,
			};
		},
		async embeddings(body, signal) {
			const started = performance.now();
			const response = await request(`${baseUrl}/v1/embeddings`, {
				method: 'POST',
				headers: {'content-type': 'application/json'},
				body: JSON.stringify({model: body.model, input: body.input, ...(body.dimensions === undefined ? {} : {dimensions: body.dimensions}), ...(body.encoding_format === undefined ? {} : {encoding_format: body.encoding_format})}),
				dispatcher,
				signal,
			});
			const answer = (await response.body.json().catch(() => undefined)) as {data?: unknown; usage?: {prompt_tokens?: unknown}} | undefined;
			if (response.statusCode !== 200 || !Array.isArray(answer?.data)) return undefined;
			const data = (answer.data as Array<{embedding?: unknown; index?: unknown}>).map((item, index) => ({
				embedding: Array.isArray(item.embedding) || typeof item.embedding === 'string' ? (item.embedding as number[] | string) : [],
				index: typeof item.index === 'number' ? item.index : index,
			}));
			return {ms: performance.now() - started, data, promptTokens: typeof answer.usage?.prompt_tokens === 'number' ? answer.usage.prompt_tokens : undefined};
		},
		close: () => dispatcher.close(),
	};
}
