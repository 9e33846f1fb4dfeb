// Forwarding to a real OpenAI-compatible upstream (the tool's mock upstream in the overhead row): the call's provider
// time becomes a real network exchange, so proxied − direct is the simulator's own overhead.
import {performance} from 'node:perf_hooks';
import {Agent, request} from 'undici';

export type UpstreamClient = {
	/** Sends the chat body on and resolves with the upstream's assistant text and how long it took (ms). */
	chat(body: Record<string, unknown>, signal: AbortSignal): Promise<{content?: string; ms: number}>;
	close(): Promise<void>;
};

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
			const answer = (await response.body.json().catch(() => undefined)) as {choices?: Array<{message?: {content?: string}}>} | undefined;
			return {content: answer?.choices?.[0]?.message?.content, ms: performance.now() - started};
		},
		close: () => dispatcher.close(),
	};
}
