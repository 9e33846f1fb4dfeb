// LLMRouter's cache admin endpoints (admin key).
import type {Sim} from '../../context.js';
import type {Exchange} from '../../http/exchange.js';
import {sendJson} from '../../http/respond.js';
import type {RouteSpec} from '../../http/router.js';

function stats(exchange: Exchange, sim: Sim): void {
	const {cache} = sim;
	if (!cache) {
		sendJson(exchange, 200, {enabled: false});
		return;
	}

	const lookups = cache.hits + cache.misses;
	sendJson(exchange, 200, {enabled: true, backend: 'redis', entries: cache.size, hits: cache.hits, misses: cache.misses, hit_rate: lookups ? cache.hits / lookups : 0});
}

function flush(exchange: Exchange, sim: Sim): void {
	if (!sim.cache) {
		sendJson(exchange, 200, {status: 'cache_not_enabled'});
		return;
	}

	const removed = sim.cache.size;
	sim.cache.flush();
	sendJson(exchange, 200, {status: 'flushed', entries_removed: removed});
}

function entries(exchange: Exchange, sim: Sim): void {
	if (!sim.cache) {
		sendJson(exchange, 200, {status: 'cache_not_enabled'});
		return;
	}

	const list = sim.cache.entries();
	sendJson(exchange, 200, {entries: list, count: list.length});
}

export const cacheAdminRoutes: RouteSpec[] = [
	{name: 'cache_stats', methods: ['GET'], paths: ['/admin/cache/stats'], access: 'control-plane', handle: stats},
	{name: 'cache_flush', methods: ['POST'], paths: ['/admin/cache/flush'], access: 'control-plane', handle: flush},
	{name: 'cache_entries', methods: ['GET'], paths: ['/admin/cache/entries'], access: 'control-plane', handle: entries},
];
