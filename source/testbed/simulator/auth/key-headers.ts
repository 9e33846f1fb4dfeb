// Reading the caller's key the way user_api_key_auth does: the first header present wins, in this order.

export type PresentedKey = {header: string; value: string};

function stripBearer(value: string): string {
	for (const prefix of ['Bearer ', 'Basic ', 'bearer ']) if (value.startsWith(prefix)) return value.slice(prefix.length);
	return '';
}

/**
 * Undefined when no key header is present at all. An `Authorization` header without a Bearer/Basic prefix yields an
 * empty value, which LiteLLM reports as "Malformed".
 */
export function presentedKey(header: (name: string) => string | undefined): PresentedKey | undefined {
	const litellm = header('x-litellm-api-key');
	if (litellm !== undefined) return {header: 'x-litellm-api-key', value: litellm.startsWith('Bearer ') ? litellm.slice(7) : litellm};
	const authorization = header('authorization');
	if (authorization !== undefined) return {header: 'authorization', value: stripBearer(authorization)};
	for (const name of ['api-key', 'x-api-key', 'x-goog-api-key', 'ocp-apim-subscription-key']) {
		const value = header(name);
		if (value !== undefined) return {header: name, value};
	}

	return undefined;
}

/** Newer LiteLLM masks a key in messages: the first and last four characters around `****`. */
export function maskKey(key: string): string {
	if (key.length <= 8) return '****';
	return `${key.slice(0, 4)}****${key.slice(-4)}`;
}
