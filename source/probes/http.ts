// The plain request/response probe: JSON, text and binary answers alike.
import {performance} from 'node:perf_hooks';
import type {RequestSpec} from '../catalog/schema.js';
import type {Observation} from '../domain.js';
import {send, TransportError, type HttpExchange, type SendOptions} from './http-client.js';
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

/**
 * The one redirect worth following: a method-preserving 307/308 to another path on the same server, as LiteLLM 1.81
 * answers /metrics → /metrics/ and /mcp → /mcp/ (contract §15). Other redirects stay visible as a problem.
 */
function sameServerRedirect(exchange: HttpExchange, spec: RequestSpec): RequestSpec | undefined {
	const location = exchange.headers.location;
	if ((exchange.status !== 307 && exchange.status !== 308) || !location) return undefined;
	const from = new URL(exchange.url);
	const to = new URL(location, from);
	if (to.origin !== from.origin || to.pathname === from.pathname) return undefined;
	// The spec's path is relative to the target's path prefix: keep the prefix out of the new path.
	const prefix = from.pathname.slice(0, from.pathname.length - spec.path.split('?')[0]!.length);
	if (!to.pathname.startsWith(prefix)) return undefined;
	return {...spec, path: to.pathname.slice(prefix.length)};
}

/** One request as an observation; `onBody` sees the whole raw body (the observation keeps a display slice). */
export async function exchangeOnce(context: ProbeContext, spec: RequestSpec, onBody?: (body: Buffer) => void): Promise<Observation> {
	const start = performance.now();
	try {
		let exchange = await send(context.target, spec, sendOptionsFor(context));
		const redirected = spec.base === undefined || spec.base === 'proxy' ? sameServerRedirect(exchange, spec) : undefined;
		if (redirected) {
			const first = exchange.timing.totalMs;
			exchange = await send(context.target, redirected, sendOptionsFor(context));
			exchange = {...exchange, timing: {...exchange.timing, totalMs: exchange.timing.totalMs + first}};
		}

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
	// Latency-judged checks warm each target up first (options.warmup answers, discarded): a proxy's first calls
	// after a start pay for imports and connection set-up, which is not what the latency rule compares.
	const warmup = Number(context.check.options?.warmup ?? 0);
	for (let index = 0; index < warmup && !context.signal.aborted; index++) {
		if (!(await exchangeOnce(context, spec)).reached) break;
	}

	const observations: Observation[] = [];
	for (let sample = 0; sample < context.samples; sample++) {
		const observation = withContentProblem(await exchangeOnce(context, spec), jsonExpected);
		observations.push(observation);
		if (!observation.reached) break;
	}

	return context.samples > 1 ? withSamples(observations) : observations[0]!;
};
