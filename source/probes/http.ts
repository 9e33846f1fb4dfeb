// The plain request/response probe: JSON, text and binary answers alike.
import {performance} from 'node:perf_hooks';
import type {RequestSpec} from '../catalog/schema.js';
import type {Observation} from '../domain.js';
import {send, TransportError, type SendOptions} from './http-client.js';
import {isJsonContentType, observationFromExchange, snippet, unreachedObservation, withSamples} from './observation.js';
import {interpolate} from './placeholders.js';
import type {Probe, ProbeContext} from './types.js';

/** What every exchange of a probe shares: its deadline, body cap, LLM extras, and headers reported as progress. */
export function sendOptionsFor(context: ProbeContext): SendOptions {
	return {
		signal: context.signal,
		timeoutMs: context.timeoutMs,
		maxBodyBytes: context.maxBodyBytes,
		llmExtras: context.llmExtras,
		modelForGeneratedFiles: context.scope.models.chat,
		onHeaders: (status, atMs) => context.progress({kind: 'headers', status, atMs}),
	};
}

/** One request as an observation; `onBody` sees the whole raw body (the observation keeps a display slice). */
export async function exchangeOnce(context: ProbeContext, spec: RequestSpec, onBody?: (body: Buffer) => void): Promise<Observation> {
	const start = performance.now();
	try {
		const exchange = await send(context.target, spec, sendOptionsFor(context));
		onBody?.(exchange.body);
		return observationFromExchange(context.side, exchange);
	} catch (error) {
		if (error instanceof TransportError) return unreachedObservation(context.side, error.message, performance.now() - start);
		throw error;
	}
}

/** Does this check read the answer as JSON (JSON expectations, JSON paths, a body comparison)? */
export function expectsJson(check: ProbeContext['check']): boolean {
	const asserts = [...(check.expect.asserts ?? []), ...(check.expectBySide?.baseline?.asserts ?? []), ...(check.expectBySide?.candidate?.asserts ?? [])];
	return Boolean(check.expect.json) || asserts.some(assert => /^(jsonpath|count)\s/.test(assert.query)) || check.compare.body !== 'ignore' || check.compare.fields.length > 0;
}

/** A JSON API that answers HTML (a proxy's error page) or plain text is a broken answer, said in words. */
export function withContentProblem(observation: Observation, jsonExpected: boolean): Observation {
	if (!observation.reached || observation.error || !jsonExpected || observation.status === 204) return observation;
	if (observation.body !== undefined && isJsonContentType(observation.contentType)) return observation;
	const got = observation.contentType ?? 'no content-type';
	return {...observation, error: `expected a JSON answer, got ${got}${observation.body === undefined ? `: ${snippet(observation.bodyText)}` : ' (the body parses as JSON, but the content-type is wrong)'}`};
}

export const httpProbe: Probe = async context => {
	const spec = interpolate(context.check.request!, context.scope, `${context.check.id}.request`);
	const jsonExpected = expectsJson(context.check);
	const observations: Observation[] = [];
	for (let sample = 0; sample < context.samples; sample++) {
		const observation = withContentProblem(await exchangeOnce(context, spec), jsonExpected);
		observations.push(observation);
		if (!observation.reached) break;
	}

	return context.samples > 1 ? withSamples(observations) : observations[0]!;
};
