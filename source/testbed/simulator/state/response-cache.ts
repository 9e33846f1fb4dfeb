// The simulated Redis response cache (litellm_settings.cache: true, type redis).
import {sha256Hex} from '../random.js';

/** Body fields that steer the proxy rather than the model: they never change the cache key (stream and stream_options do, as in LiteLLM). */
const ignoredFields = new Set(['cache', 'caching', 'metadata', 'litellm_metadata', 'tags', 'fallbacks', 'num_retries', 'guardrails', 'litellm_call_id']);

function canonical(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(canonical);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.keys(value as Record<string, unknown>)
				.sort()
				.map(key => [key, canonical((value as Record<string, unknown>)[key])]),
		);
	}

	return value;
}

type Entry = {value: unknown; expiresAt: number};

export type CacheControls = {noCache: boolean; noStore: boolean; ttlSeconds?: number};

export function cacheControls(body: Record<string, unknown>): CacheControls {
	const cache = body.cache && typeof body.cache === 'object' ? (body.cache as Record<string, unknown>) : {};
	const ttl = cache.ttl ?? cache['s-maxage'];
	return {noCache: cache['no-cache'] === true, noStore: cache['no-store'] === true, ttlSeconds: typeof ttl === 'number' ? ttl : undefined};
}

export class ResponseCache {
	hits = 0;
	misses = 0;
	private readonly store = new Map<string, Entry>();

	constructor(readonly defaultTtlSeconds = 600) {}

	/** Same call type, same model and same parameters → same key. */
	static keyFor(callType: string, model: string, body: Record<string, unknown>): string {
		const relevant = Object.fromEntries(Object.entries(body).filter(([key]) => !ignoredFields.has(key)));
		return sha256Hex(JSON.stringify(canonical({callType, ...relevant, model})));
	}

	get(key: string): unknown {
		const entry = this.store.get(key);
		if (entry && entry.expiresAt > Date.now()) {
			this.hits++;
			return entry.value;
		}

		if (entry) this.store.delete(key);
		this.misses++;
		return undefined;
	}

	set(key: string, value: unknown, ttlSeconds = this.defaultTtlSeconds): void {
		this.store.set(key, {value: structuredClone(value), expiresAt: Date.now() + ttlSeconds * 1000});
	}

	delete(keys: string[]): number {
		return keys.filter(key => this.store.delete(key)).length;
	}

	flush(): void {
		this.store.clear();
	}

	/** Live entries with their remaining time to live. */
	entries(): Array<{key: string; ttl_seconds: number}> {
		const now = Date.now();
		return [...this.store.entries()].filter(([, entry]) => entry.expiresAt > now).map(([key, entry]) => ({key, ttl_seconds: Math.ceil((entry.expiresAt - now) / 1000)}));
	}

	get size(): number {
		return this.store.size;
	}
}
