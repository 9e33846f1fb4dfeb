// /metrics: the Prometheus families of LiteLLM 1.81.13 with the prometheus callback (not premium-gated in this
// version; measured on the pinned real proxy), one prom-client registry per simulator so two servers in one process
// count separately, plus the process collectors, which belong to the whole process and are shared (Node's, not
// Python's). Every family is declared from the start, as LiteLLM's are; prometheus_client's `<family>_created`
// gauges, which the real proxy prints for a counter or histogram once it has a series, are tracked but not yet printed
// (printCreatedFamilies).
import {Counter, Gauge, Histogram, Registry, collectDefaultMetrics} from 'prom-client';
import {apiBaseOf, type Deployment} from '../models/deployments.js';
import {providerOf} from '../models/catalog.js';

/** LiteLLM's LATENCY_BUCKETS (seconds). */
const latencyBuckets = [
	0.005, 0.00625, 0.0125, 0.025, 0.05, 0.1, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5, 8, 8.5, 9, 9.5, 10, 15, 20, 25, 30, 60, 120,
	180, 240, 300,
];

/** name, type, help: every litellm_* family a fresh 1.81.13 proxy declares, in its order. */
const families: Array<[string, 'counter' | 'gauge' | 'histogram', string]> = [
	["litellm_proxy_failed_requests_metric_total", "counter", "Total number of failed responses from proxy - the client did not get a success response from litellm proxy"],
	["litellm_proxy_total_requests_metric_total", "counter", "Total number of requests made to the proxy server - track number of client side requests"],
	["litellm_request_total_latency_metric", "histogram", "Total latency (seconds) for a request to LiteLLM"],
	["litellm_llm_api_latency_metric", "histogram", "Total latency (seconds) for a models LLM API call"],
	["litellm_llm_api_time_to_first_token_metric", "histogram", "Time to first token for a models LLM API call"],
	["litellm_spend_metric_total", "counter", "Total spend on LLM requests"],
	["litellm_total_tokens_metric_total", "counter", "Total number of input + output tokens from LLM requests"],
	["litellm_input_tokens_metric_total", "counter", "Total number of input tokens from LLM requests"],
	["litellm_output_tokens_metric_total", "counter", "Total number of output tokens from LLM requests"],
	["litellm_remaining_team_budget_metric", "gauge", "Remaining budget for team"],
	["litellm_team_max_budget_metric", "gauge", "Maximum budget set for team"],
	["litellm_team_budget_remaining_hours_metric", "gauge", "Remaining days for team budget to be reset"],
	["litellm_remaining_api_key_budget_metric", "gauge", "Remaining budget for api key"],
	["litellm_api_key_max_budget_metric", "gauge", "Maximum budget set for api key"],
	["litellm_api_key_budget_remaining_hours_metric", "gauge", "Remaining hours for api key budget to be reset"],
	["litellm_remaining_user_budget_metric", "gauge", "Remaining budget for user"],
	["litellm_user_max_budget_metric", "gauge", "Maximum budget set for user"],
	["litellm_user_budget_remaining_hours_metric", "gauge", "Remaining hours for user budget to be reset"],
	["litellm_remaining_api_key_requests_for_model", "gauge", "Remaining Requests API Key can make for model (model based rpm limit on key)"],
	["litellm_remaining_api_key_tokens_for_model", "gauge", "Remaining Tokens API Key can make for model (model based tpm limit on key)"],
	["litellm_remaining_requests_metric", "gauge", "LLM Deployment Analytics - remaining requests for model, returned from LLM API Provider"],
	["litellm_remaining_tokens_metric", "gauge", "remaining tokens for model, returned from LLM API Provider"],
	["litellm_overhead_latency_metric", "histogram", "Latency overhead (milliseconds) added by LiteLLM processing"],
	["litellm_request_queue_time_seconds", "histogram", "Time spent in request queue before processing starts (seconds)"],
	["litellm_guardrail_latency_seconds", "histogram", "Latency (seconds) for guardrail execution"],
	["litellm_guardrail_errors_total", "counter", "Total number of errors encountered during guardrail execution"],
	["litellm_guardrail_requests_total", "counter", "Total number of guardrail invocations"],
	["litellm_provider_remaining_budget_metric", "gauge", "Remaining budget for provider - used when you set provider budget limits"],
	["litellm_deployment_state", "gauge", "LLM Deployment Analytics - The state of the deployment: 0 = healthy, 1 = partial outage, 2 = complete outage"],
	["litellm_deployment_tpm_limit", "gauge", "Deployment TPM limit found in config"],
	["litellm_deployment_rpm_limit", "gauge", "Deployment RPM limit found in config"],
	["litellm_deployment_cooled_down_total", "counter", "LLM Deployment Analytics - Number of times a deployment has been cooled down by LiteLLM load balancing logic. exception_status is the status of the exception that caused the deployment to be cooled down"],
	["litellm_deployment_success_responses_total", "counter", "LLM Deployment Analytics - Total number of successful LLM API calls via litellm"],
	["litellm_deployment_failure_responses_total", "counter", "LLM Deployment Analytics - Total number of failed LLM API calls for a specific LLM deploymeny. exception_status is the status of the exception from the llm api"],
	["litellm_deployment_total_requests_total", "counter", "LLM Deployment Analytics - Total number of LLM API calls via litellm - success + failure"],
	["litellm_deployment_latency_per_output_token", "histogram", "LLM Deployment Analytics - Latency per output token"],
	["litellm_deployment_successful_fallbacks_total", "counter", "LLM Deployment Analytics - Number of successful fallback requests from primary model -> fallback model"],
	["litellm_deployment_failed_fallbacks_total", "counter", "LLM Deployment Analytics - Number of failed fallback requests from primary model -> fallback model"],
	["litellm_callback_logging_failures_metric_total", "counter", "Total number of failures when emitting logs to callbacks (e.g. s3_v2, langfuse, etc)"],
	["litellm_llm_api_failed_requests_metric_total", "counter", "deprecated - use litellm_proxy_failed_requests_metric"],
	["litellm_requests_metric_total", "counter", "deprecated - use litellm_proxy_total_requests_metric. Total number of LLM calls to litellm - track total per API Key, team, user"],
	["litellm_cache_hits_metric_total", "counter", "Total number of LiteLLM cache hits"],
	["litellm_cache_misses_metric_total", "counter", "Total number of LiteLLM cache misses"],
	["litellm_cached_tokens_metric_total", "counter", "Total tokens served from LiteLLM cache"],
	["litellm_total_users", "gauge", "Total number of users in LiteLLM"],
	["litellm_teams_count", "gauge", "Total number of teams in LiteLLM"],
];

