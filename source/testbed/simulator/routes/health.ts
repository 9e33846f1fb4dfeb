// §2 health endpoints.
import type {Sim} from '../context.js';
import {sleep} from '../context.js';
import {hasGap} from '../gaps.js';
import {detailError, proxyErrorFromDetail, validationError, missingField} from '../http/errors.js';
import type {Exchange} from '../http/exchange.js';
import {sendBody, sendJson} from '../http/respond.js';
import type {RouteSpec} from '../http/router.js';
import {publicParams} from '../models/deployments.js';

/**
 * The success callbacks LiteLLM 1.81.13 lists in readiness (class names), the same on both personalities. On a fresh
 * proxy only the cache and the router's own callback are there; the proxy hooks, the loggers (Prometheus,
 * OpenTelemetry) and custom callbacks are added by the first LLM call.
 */
export function successCallbacks(sim: Sim): string[] {
	const first = [...(sim.cache ? ['cache'] : []), 'sync_deployment_callback_on_success'];
	if (!sim.callbacksActive) return first;
	return [
		...first,
		'SkillsInjectionHook',
		'_PROXY_VirtualKeyModelMaxBudgetLimiter',
		...(sim.options.prometheus ? ['PrometheusLogger'] : []),
		...(sim.options.otlpEndpoint ? ['OpenTelemetry'] : []),
		...sim.options.callbacks,
		'_PROXY_MaxBudgetLimiter',
		'_PROXY_MaxParallelRequestsHandler_v3',
		'_PROXY_CacheControlCheck',
		'ResponsesIDSecurity',
		'ServiceLogging',
	];
}

const knownServices = ['slack_budget_alerts', 'langfuse', 'langfuse_otel', 'slack', 'openmeter', 'webhook', 'email', 'braintrust', 'datadog', 'datadog_llm_observability', 'generic_api', 'arize', 'sqs'];
/** Services tested through general_settings.alerting, which the simulated config does not set. */
const alertingServices = ['slack_budget_alerts', 'slack', 'email', 'webhook'];

/**
 * What LiteLLM 1.81.13 adds to each endpoint /health lists: the internal health-check key's metadata and a cache
 * bypass (measured on the pinned real proxy).
 */
const healthCheckExtras = {
	litellm_metadata: {"tags": ["litellm-internal-health-check"], "user_api_key_hash": "litellm-internal-health-check", "user_api_key_alias": "litellm-internal-health-check", "user_api_key_spend": 0.0, "user_api_key_max_budget": null, "user_api_key_team_id": "litellm-internal-health-check", "user_api_key_user_id": null, "user_api_key_org_id": null, "user_api_key_team_alias": "litellm-internal-health-check", "user_api_key_end_user_id": null, "user_api_key_user_email": null, "user_api_key_request_route": null, "user_api_key_budget_reset_at": null, "user_api_key_auth_metadata": {}, "user_api_key": "litellm-internal-health-check", "user_api_end_user_max_budget": null, "user_api_key_auth": {"token": "litellm-internal-health-check", "key_name": null, "key_alias": "litellm-internal-health-check", "spend": 0.0, "max_budget": null, "expires": null, "models": [], "aliases": {}, "config": {}, "user_id": null, "team_id": "litellm-internal-health-check", "max_parallel_requests": null, "metadata": {}, "tpm_limit": null, "rpm_limit": null, "budget_duration": null, "budget_reset_at": null, "allowed_cache_controls": [], "allowed_routes": [], "permissions": {}, "model_spend": {}, "model_max_budget": {}, "soft_budget_cooldown": false, "blocked": null, "litellm_budget_table": null, "org_id": null, "created_at": null, "created_by": null, "updated_at": null, "updated_by": null, "object_permission_id": null, "object_permission": null, "access_group_ids": null, "rotation_count": 0, "auto_rotate": false, "rotation_interval": null, "last_rotation_at": null, "key_rotation_at": null, "router_settings": null, "team_spend": null, "team_alias": "litellm-internal-health-check", "team_tpm_limit": null, "team_rpm_limit": null, "team_max_budget": null, "team_soft_budget": null, "team_models": [], "team_blocked": false, "soft_budget": null, "team_model_aliases": null, "team_member": null, "team_metadata": null, "team_object_permission_id": null, "team_member_spend": null, "team_member_tpm_limit": null, "team_member_rpm_limit": null, "end_user_id": null, "end_user_tpm_limit": null, "end_user_rpm_limit": null, "end_user_max_budget": null, "organization_max_budget": null, "organization_tpm_limit": null, "organization_rpm_limit": null, "organization_metadata": null, "last_refreshed_at": null, "api_key": "litellm-internal-health-check", "user_role": null, "allowed_model_region": null, "parent_otel_span": null, "rpm_limit_per_model": null, "tpm_limit_per_model": null, "user_tpm_limit": null, "user_rpm_limit": null, "user_email": null, "user_spend": null, "user_max_budget": null, "request_route": null, "user": null}},
	cache: {'no-cache': true},
};

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
	// The health check of a deployment whose config says `model_info.mode: audio_speech` sends a voice, and lists it
	// with the params (without that mode LiteLLM checks every model as a chat model).
	const healthy = deployments.map(deployment => ({
		...publicParams(deployment),
		...(deployment.model_info.mode === 'audio_speech' ? {voice: 'alloy'} : {}),
		...healthCheckExtras,
	}));
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
	};
	// The candidate's deliberate gap: two fields stock 1.81.13 does not send.
	if (hasGap(sim.options, 'readiness-extra-fields')) Object.assign(body, {log_level: 'WARNING', is_detailed_debug: false});

	sendJson(exchange, 200, body);
}

function services(exchange: Exchange, sim: Sim): void {
	const service = exchange.query('service');
	if (service === undefined) throw validationError([missingField(['query', 'service'], null)]);
	// LiteLLM 1.81.13's answers (measured): a service outside its list is refused, an alerting one it has no config
	// for cannot be tested.
	if (!knownServices.includes(service)) {
		throw proxyErrorFromDetail(400, {error: `Service must be in list. Service=${service} not in typing.Union[typing.Literal[${knownServices.map(name => `'${name}'`).join(', ')}], str]`}, 'auth_error');
	}

	if (alertingServices.includes(service)) {
		throw proxyErrorFromDetail(422, {error: `"${service}" not in proxy config: general_settings. Unable to test this.`}, 'auth_error');
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
		alerting: 'None',
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
