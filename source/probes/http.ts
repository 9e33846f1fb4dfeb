// The plain request/response probe: JSON, text and binary answers alike.
import {performance} from 'node:perf_hooks';
import type {RequestSpec} from '../catalog/schema.js';
import type {Observation} from '../domain.js';
import {send, TransportError} from './http-client.js';
import {observationFromExchange, unreachedObservation, withSamples} from './observation.js';
import {interpolate} from './placeholders.js';
import type {Probe, ProbeContext} from './types.js';

/** One request as an observation; `onBody` sees the whole raw body (the observation keeps a display slice). */
export async function exchangeOnce(context: ProbeContext, spec: RequestSpec, onBody?: (body: Buffer) => void): Promise<Observation> {
	const start = performance.now();
	try {
		const exchange = await send(context.target, spec, {
			signal: context.signal,
			timeoutMs: context.timeoutMs,
			maxBodyBytes: context.maxBodyBytes,
			llmExtras: context.llmExtras,
			modelForGeneratedFiles: context.scope.models.chat,
			onHeaders: (status, atMs) => context.progress({kind: 'headers', status, atMs}),
		});
		onBody?.(exchange.body);
		return observationFromExchange(context.side, exchange);
	} catch (error) {
		if (error instanceof TransportError) return unreachedObservation(context.side, error.message, performance.now() - start);
		throw error;
	}
}

export const httpProbe: Probe = async context => {
	const spec = interpolate(context.check.request!, context.scope, `${context.check.id}.request`);
	const observations: Observation[] = [];
	for (let sample = 0; sample < context.samples; sample++) {
		const observation = await exchangeOnce(context, spec);
		observations.push(observation);
		if (!observation.reached) break;
	}

	return context.samples > 1 ? withSamples(observations) : observations[0]!;
};