const keyLabels = ['end_user', 'hashed_api_key', 'api_key_alias', 'requested_model', 'team', 'team_alias', 'user'] as const;

/** The label names of the families the simulator records (LiteLLM's); the others only declare themselves. */
const recordedLabels: Record<string, string[]> = {
	litellm_proxy_total_requests_metric_total: [...keyLabels, 'status_code', 'user_email', 'route', 'client_ip', 'user_agent', 'model_id'],
	litellm_proxy_failed_requests_metric_total: [...keyLabels, 'exception_status', 'exception_class', 'route', 'client_ip', 'user_agent', 'user_email', 'model_id'],
	litellm_request_total_latency_metric: ['model', ...keyLabels, 'model_id'],
	litellm_llm_api_latency_metric: ['model', ...keyLabels, 'model_id'],
	litellm_llm_api_time_to_first_token_metric: ['model', ...keyLabels, 'model_id'],
	litellm_spend_metric_total: ['model', 'end_user', 'hashed_api_key', 'api_key_alias', 'team', 'team_alias', 'user', 'model_id', 'client_ip', 'user_agent', 'user_email'],
	litellm_total_tokens_metric_total: ['model', ...keyLabels, 'model_id', 'user_email'],
	litellm_input_tokens_metric_total: ['model', ...keyLabels, 'model_id', 'user_email'],
	litellm_output_tokens_metric_total: ['model', ...keyLabels, 'model_id', 'user_email'],
	litellm_overhead_latency_metric: ['model_group', 'api_provider', 'api_base', 'litellm_model_name', 'hashed_api_key', 'api_key_alias', 'model_id'],
	litellm_deployment_state: ['litellm_model_name', 'model_id', 'api_base', 'api_provider'],
	litellm_deployment_success_responses_total: ['litellm_model_name', 'model_id', 'api_base', 'api_provider', 'requested_model', 'hashed_api_key', 'api_key_alias', 'team', 'team_alias', 'client_ip', 'user_agent'],
	litellm_deployment_failure_responses_total: ['litellm_model_name', 'model_id', 'api_base', 'api_provider', 'requested_model', 'exception_status', 'exception_class', 'hashed_api_key', 'api_key_alias', 'team', 'team_alias', 'client_ip', 'user_agent'],
	litellm_deployment_total_requests_total: ['litellm_model_name', 'model_id', 'api_base', 'api_provider', 'requested_model', 'hashed_api_key', 'api_key_alias', 'team', 'team_alias', 'client_ip', 'user_agent'],
	litellm_deployment_latency_per_output_token: ['litellm_model_name', 'model_id', 'api_base', 'api_provider', 'hashed_api_key', 'api_key_alias', 'team', 'team_alias'],
	litellm_llm_api_failed_requests_metric_total: ['end_user', 'hashed_api_key', 'api_key_alias', 'model', 'team', 'team_alias', 'user', 'model_id'],
	litellm_requests_metric_total: ['end_user', 'hashed_api_key', 'api_key_alias', 'model', 'team', 'team_alias', 'user', 'model_id', 'client_ip', 'user_agent', 'user_email'],
	litellm_cache_hits_metric_total: ['model', 'hashed_api_key', 'api_key_alias', 'team', 'team_alias', 'end_user', 'user', 'model_id'],
	litellm_cache_misses_metric_total: ['model', 'hashed_api_key', 'api_key_alias', 'team', 'team_alias', 'end_user', 'user', 'model_id'],
	litellm_cached_tokens_metric_total: ['model', 'hashed_api_key', 'api_key_alias', 'team', 'team_alias', 'end_user', 'user', 'model_id'],
	litellm_total_users: [],
	litellm_teams_count: [],
};

