// LLMRouter's hot reload and router introspection. A reload (SIGHUP in the real container) re-reads the config:
// here it bumps a counter and timestamp that /router/info and /config/sync/status show, and may switch strategy.
import type {Sim} from '../../context.js';
import {detailError} from '../../http/errors.js';
import type {Exchange} from '../../http/exchange.js';
import {sendJson} from '../../http/respond.js';
import type {RouteSpec} from '../../http/router.js';
import {registeredStrategies} from './strategies.js';

async function reload(exchange: Exchange, sim: Sim): Promise<void> {
	const body = await exchange.looseJson();
	const strategies = registeredStrategies(sim.options);
	if (body.strategy !== undefined) {
		const strategy = String(body.strategy);
		if (!strategies.includes(strategy) && strategy !== 'simple-shuffle') {
			throw detailError(400, {error: 'invalid_strategy', message: `Unknown routing strategy '${strategy}'`, request_id: exchange.requestId});
		}

		sim.models.strategy = strategy;
	}

	sim.candidate.reloadCount++;
	sim.candidate.lastReload = new Date().toISOString();
	sim.log.line('INFO', `Config reload triggered via ${exchange.path} (SIGHUP); strategy=${sim.models.strategy}`, {request_id: exchange.requestId}, 'litellm_llmrouter.hot_reload');
	sendJson(exchange, 200, {status: 'success', message: 'Config reload triggered', synced_from_remote: false});
}

function syncStatus(exchange: Exchange, sim: Sim): void {
	sendJson(exchange, 200, {
		enabled: true,
		hot_reload_enabled: false,
		sync_interval_seconds: 60,
		s3: {enabled: false, bucket: null, key: null},
		gcs: {enabled: false, bucket: null, key: null},
		local_config_path: '/app/config/config.yaml',
		last_sync: sim.candidate.lastReload,
		reload_count: sim.candidate.reloadCount,
	});
}

function routerInfo(exchange: Exchange, sim: Sim): void {
	const strategies = registeredStrategies(sim.options);
	sendJson(exchange, 200, {
		registered_strategies: strategies,
		strategy_count: strategies.length,
		strategy: sim.models.strategy,
		hot_reload_enabled: false,
		registry: {active: sim.models.strategy, default: 'llmrouter-default', pipeline_enabled: true, ab_tests: []},
		reload_count: sim.candidate.reloadCount,
		last_reload: sim.candidate.lastReload,
	});
}

export const controlRoutes: RouteSpec[] = [
	{name: 'reload_llmrouter', methods: ['POST'], paths: ['/llmrouter/reload'], access: 'control-plane', handle: reload},
	{name: 'reload_config', methods: ['POST'], paths: ['/config/reload'], access: 'control-plane', handle: reload},
	{name: 'config_sync_status', methods: ['GET'], paths: ['/config/sync/status'], access: 'info', handle: syncStatus},
	{name: 'router_info', methods: ['GET'], paths: ['/router/info'], access: 'info', handle: routerInfo},
];
