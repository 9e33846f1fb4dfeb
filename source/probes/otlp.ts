// OpenTelemetry: a call on the target must produce spans at the tool's OTLP receiver. Without a receiver configured
// for the side, fall back to the readiness body's callback list (an exporter is registered or not).
import {performance} from 'node:perf_hooks';
import type {Observation} from '../domain.js';
import {queryFirst} from '../shared/json-path.js';
import {exchangeOnce} from './http.js';
import {interpolate} from './placeholders.js';
import type {Probe, ProbeContext} from './types.js';
import {pause} from '../shared/deadline.js';

const tracingCallbacks = ['otel', 'opentelemetry', 'arize', 'langfuse_otel', 'logfire', 'arize_phoenix'];

async function viaReceiver(context: ProbeContext): Promise<Observation> {
	const receiver = context.target.otlp!;
	const since = performance.now();
	const spec = interpolate(context.check.request!, context.scope, `${context.check.id}.request`);
	const call = await exchangeOnce(context, spec);
	if (!call.reached) return call;
	const waitMs = Number(context.check.options?.waitMs ?? 5000);
	// Exporters batch: give them a moment, but stop as soon as spans arrive.
	while (receiver.spans(since).length === 0 && performance.now() - since < waitMs && !context.signal.aborted) await pause(50, context.signal);
	const spans = receiver.spans(since);
	const facts = {
		mode: 'receiver',
		receiver: receiver.url,
		tracing: spans.length > 0,
		spanCount: spans.length,
		services: [...new Set(spans.map(span => span.service ?? '(unnamed)'))].sort(),
		spanNames: [...new Set(spans.map(span => span.name))].sort().slice(0, 20),
		evidence: spans.length > 0 ? `${spans.length} span(s) received after the call` : `no span within ${waitMs} ms at ${receiver.url}`,
		summary: spans.length > 0 ? `${spans.length} span(s) from ${[...new Set(spans.map(span => span.service ?? '(unnamed)'))].join(', ')}` : `no span within ${waitMs} ms`,
	};
	return {...call, facts, body: facts, bodyText: JSON.stringify(facts, null, 2)};
}

async function viaCallbacks(context: ProbeContext): Promise<Observation> {
	const readiness = await exchangeOnce(context, {method: 'GET', path: '/health/readiness', auth: 'none', base: 'proxy', llm: false});
	if (!readiness.reached) return readiness;
	const callbacks = queryFirst(readiness.body, '$.success_callbacks');
	const list = Array.isArray(callbacks) ? callbacks.map(String) : [];
	const found = list.filter(name => tracingCallbacks.some(tracing => name.toLowerCase().includes(tracing)));
	const facts = {
		mode: 'callbacks',
		tracing: found.length > 0,
		callbacks: list,
		evidence: found.length > 0 ? `readiness lists ${found.join(', ')} (no OTLP receiver configured; set otlpPort in the profile to see spans)` : 'no tracing callback in readiness success_callbacks and no OTLP receiver configured',
		summary: found.length > 0 ? `tracing callback ${found.join(', ')} (no receiver configured)` : 'no tracing callback, no receiver configured',
	};
	return {...readiness, facts, body: facts, bodyText: JSON.stringify(facts, null, 2)};
}

export const otlpProbe: Probe = async context => (context.target.otlp ? viaReceiver(context) : viaCallbacks(context));