let processRegistry: Registry | undefined;

function sharedProcessRegistry(): Registry {
	if (!processRegistry) {
		processRegistry = new Registry();
		collectDefaultMetrics({register: processRegistry});
	}

	return processRegistry;
}

export type KeyLabelValues = Record<(typeof keyLabels)[number], string>;

export type CallOutcome = {
	labels: KeyLabelValues;
	deployment?: Deployment;
	status: number;
	exceptionClass?: string;
	totalSeconds: number;
	upstreamSeconds?: number;
	promptTokens?: number;
	completionTokens?: number;
	spend?: number;
	/** The request: its route, the client's address and User-Agent. */
	route: string;
	clientIp: string;
	userAgent: string;
	/** Whether the cache answered (undefined: no cache configured). */
	cacheHit?: boolean;
	/** Streams: seconds until the first chunk. */
	firstTokenSeconds?: number;
};

type Metric = Counter | Gauge | Histogram;

/**
 * Whether to print the `_created` gauge families. Off until the Prometheus check compares only the families a process
 * declares whatever its traffic: two simulators that saw different traffic (the noise sample goes to the baseline
 * only) would otherwise differ in them, as two real proxies do.
 */
const printCreatedFamilies = false;

/** A counter or histogram family's `_created` gauge name, as prometheus_client's text format writes it. */
function createdName(name: string): string {
	return `${name.replace(/_total$/, '')}_created`;
}

export class SimMetrics {
	private readonly registry = new Registry();
	private readonly metrics = new Map<string, Metric>();
	/** When each series of a counter or histogram began (seconds), by family and label values. */
	private readonly created = new Map<string, Map<string, {labels: Record<string, string>; at: number}>>();

	constructor(_deployments: Deployment[]) {
		sharedProcessRegistry();
		for (const [name, type, help] of families) {
			// Families never recorded still need label names, or prom-client would print a 0 sample for them.
			const labelNames = recordedLabels[name] ?? ['model_id'];
			const registers = [this.registry];
			const metric =
				type === 'counter'
					? new Counter({name, help, labelNames, registers})
					: type === 'gauge'
						? new Gauge({name, help, labelNames, registers})
						: new Histogram({name, help, labelNames, registers, buckets: name === 'litellm_overhead_latency_metric' ? latencyBuckets.map(bucket => bucket * 1000) : latencyBuckets});
			this.metrics.set(name, metric);
		}

		// The user and team counts come from the database: 0 without one, as on the real proxy.
		(this.metrics.get('litellm_total_users') as Gauge).set(0);
		(this.metrics.get('litellm_teams_count') as Gauge).set(0);
	}

	get contentType(): string {
		return this.registry.contentType;
	}

	async render(): Promise<string> {
		const created = printCreatedFamilies ? this.renderCreated() : '';
		return `${await this.registry.metrics()}\n${created}${await sharedProcessRegistry().metrics()}`;
	}

