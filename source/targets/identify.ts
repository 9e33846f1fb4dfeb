// Does each target answer like LiteLLM? One public request per side before a LiteLLM-flavoured run, so that a run on
// two other gateways says so once instead of failing every LiteLLM row.
import {request} from 'undici';
import {deadline} from '../engine/deadline.js';
import {errorMessage} from '../errors.js';
import {sides} from '../domain.js';
import type {GatewayIdentity} from './flavour.js';
import {redact} from './secrets.js';
import {targetUrl, type Target, type TargetPair} from './target.js';

const readinessPath = '/health/readiness';

async function identify(target: Target, signal: AbortSignal | undefined, timeoutMs: number): Promise<{litellm: boolean; evidence: string}> {
	const timeout = deadline(signal, timeoutMs);
	try {
		const response = await request(targetUrl(target, readinessPath), {method: 'GET', dispatcher: target.dispatcher, headers: target.headers, signal: timeout.signal});
		const text = (await response.body.text()).slice(0, 64 * 1024);
		let version: unknown;
		try {
			version = (JSON.parse(text) as {litellm_version?: unknown}).litellm_version;
		} catch {
			version = undefined;
		}

		if (typeof version === 'string') return {litellm: true, evidence: `GET ${readinessPath} reports litellm_version ${version}`};
		return {litellm: false, evidence: `GET ${readinessPath} → ${response.statusCode} without litellm_version`};
	} catch (error) {
		// Unreachable is not "not LiteLLM": the pre-flight and the rows say what is wrong with the target.
		return {litellm: true, evidence: `GET ${readinessPath} failed: ${redact(errorMessage(error))}`};
	} finally {
		timeout.dispose();
	}
}

export async function identifyGateways(targets: TargetPair, signal?: AbortSignal, timeoutMs = 5000): Promise<GatewayIdentity> {
	const [baseline, candidate] = await Promise.all(sides.map(async side => identify(targets[side], signal, timeoutMs)));
	return {baseline, candidate};
}

/** The run-level notice for targets that are not what a LiteLLM flavour says, if any. */
export function identityNotice(flavour: string, identity: GatewayIdentity): string | undefined {
	if (flavour === 'openai') return undefined;
	const strangers = sides.filter(side => identity[side]?.litellm === false);
	if (strangers.length === 0) return undefined;
	const evidence = strangers.map(side => `${side}: ${identity[side]!.evidence}`).join('; ');
	if (strangers.length === 2) return `flavour ${flavour}, but neither target answers like LiteLLM (${evidence}): the LiteLLM-only rows are skipped; use --flavour openai (or flavour: openai in the profile) for other gateways`;
	return `flavour ${flavour}, but the ${strangers[0]} does not answer like LiteLLM (${evidence})`;
}
