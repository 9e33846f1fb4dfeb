// Which deployment served each of N calls: x-litellm-model-id, x-litellm-model-api-base and the model group,
// collected as facts so the two sides' routing can be compared as sets.
import {performance} from 'node:perf_hooks';
import type {Observation} from '../domain.js';
import {exchangeOnce} from './http.js';
import {interpolate} from './placeholders.js';
import type {Probe} from './types.js';

const defaultCalls = 10;

function sortedUnique(values: Array<string | undefined>): string[] {
	return [...new Set(values.filter((value): value is string => Boolean(value)))].sort();
}

async function configuredDeployments(context: Parameters<Probe>[0], group: string | undefined): Promise<string[] | undefined> {
	const info = await exchangeOnce(context, {method: 'GET', path: '/model/info', auth: 'key', base: 'proxy', llm: false});
	const data = (info.body as {data?: Array<{model_name?: string; model_info?: {id?: string}}>} | undefined)?.data;
	if (!info.reached || info.status !== 200 || !Array.isArray(data)) return undefined;
	return sortedUnique(data.filter(entry => group === undefined || entry.model_name === group).map(entry => entry.model_info?.id));
}

/**
 * A row that names a routing strategy (options.strategy, e.g. llmrouter-knn) must prove the target runs it, not only
 * that N calls succeeded (any stock proxy does that): the strategy must be registered at the target's /router/info.
 */
async function strategyEvidence(context: Parameters<Probe>[0], strategy: string) {
	const info = await exchangeOnce(context, {method: 'GET', path: '/router/info', auth: 'key', base: 'proxy', llm: false});
	const registered = (info.body as {registered_strategies?: unknown} | undefined)?.registered_strategies;
	const list = Array.isArray(registered) ? registered.map(String) : [];
	const found = list.includes(strategy);
	const evidence = !info.reached
		? `/router/info did not answer (${info.error ?? 'no answer'})`
		: info.status !== 200
			? `/router/info answered ${info.status}: the target has no LLMRouter strategy registry`
			: found
				? `/router/info registers ${strategy}`
				: `/router/info registers ${list.join(', ') || 'no strategy'}, not ${strategy}`;
	return {strategy, strategyRegistered: found, strategyEvidence: evidence};
}

export const routingProbe: Probe = async context => {
	const spec = interpolate(context.check.request!, context.scope, `${context.check.id}.request`);
	const strategy = context.check.options?.strategy === undefined ? undefined : String(context.check.options.strategy);
	const evidence = strategy ? await strategyEvidence(context, strategy) : undefined;
	const calls = Number(context.check.options?.calls ?? context.profile.options.routingCalls ?? defaultCalls);
	const start = performance.now();
	const answers: Observation[] = [];
	for (let call = 0; call < calls && !context.signal.aborted; call++) {
		const answer = await exchangeOnce(context, spec);
		answers.push(answer);
		context.progress({kind: 'step', name: `call ${call + 1}/${calls}`, status: answer.status, ok: answer.reached && (answer.status ?? 0) < 400});
		if (!answer.reached) break;
	}

	const served = answers.filter(answer => answer.reached && (answer.status ?? 0) < 400);
	const configured = await configuredDeployments(context, (spec.json as {model?: string} | undefined)?.model);
	const header = (name: string) => served.map(answer => answer.headers[name]);
	const distribution: Record<string, number> = {};
	for (const id of header('x-litellm-model-id')) if (id) distribution[id] = (distribution[id] ?? 0) + 1;
	const facts = {
		calls: answers.length,
		failures: answers.length - served.length,
		deployments: sortedUnique(header('x-litellm-model-id')),
		apiBases: sortedUnique(header('x-litellm-model-api-base')),
		modelGroups: sortedUnique(header('x-litellm-model-group')),
		distribution,
		// The deployments /model/info lists for the group: routing parity means serving from the same set.
		configured: configured ?? null,
		unknownDeployments: configured ? sortedUnique(header('x-litellm-model-id')).filter(id => !configured.includes(id)) : [],
		...evidence,
		summary: `${evidence ? `${evidence.strategyEvidence}; ` : ''}${served.length}/${answers.length} calls served by ${Object.entries(distribution).map(([id, count]) => `${id} ×${count}`).join(', ') || 'no reported deployment'}`,
	};
	const last = answers.at(-1);
	const unreached = answers.find(answer => !answer.reached);
	return {
		side: context.side,
		reached: !unreached,
		status: last?.status,
		headers: last?.headers ?? {},
		contentType: 'application/json',
		body: facts,
		bodyText: JSON.stringify(facts, null, 2),
		timing: {totalMs: performance.now() - start},
		samples: served.map(answer => answer.timing.totalMs),
		facts,
		error: unreached?.error,
	};
};
