// Which route a request belongs to (method + path template) and whether it may be mirrored to the candidate.
// Templates fold ids into placeholders so that /v1/files/file-abc and /v1/files/file-xyz count as one route.

/** LLM calls and other routes that answer without changing the gateway's state: mirrored by default. */
const safePosts = [
	/\/chat\/completions$/,
	/\/completions$/,
	/\/embeddings$/,
	/\/moderations$/,
	/\/rerank$/,
	/\/images\/generations$/,
	/\/audio\/speech$/,
	/\/audio\/transcriptions$/,
	/\/audio\/translations$/,
	/\/responses$/,
	/\/messages$/,
	/\/utils\/token_counter$/,
	/\/engines\/[^/]+\/(chat\/)?(completions|embeddings)$/,
	/\/openai\/deployments\/[^/]+\/(chat\/)?(completions|embeddings)$/,
];

const readMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

const uuid = /^[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/i;

/** A path segment that names one thing (an id, a key, a model) rather than a collection. */
function isIdSegment(segment: string): boolean {
	if (/^\d+$/.test(segment) || uuid.test(segment)) return true;
	if (/^[\da-f]{16,}$/i.test(segment)) return true;
	// file-abc123, batch_abc, chatcmpl-…, sk-…: a prefix and an opaque tail with digits.
	return segment.length >= 8 && /\d/.test(segment) && /^[\w.:-]+$/.test(segment) && !/^v\d+$/.test(segment);
}

export function routeTemplate(path: string): string {
	const bare = path.split('?')[0] ?? '/';
	const segments = bare.split('/').map((segment, index, all) => {
		if (segment === '') return segment;
		// /v1/models/{model}: whatever follows a models collection is one model.
		if (index > 0 && all[index - 1] === 'models') return '{id}';
		return isIdSegment(decodeURIComponent(segment)) ? '{id}' : segment;
	});
	return segments.join('/') || '/';
}

export function routeKey(method: string, path: string): string {
	return `${method.toUpperCase()} ${routeTemplate(path)}`;
}

/**
 * A mirror pattern: "METHOD /path/glob" or "/path/glob" (any method). `*` matches within a segment, `**` across
 * segments, and the method may be `*`.
 */
export type MirrorPattern = {method?: string; path: RegExp; source: string};

export function parseMirrorPattern(source: string): MirrorPattern {
	const trimmed = source.trim();
	const match = /^(?:([A-Za-z*]+)\s+)?(\/\S*)$/.exec(trimmed);
	if (!match) throw new Error(`'${source}' is not a mirror pattern; write it like "POST /key/*" or "/v1/**"`);
	const method = match[1] && match[1] !== '*' ? match[1].toUpperCase() : undefined;
	const body = match[2]!
		.split(/(\*\*|\*)/)
		.map(part => (part === '**' ? '.*' : part === '*' ? '[^/]*' : part.replaceAll(/[.+?^${}()|[\]\\]/g, '\\$&')))
		.join('');
	return {method, path: new RegExp(`^${body}$`), source: trimmed};
}

/** Mirror reads and LLM calls; anything else only when a pattern allows it. */
export function isMirrored(method: string, path: string, allowed: readonly MirrorPattern[] = []): boolean {
	const upper = method.toUpperCase();
	const bare = path.split('?')[0] ?? '/';
	if (readMethods.has(upper)) return true;
	if (upper === 'POST' && safePosts.some(pattern => pattern.test(bare))) return true;
	return allowed.some(pattern => (!pattern.method || pattern.method === upper) && pattern.path.test(bare));
}
