// §2 health endpoints.
import type {Sim} from '../context.js';
import {sleep} from '../context.js';
import {hasGap} from '../gaps.js';
import {detailError, proxyErrorFromDetail, validationError, missingField} from '../http/errors.js';
import type {Exchange} from '../http/exchange.js';
import {sendBody, sendJson} from '../http/respond.js';
import type {RouteSpec} from '../http/router.js';
import {publicParams} from '../models/deployments.js';

/** The callbacks LiteLLM reports as active (readiness, /active/callbacks): the same list on both personalities. */
export function successCallbacks(sim: Sim): string[] {
	return [
		...(sim.options.prometheus ? ['prometheus'] : []),
		...(sim.options.otlpEndpoint ? ['otel'] : []),
		'_PROXY_track_cost_callback',
		'_PROXY_MaxParallelRequestsHandler_v3',
		'_PROXY_MaxBudgetLimiter',
		'_PROXY_CacheControlCheck',
		'ServiceLogging',
	];
}

const knownServices = ['slack_budget_alerts', 'email', 'langfuse', 'slack', 'openmeter', 'webhook', 'braintrust', 'otel', 'custom_callback_api', 'langsmith', 'datadog', 'generic_api', 'arize', 'sqs', 'prometheus'];

async function health(exchange: Exchange, sim: Sim): Promise<void> {
	const modelId = exchange.query('model_id');
	const model = exchange.query('model');
	let deployments = sim.models.deployments;
	if (deployments.length === 0) throw detailError(500, {error: 'Model list not initialized'});
	if (modelId !== undefined) {
		deployments = deployments.filter(deployment => deployment.model_info.id === modelId);
		if (deployments.length === 0) throw detailError(404, {error: `Model with ID ${modelId} not found`});
	}

	if (model !== undefined) deployments = deployments.filter(deployment => deployment.model_name === model || deployment.litellm_params.model === model);
	// /health makes a real call to every deployment: that costs one upstream round trip.
	await sleep(sim, sim.options.latencyMs);
	const healthy = deployments.map(deployment => publicParams(deployment));
	sendJson(exchange, 200, {healthy_endpoints: healthy, unhealthy_endpoints: [], healthy_count: healthy.length, unhealthy_count: 0});
}

function liveliness(exchange: Exchange): void {
	sendJson(exchange, 200, "I'm alive!");
}

function livelinessOptions(exchange: Exchange): void {
	sendBody(exchange, 200, '', 'text/plain; charset=utf-8', {allow: 'GET, OPTIONS', 'access-control-allow-methods': 'GET, OPTIONS', 'access-control-allow-headers': '*'});
}

function readiness(exchange: Exchange, sim: Sim): void {
	const body: Record<string, unknown> = {
		status: 'healthy',
		db: sim.db ? 'connected' : 'Not connected',
		cache: sim.cache ? 'redis' : null,
		litellm_version: sim.options.version,
		success_callbacks: successCallbacks(sim),
		use_aiohttp_transport: true,
		log_level: 'WARNING',
		is_detailed_debug: false,
	};
	if (hasGap(sim.options, 'readiness-old-shape')) {
		delete body.log_level;
		delete body.is_detailed_debug;
	}

	sendJson(exchange, 200, body);
}

function services(exchange: Exchange, sim: Sim): void {
	const service = exchange.query('service');
	if (service === undefined) throw validationError([missingField(['query', 'service'], null)]);
	if (!knownServices.includes(service) && !successCallbacks(sim).includes(service)) {
		throw proxyErrorFromDetail(400, {error: `Service must be in ${JSON.stringify(knownServices)}. Received=${service}`}, 'bad_request_error');
	}

	sendJson(exchange, 200, {status: 'success', message: `Mock LLM request made - check ${service}.`});
}

function history(exchange: Exchange, sim: Sim): void {
	if (!sim.db) throw detailError(500, {error: 'Database not initialized'});
	sendJson(exchange, 200, {health_checks: [], total_records: 0, limit: 100, offset: 0});
}

function latest(exchange: Exchange, sim: Sim): void {
	if (!sim.db) throw detailError(500, {error: 'Database not initialized'});
	sendJson(exchange, 200, {latest_health_checks: {}, total_models: 0});
}

function activeCallbacks(exchange: Exchange, sim: Sim): void {
	const callbacks = successCallbacks(sim);
	sendJson(exchange, 200, {
		alerting: null,
		'litellm.callbacks': callbacks.filter(name => !name.startsWith('_')),
		'litellm.input_callback': [],
		'litellm.failure_callback': [],
		'litellm.success_callback': callbacks,
		'litellm._async_success_callback': callbacks,
		'litellm._async_failure_callback': [],
		'litellm._async_input_callback': [],
		all_litellm_callbacks: callbacks,
		num_callbacks: callbacks.length,
		num_alerting: 0,
		'litellm.request_timeout': 6000,
	});
}

export const healthRoutes: RouteSpec[] = [
	{name: 'health_endpoint', methods: ['GET'], paths: ['/health'], access: 'info', handle: health},
	{name: 'health_services_endpoint', methods: ['GET'], paths: ['/health/services'], access: 'admin', handle: services},
	{name: 'health_check_history_endpoint', methods: ['GET'], paths: ['/health/history'], access: 'admin', handle: history},
	{name: 'latest_health_checks_endpoint', methods: ['GET'], paths: ['/health/latest'], access: 'admin', handle: latest},
	{name: 'active_callbacks', methods: ['GET'], paths: ['/active/callbacks', '/settings'], access: 'admin', handle: activeCallbacks},
	{name: 'health_readiness', methods: ['GET'], paths: ['/health/readiness'], access: 'public', handle: readiness},
	{name: 'health_liveliness', methods: ['GET'], paths: ['/health/liveliness', '/health/liveness'], access: 'public', handle: liveliness},
	{name: 'health_liveliness_options', methods: ['OPTIONS'], paths: ['/health/liveliness', '/health/liveness'], access: 'public', handle: livelinessOptions},
	{name: 'test_endpoint', methods: ['GET'], paths: ['/test'], access: 'public', handle: exchange => sendJson(exchange, 200, {route: '/test'})},
];
