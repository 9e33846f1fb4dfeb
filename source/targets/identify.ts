// Does each target answer like LiteLLM? Read from the pre-flight's one request per side (GET /health/readiness,
// public on LiteLLM), so that a run on two other gateways says so once instead of failing every LiteLLM row.
import {sides, type Side} from '../domain.js';
import {redact} from './secrets.js';

/** What the pre-flight saw of one side (engine/preflight.ts's Reach, without importing the engine). */
export type ReadinessAnswer = {answers: boolean; status?: number; version?: string; error?: string};

const readinessPath = '/health/readiness';

/** What the run learnt about the targets before it started (LiteLLM answering or not), when it looked. */
export type GatewayIdentity = Partial<Record<Side, {litellm: boolean; evidence: string}>>;

export function identityFromPreflight(reach: Record<Side, ReadinessAnswer>): GatewayIdentity {
	const identity: GatewayIdentity = {};
	for (const side of sides) {
		const answer = reach[side];
		// Unreachable is not "not LiteLLM": the pre-flight and the rows say what is wrong with the target.
		if (!answer.answers) identity[side] = {litellm: true, evidence: `GET ${readinessPath} failed: ${redact(answer.error ?? 'no answer')}`};
		else if (answer.version) identity[side] = {litellm: true, evidence: `GET ${readinessPath} reports litellm_version ${answer.version}`};
		else identity[side] = {litellm: false, evidence: `GET ${readinessPath} → ${answer.status ?? '?'} without litellm_version`};
	}

	return identity;
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
