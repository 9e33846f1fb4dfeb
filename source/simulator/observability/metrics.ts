// /metrics: LiteLLM's Prometheus families (premium set), one prom-client registry per simulator so two servers in
// one process count separately, plus the process collectors, which belong to the whole process and are shared.
import {Counter, Gauge, Histogram, Registry, collectDefaultMetrics} from 'prom-client';
import {apiBaseOf, type Deployment} from '../models/deployments.js';
import {providerOf} from '../models/catalog.js';

/** LiteLLM's LATENCY_BUCKETS (seconds). */
const latencyBuckets = [
	0.005, 0.00625, 0.0125, 0.025, 0.05, 0.1, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 5.5, 6, 6.5, 7, 7.5, 8, 8.5, 9, 9.5, 10, 15, 20, 25, 30, 60, 120,
	180, 240, 300,
];

const keyLabels = ['end_user', 'hashed_api_key', 'api_key_alias', 'requested_model', 'team', 'team_alias', 'user'] as const;

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
};

export class SimMetrics {
	private readonly registry = new Registry();
	private readonly totalRequests = new Counter({
		name: 'litellm_proxy_total_requests_metric_total',
		help: 'Total number of requests made to the proxy server - track number of client side requests',
		labelNames: [...keyLabels, 'status_code'],
		registers: [this.registry],
	});

	private readonly failedRequests = new Counter({
		name: 'litellm_proxy_failed_requests_metric_total',
		help: 'Total number of failed responses from proxy - the client did not get a success response from litellm proxy',
		labelNames: [...keyLabels, 'exception_status', 'exception_class'],
		registers: [this.registry],
	});

	private readonly requestLatency = new Histogram({
		name: 'litellm_request_total_latency_metric',
		help: 'Total latency (seconds) for a request to LiteLLM',
		labelNames: ['model', ...keyLabels, 'model_id'],
		buckets: latencyBuckets,
		registers: [this.registry],
	});

	private readonly llmApiLatency = new Histogram({
		name: 'litellm_llm_api_latency_metric',
		help: 'Total latency (seconds) for a models LLM API call',
		labelNames: ['model', ...keyLabels, 'model_id'],
		buckets: latencyBuckets,
		registers: [this.registry],
	});

	private readonly totalTokens = new Counter({
		name: 'litellm_total_tokens_metric_total',
		help: 'Total number of input + output tokens from LLM requests',
		labelNames: ['model', ...keyLabels],
		registers: [this.registry],
	});

	private readonly inputTokens = new Counter({
		name: 'litellm_input_tokens_metric_total',
		help: 'Total number of input tokens from LLM requests',
		labelNames: ['model', ...keyLabels],
		registers: [this.registry],
	});

	private readonly outputTokens = new Counter({
		name: 'litellm_output_tokens_metric_total',
		help: 'Total number of output tokens from LLM requests',
		labelNames: ['model', ...keyLabels],
		registers: [this.registry],
	});

	private readonly spend = new Counter({
		name: 'litellm_spend_metric_total',
		help: 'Total spend on LLM requests',
		labelNames: ['model', ...keyLabels],
		registers: [this.registry],
	});

	private readonly deploymentState = new Gauge({
		name: 'litellm_deployment_state',
		help: 'LLM Deployment Analytics - The state of the deployment: 0 = healthy, 1 = partial outage, 2 = complete outage',
		labelNames: ['litellm_model_name', 'model_id', 'api_base', 'api_provider'],
		registers: [this.registry],
	});

	private readonly deploymentSuccess = new Counter({
		name: 'litellm_deployment_success_responses_total',
		help: 'LLM Deployment Analytics - Total number of successful LLM API calls via litellm',
		labelNames: ['litellm_model_name', 'model_id', 'api_base', 'api_provider', 'requested_model'],
		registers: [this.registry],
	});

	private readonly deploymentTotal = new Counter({
		name: 'litellm_deployment_total_requests_total',
		help: 'LLM Deployment Analytics - Total number of LLM API calls via litellm - success + failure',
		labelNames: ['litellm_model_name', 'model_id', 'api_base', 'api_provider', 'requested_model'],
		registers: [this.registry],
	});

	constructor(deployments: Deployment[]) {
		sharedProcessRegistry();
		for (const deployment of deployments) this.deploymentState.set(deploymentLabels(deployment), 0);
	}

	get contentType(): string {
		return this.registry.contentType;
	}

	async render(): Promise<string> {
		return `${await this.registry.metrics()}\n${await sharedProcessRegistry().metrics()}`;
	}

	record(outcome: CallOutcome): void {
		const {labels} = outcome;
		const model = outcome.deployment ? bareModel(outcome.deployment) : 'None';
		const modelId = outcome.deployment?.model_info.id ?? 'None';
		this.totalRequests.inc({...labels, status_code: String(outcome.status)});
		this.requestLatency.observe({...labels, model, model_id: modelId}, outcome.totalSeconds);
		if (outcome.status >= 400) {
			this.failedRequests.inc({...labels, exception_status: String(outcome.status), exception_class: outcome.exceptionClass ?? 'None'});
		}

		if (!outcome.deployment) return;
		const deployment = deploymentLabels(outcome.deployment);
		this.deploymentTotal.inc({...deployment, requested_model: labels.requested_model});
		if (outcome.status >= 400) return;
		this.deploymentSuccess.inc({...deployment, requested_model: labels.requested_model});
		if (outcome.upstreamSeconds !== undefined) this.llmApiLatency.observe({...labels, model, model_id: modelId}, outcome.upstreamSeconds);
		const prompt = outcome.promptTokens ?? 0;
		const completion = outcome.completionTokens ?? 0;
		this.inputTokens.inc({...labels, model}, prompt);
		this.outputTokens.inc({...labels, model}, completion);
		this.totalTokens.inc({...labels, model}, prompt + completion);
		this.spend.inc({...labels, model}, outcome.spend ?? 0);
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
