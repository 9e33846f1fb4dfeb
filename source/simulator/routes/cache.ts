// §9 cache admin routes; without a configured cache every one answers 503 in envelope B.
import type {Sim} from '../context.js';
import {detailError} from '../http/errors.js';
import type {Exchange} from '../http/exchange.js';
import {sendJson} from '../http/respond.js';
import type {RouteSpec} from '../http/router.js';
import type {ResponseCache} from '../state/response-cache.js';
import {stringList} from './fields.js';

function requireCache(sim: Sim): ResponseCache {
	if (!sim.cache) throw detailError(503, 'Cache not initialized. litellm.cache is None');
	return sim.cache;
}

const redisParams = {host: 'redis', port: '6379', namespace: null};

function ping(exchange: Exchange, sim: Sim): void {
	requireCache(sim);
	sendJson(exchange, 200, {
		status: 'healthy',
		cache_type: 'redis',
		ping_response: true,
		set_cache_response: 'success',
		litellm_cache_params: {type: 'redis', supported_call_types: ['acompletion', 'atext_completion', 'aembedding'], ttl: 600, ...redisParams},
		redis_cache_params: {redis_client: 'Redis<ConnectionPool<Connection<host=redis,port=6379,db=0>>>', ...redisParams},
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
