// §9 cache admin routes; without a configured cache every one answers 503 in envelope B.
import type {Sim} from '../context.js';
import {detailError} from '../http/errors.js';
import type {Exchange} from '../http/exchange.js';
import {sendJson} from '../http/respond.js';
import type {RouteSpec} from '../http/router.js';
import {pyJsonDumps} from '../python-format.js';
import type {ResponseCache} from '../state/response-cache.js';
import {stringList} from './fields.js';

function requireCache(sim: Sim): ResponseCache {
	if (!sim.cache) throw detailError(503, 'Cache not initialized. litellm.cache is None');
	return sim.cache;
}

const supportedCallTypes = ['completion', 'acompletion', 'embedding', 'aembedding', 'atranscription', 'transcription', 'atext_completion', 'text_completion', 'arerank', 'rerank', 'responses', 'aresponses'];

/**
 * LiteLLM 1.81.13's /cache/ping: the cache's params as a JSON string (Python's json.dumps, values str()-ed) and the
 * Redis client's params, which name the configured host, port and namespace (the simulated Redis is 127.0.0.1:6379).
 */
function ping(exchange: Exchange, sim: Sim): void {
	requireCache(sim);
	const namespace = sim.options.cacheNamespace ?? null;
	const cacheParams = {
		supported_call_types: supportedCallTypes,
		type: 'redis',
		namespace: namespace ?? 'None',
		redis_flush_size: 'None',
		ttl: 'None',
		mode: {_value_: 'default_on', _name_: 'default_on', __objclass__: "<enum 'CacheMode'>", _sort_order_: 0},
	};
	sendJson(exchange, 200, {
		status: 'healthy',
		cache_type: 'redis',
		ping_response: true,
		set_cache_response: 'success',
		litellm_cache_params: pyJsonDumps(cacheParams),
		health_check_cache_params: {host: 'None', port: 'None', redis_kwargs: {host: '127.0.0.1', port: 6379, socket_timeout: 5}, namespace, redis_version: '7.0.15'},
	});
}

async function deleteEntries(exchange: Exchange, sim: Sim): Promise<void> {
	const cache = requireCache(sim);
	const body = await exchange.looseJson();
	cache.delete(stringList(body.keys));
	sendJson(exchange, 200, {status: 'success'});
}

function flushAll(exchange: Exchange, sim: Sim): void {
	requireCache(sim).flush();
	sendJson(exchange, 200, {status: 'success'});
}

function redisInfo(exchange: Exchange, sim: Sim): void {
	const cache = requireCache(sim);
	sendJson(exchange, 200, {num_clients: 1, librarys: [], redis_version: '7.2.4', db0: {keys: cache.size, expires: cache.size, avg_ttl: 600_000}});
}

export const cacheRoutes: RouteSpec[] = [
	{name: 'cache_ping', methods: ['GET'], paths: ['/cache/ping'], access: 'info', handle: ping},
	{name: 'cache_delete', methods: ['POST'], paths: ['/cache/delete'], access: 'admin', handle: deleteEntries},
	{name: 'cache_flushall', methods: ['POST'], paths: ['/cache/flushall'], access: 'admin', handle: flushAll},
	{name: 'cache_redis_info', methods: ['GET'], paths: ['/cache/redis/info'], access: 'admin', handle: redisInfo},
];
