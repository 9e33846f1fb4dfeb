// Before a run, each target is asked once (GET /health/readiness, public on LiteLLM): does it answer at all, and
// which LiteLLM version does it report? A target that does not answer stops a headless run at once, instead of every
// check timing out against it.
import {performance} from 'node:perf_hooks';
import {sides, type Side} from '../domain.js';
import {send, TransportError} from '../probes/http-client.js';
import type {TargetPair} from '../targets/target.js';
import {deadline} from '../shared/deadline.js';

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

export type Versions = Partial<Record<Side, string>>;

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

/** The sides' versions when they differ (a banner on every output), else undefined. */
export function differentVersions(versions: Versions | undefined): Required<Versions> | undefined {
	if (!versions?.baseline || !versions.candidate || versions.baseline === versions.candidate) return undefined;
	return {baseline: versions.baseline, candidate: versions.candidate};
}

export function versionBanner(versions: Versions | undefined): string | undefined {
	const differ = differentVersions(versions);
	if (!differ) return undefined;
	return `different LiteLLM versions: baseline ${differ.baseline}, candidate ${differ.candidate} — differences may come from the version, not from the customisation`;
}
