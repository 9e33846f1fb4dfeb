// Before a run, each target is asked once (GET /health/readiness, public on LiteLLM): does it answer at all, and
// which LiteLLM version does it report? A target that does not answer stops a headless run at once, instead of every
// check timing out against it.
import {performance} from 'node:perf_hooks';
import {sides, type Side} from '../domain.js';
import {send, TransportError} from '../probes/http-client.js';
import {flavourOf, flavourRules, type FlavourRules, type GatewayIdentity} from './flavour.js';
import {identityFromPreflight} from '../targets/identify.js';
import type {Profile} from '../targets/profile-schema.js';
import {redact} from '../targets/secrets.js';
import type {TargetPair} from '../targets/target.js';
import {deadline} from '../shared/deadline.js';

// The banner is light (no HTTP client): the explorer's header draws it too.
export {differentVersions, versionBanner, type Versions} from './versions.js';

export const readinessPath = '/health/readiness';
export const defaultPreflightTimeoutMs = 5000;

export type Reach = {
	side: Side;
	/** The target answered (any HTTP status counts: a gateway without the readiness route still answers). */
	answers: boolean;
	status?: number;
	/** Why it does not answer: refused, host not found, timed out, TLS … */
	error?: string;
	/** The LiteLLM version it reports (readiness `litellm_version`, else the `x-litellm-version` header). */
	version?: string;
	latencyMs?: number;
};

function versionFrom(body: Buffer, headers: Record<string, string>): string | undefined {
	try {
		const parsed = JSON.parse(body.toString('utf8')) as {litellm_version?: unknown};
		if (typeof parsed?.litellm_version === 'string' && parsed.litellm_version !== '') return parsed.litellm_version;
	} catch {
		// Not JSON: fall back to the header.
	}

	return headers['x-litellm-version'] || undefined;
}

export async function probeTargets(targets: TargetPair, {signal, timeoutMs = defaultPreflightTimeoutMs}: {signal?: AbortSignal; timeoutMs?: number} = {}): Promise<Record<Side, Reach>> {
	const reach = await Promise.all(
		sides.map(async (side): Promise<Reach> => {
			const limit = deadline(signal, timeoutMs);
			const start = performance.now();
			try {
				const exchange = await send(targets[side], {method: 'GET', base: 'proxy', path: readinessPath, auth: 'key', llm: false}, {signal: limit.signal, timeoutMs, maxBodyBytes: 256 * 1024});
				return {side, answers: true, status: exchange.status, version: versionFrom(exchange.body, exchange.headers), latencyMs: Math.round(performance.now() - start)};
			} catch (error) {
				if (error instanceof TransportError) return {side, answers: false, error: error.message};
				return {side, answers: false, error: (error as Error).message};
			} finally {
				limit.dispose();
			}
		}),
	);
	return {baseline: reach[0]!, candidate: reach[1]!};
}

/** The sides that did not answer the pre-flight probe at all. */
export function deadSides(reach: Record<Side, Reach>): Side[] {
	return sides.filter(side => !reach[side].answers);
}

/** One line per target that does not answer (the headless run prints them; the explorer shows them before a run). */
export function deadTargetLines(reach: Record<Side, Reach>, targets: Record<Side, {url: string}>): string[] {
	return deadSides(reach).map(side => `${side} ${redact(targets[side].url)} does not answer: ${redact(reach[side].error ?? 'no answer')}`);
}

/** What a run learns about its targets before it starts: who answers (and which version), and who answers like LiteLLM. */
export type Preflight = {reach: Record<Side, Reach>; identity: GatewayIdentity};

/** The pre-flight probe's limit: the profile's request timeout, at most the default. */
export function preflightTimeoutFor(profile: Pick<Profile, 'options'>): number {
	return Math.min(profile.options.timeoutMs ?? defaultPreflightTimeoutMs, defaultPreflightTimeoutMs);
}

/**
 * Probe both targets once and read from the same answers whether they answer like LiteLLM. The explorer's engine host
 * runs exactly this before each run, as the headless run does, so both judge alike.
 */
export async function preflightPair(targets: TargetPair, profile: Pick<Profile, 'options' | 'flavour'>, signal?: AbortSignal): Promise<Preflight> {
	const reach = await probeTargets(targets, {signal, timeoutMs: preflightTimeoutFor(profile)});
	return {reach, identity: flavourOf(profile) === 'openai' ? {} : identityFromPreflight(reach)};
}

/** The run request's part that comes from the pre-flight: its versions head the run, its identity picks the rules. */
export function preflightRunOptions(profile: Pick<Profile, 'flavour'>, preflight: Preflight | undefined): {preflight?: Partial<Record<Side, Reach>>; flavour: FlavourRules} {
	return {...(preflight ? {preflight: preflight.reach} : {}), flavour: flavourRules(profile, preflight?.identity)};
}