	private renderCreated(): string {
		let text = '';
		for (const [name, type, help] of families) {
			const series = this.created.get(name);
			if (type === 'gauge' || !series || series.size === 0) continue;
			const created = createdName(name);
			text += `# HELP ${created} ${help}\n# TYPE ${created} gauge\n`;
			for (const {labels, at} of series.values()) {
				const rendered = Object.entries(labels)
					.map(([label, value]) => `${label}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
					.join(',');
				text += `${created}{${rendered}} ${at}\n`;
			}
		}

		return text;
	}

	/** Adds to a counter (or observes a histogram, sets a gauge) with the family's labels picked from `values`. */
	private update(name: string, values: Record<string, string>, amount: number): void {
		const metric = this.metrics.get(name)!;
		const labels = Object.fromEntries((recordedLabels[name] ?? []).map(label => [label, values[label] ?? 'None']));
		if (metric instanceof Counter) metric.inc(labels, amount);
		else if (metric instanceof Histogram) metric.observe(labels, amount);
		else metric.set(labels, amount);
		if (metric instanceof Gauge) return;
		let series = this.created.get(name);
		if (!series) this.created.set(name, (series = new Map()));
		const key = JSON.stringify(labels);
		if (!series.has(key)) series.set(key, {labels, at: Date.now() / 1000});
	}

	record(outcome: CallOutcome): void {
		const model = outcome.deployment ? bareModel(outcome.deployment) : 'None';
		const modelId = outcome.deployment?.model_info.id ?? 'None';
		const values: Record<string, string> = {
			...outcome.labels,
			model,
			model_id: modelId,
			route: outcome.route,
			client_ip: outcome.clientIp,
			user_agent: outcome.userAgent,
			status_code: String(outcome.status),
			exception_status: String(outcome.status),
			exception_class: outcome.exceptionClass ?? 'None',
			model_group: outcome.labels.requested_model,
			...(outcome.deployment ? deploymentLabels(outcome.deployment) : {}),
		};
		const failed = outcome.status >= 400;
		this.update('litellm_proxy_total_requests_metric_total', values, 1);
		this.update('litellm_request_total_latency_metric', values, outcome.totalSeconds);
		if (failed) this.update('litellm_proxy_failed_requests_metric_total', values, 1);
		if (!outcome.deployment) return;
		this.update('litellm_deployment_total_requests_total', values, 1);
		this.update('litellm_requests_metric_total', values, 1);
		if (failed) {
			this.update('litellm_deployment_failure_responses_total', values, 1);
			this.update('litellm_llm_api_failed_requests_metric_total', values, 1);
			this.update('litellm_deployment_state', values, 2);
			return;
		}

		this.update('litellm_deployment_state', values, 0);
		this.update('litellm_deployment_success_responses_total', values, 1);
		const upstream = outcome.upstreamSeconds ?? 0;
		this.update('litellm_llm_api_latency_metric', values, upstream);
		this.update('litellm_overhead_latency_metric', values, Math.max(0, outcome.totalSeconds - upstream) * 1000);
		if (outcome.firstTokenSeconds !== undefined) this.update('litellm_llm_api_time_to_first_token_metric', values, outcome.firstTokenSeconds);
		const prompt = outcome.promptTokens ?? 0;
		const completion = outcome.completionTokens ?? 0;
		if (completion > 0) this.update('litellm_deployment_latency_per_output_token', values, upstream / completion);
		this.update('litellm_input_tokens_metric_total', values, prompt);
		this.update('litellm_output_tokens_metric_total', values, completion);
		this.update('litellm_total_tokens_metric_total', values, prompt + completion);
		this.update('litellm_spend_metric_total', values, outcome.spend ?? 0);
		if (outcome.cacheHit === true) {
			this.update('litellm_cache_hits_metric_total', values, 1);
			this.update('litellm_cached_tokens_metric_total', values, prompt + completion);
		} else if (outcome.cacheHit === false) {
			this.update('litellm_cache_misses_metric_total', values, 1);
		}
	}
}

function bareModel(deployment: Deployment): string {
	const {model} = deployment.litellm_params;
	return model.includes('/') ? model.slice(model.indexOf('/') + 1) : model;
}

function deploymentLabels(deployment: Deployment): Record<'litellm_model_name' | 'model_id' | 'api_base' | 'api_provider', string> {
	return {
		litellm_model_name: deployment.litellm_params.model,
		model_id: deployment.model_info.id,
		api_base: apiBaseOf(deployment),
		api_provider: providerOf(deployment.litellm_params.model),
	};
}
