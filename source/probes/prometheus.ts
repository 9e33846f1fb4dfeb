// /metrics in the Prometheus text format, parsed with parse-prometheus-text-format: the metric families on each side
// become facts, so the comparison can say which families one side lacks. 404 (Prometheus off) is an answer, not a crash.
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import type {Observation} from '../domain.js';
import {errorMessage} from '../errors.js';
import {exchangeOnce} from './http.js';
import {interpolate} from './placeholders.js';
import type {Probe} from './types.js';

/** Families of the process itself, present or not by runtime: not a parity signal. */
const runtimeFamily = /^(python_|process_|nodejs_|go_)/;

export function metricFacts(text: string) {
	const families = parsePrometheusTextFormat(text);
	const names = families.map(family => family.name).sort();
	return {
		families: names,
		litellmFamilies: names.filter(name => !runtimeFamily.test(name)),
		// What the process declares, whatever traffic it has seen: prometheus_client prints HELP/TYPE for every
		// registered family even without samples, but a counter's or histogram's `_created` family only once a labelled
		// series exists (contract §15). Parity compares this set.
		declaredFamilies: names.filter(name => !runtimeFamily.test(name) && !name.endsWith('_created')),
		familyCount: names.length,
		sampleCount: families.reduce((total, family) => total + family.metrics.length, 0),
		types: Object.fromEntries(families.map(family => [family.name, family.type])),
		summary: `${names.length} metric families (${names.filter(name => !runtimeFamily.test(name)).length} LiteLLM)`,
	};
}

export const prometheusProbe: Probe = async context => {
	const spec = interpolate(context.check.request!, context.scope, `${context.check.id}.request`);
	let text = '';
	const keep = (body: Buffer) => {
		text = body.toString('utf8');
	};

	// LiteLLM 1.81 redirects /metrics to /metrics/ (307): exchangeOnce follows that same-server hop.
	const observation: Observation = await exchangeOnce(context, spec, keep);

	if (!observation.reached || observation.status !== 200) return observation;
	try {
		const facts = metricFacts(text);
		return {...observation, facts, body: facts};
	} catch (error) {
		return {...observation, facts: {parseError: errorMessage(error)}, body: {parseError: errorMessage(error)}};
	}
};
