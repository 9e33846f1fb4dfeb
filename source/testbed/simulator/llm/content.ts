// What the simulated upstream "says": the exact mock_response when one is given (LiteLLM's own test hook), else
// random words from the seeded RNG, as many tokens as max_tokens asks for.
import type {Rng} from '../random.js';

const lexicon = (
	'the a an of to and in is it that for on with as by at from this be are was or not but all can will one so up out if about ' +
	'parity proxy router model token stream answer request latency cache header gateway deployment check signal baseline candidate ' +
	'quick steady bright quiet simple careful clear honest small large early late green blue amber silver river mountain garden ' +
	'window signal engine bridge harbor meadow lantern compass anchor beacon ledger journal thread kernel socket packet buffer ' +
	'route policy budget spend key team user admin health ready alive metric trace span log event batch file image audio voice ' +
	'vector embedding prompt reply chunk frame delta usage cost retry fallback timeout region shard replica cluster container image'
).split(' ');

/** Every text the request carries for the model: messages, prompt or input. */
export function promptText(body: Record<string, unknown>): string {
	const parts: string[] = [];
	const collect = (value: unknown): void => {
		if (typeof value === 'string') parts.push(value);
		else if (Array.isArray(value)) value.forEach(collect);
		else if (value && typeof value === 'object') {
			const record = value as Record<string, unknown>;
			if ('content' in record) collect(record.content);
			else if ('text' in record) collect(record.text);
		}
	};

	collect(body.messages);
	collect(body.prompt);
	collect(body.input);
	return parts.join('\n');
}

/** A tokenizer-ish count: about four characters a token, at least one. */
export function estimateTokens(text: string): number {
	return Math.max(1, Math.ceil(text.length / 4));
}

export function promptTokens(body: Record<string, unknown>): number {
	const messages = Array.isArray(body.messages) ? body.messages.length : 0;
	return estimateTokens(promptText(body)) + messages * 3;
}

function positiveInt(value: unknown): number | undefined {
	return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** Splits a text into stream tokens that concatenate back to it exactly. */
export function splitTokens(text: string): string[] {
	const tokens = text.match(/\s*\S+\s*$|\s*\S+/g) ?? [];
	return tokens.length > 0 ? tokens : [text];
}

export type MockInput = {mockResponse?: unknown; maxTokens?: unknown; maxCompletionTokens?: unknown};

/** The completion as stream tokens. Their count follows max_tokens when given (so a test can ask for 2,000). */
export function completionTokens(rng: Rng, input: MockInput): string[] {
	if (input.mockResponse !== undefined && input.mockResponse !== null) {
		const text = typeof input.mockResponse === 'string' ? input.mockResponse : JSON.stringify(input.mockResponse);
		return splitTokens(text);
	}

	const count = positiveInt(input.maxTokens) ?? positiveInt(input.maxCompletionTokens) ?? rng.int(6, 10);
	const tokens: string[] = [];
	for (let index = 0; index < count; index++) {
		let word = rng.pick(lexicon);
		if (index === 0) word = word[0]!.toUpperCase() + word.slice(1);
		if (index === count - 1) word += '.';
		tokens.push(index === 0 ? word : ` ${word}`);
	}

	return tokens;
}

/** Deterministic text for a transcription of some bytes. */
export function transcriptText(rng: Rng, wordCount: number): string {
	return completionTokens(rng, {maxTokens: wordCount}).join('');
}
