// The flavour of the targets decides which rows apply and how the applicable checks are judged: exact LiteLLM texts
// on LiteLLM; on any other OpenAI-compatible gateway what the OpenAI API promises (status class, error envelope).
import type {Assert, Check, Expectation, GatewayTag} from '../catalog/schema.js';
import type {Observation, Side} from '../domain.js';
import type {GatewayIdentity} from '../targets/identify.js';
import {flavourOf, type Flavour, type Profile} from '../targets/profile-schema.js';

export {flavourOf} from '../targets/profile-schema.js';
export type {GatewayIdentity} from '../targets/identify.js';


/** The tags each side has in each flavour. */
const provided: Record<Flavour, Record<Side, ReadonlySet<GatewayTag>>> = {
	openai: {baseline: new Set(), candidate: new Set()},
	litellm: {baseline: new Set(['litellm']), candidate: new Set(['litellm'])},
	'litellm-llmrouter': {baseline: new Set(['litellm']), candidate: new Set(['litellm', 'llmrouter'])},
};

export const notApplicableToOpenAi = 'not applicable to an OpenAI-compatible gateway';

const titles: Record<Flavour, string> = {
	openai: 'OpenAI-compatible gateway parity',
	litellm: 'LiteLLM feature parity',
	'litellm-llmrouter': 'LiteLLM + LLMRouter feature parity',
};

/** The markdown report's title: the profile's own, else one that says what the flavour compares. */
export function reportTitle(profile: Pick<Profile, 'title' | 'flavour'>): string {
	return profile.title ?? titles[flavourOf(profile)];
}

type Tagged = {tags?: readonly GatewayTag[]};
type RowLike = Tagged & {candidateOnly?: boolean};
type CheckLike = Tagged & {sides?: 'both' | 'candidate'};


export type FlavourRules = {
	flavour: Flavour;
	/** Why a row (or one of its checks) does not apply to these targets, or undefined when it does. */
	notApplicable(row: RowLike, check?: CheckLike): string | undefined;
	/** The check as judged in this flavour (the same object when nothing changes). */
	adapt(check: Check): Check;
	/** In the openai flavour a route that neither gateway serves is not applicable to the pair, not a failure. */
	neitherServes(check: Check, baseline: Observation | undefined, candidate: Observation | undefined): string | undefined;
};

function sidesOf(row: RowLike, check?: CheckLike): Side[] {
	return row.candidateOnly || check?.sides === 'candidate' ? ['candidate'] : ['baseline', 'candidate'];
}

export function flavourRules(profile: Pick<Profile, 'flavour'>, identity: GatewayIdentity = {}): FlavourRules {
	const flavour = flavourOf(profile);
	const has = (side: Side, tag: GatewayTag) => provided[flavour][side].has(tag);
	// A LiteLLM flavour against two gateways that both answer unlike LiteLLM: the LiteLLM rows cannot tell anything.
	const notLiteLlm = flavour !== 'openai' && identity.baseline?.litellm === false && identity.candidate?.litellm === false;
	return {
		flavour,
		notApplicable(row, check) {
			const tags = [...(row.tags ?? []), ...(check?.tags ?? [])];
			if (tags.length === 0) return undefined;
			const sides = sidesOf(row, check);
			const missing = tags.filter(tag => sides.some(side => !has(side, tag)));
			if (missing.length > 0) {
				if (flavour === 'openai') return notApplicableToOpenAi;
				if (missing.includes('llmrouter')) return `not applicable: flavour ${flavour} has no LLMRouter additions on the candidate (set flavour: litellm-llmrouter to run them)`;
				return `not applicable to flavour ${flavour}`;
			}

			if (notLiteLlm && tags.includes('litellm')) {
				return `not applicable: the flavour is ${flavour} but neither target answers like LiteLLM (baseline: ${identity.baseline!.evidence}; candidate: ${identity.candidate!.evidence}); set flavour: openai for other gateways`;
			}

			return undefined;
		},
		adapt(check) {
			const tagged = withoutForeignAsserts(check, side => provided[flavour][side], sidesOf({}, check));
			return flavour === 'openai' ? asOpenAi(tagged) : tagged;
		},
		neitherServes(check, baseline, candidate) {
			if (flavour !== 'openai' || check.sides === 'candidate' || !baseline?.reached || !candidate?.reached) return undefined;
			// Only request-driven probes have "a route"; the route-surface probe says for itself what each side publishes.
			const request = check.request ?? check.steps?.[0]?.request;
			if (!request || !requestKinds.has(check.probe)) return undefined;
			const b = firstStatus(baseline);
			const c = firstStatus(candidate);
			if (b === undefined || b !== c || !notServed.has(b)) return undefined;
			// A check that accepts this status (an error check's 4xx) judges the answer itself.
			const expected = check.expect.status;
			if (expected === b || (Array.isArray(expected) && expected.includes(b))) return undefined;
			return `neither gateway serves ${request.method} ${request.path} (both answer ${b}); nothing to compare`;
		},
	};
}

const requestKinds = new Set(['http', 'sse', 'sequence']);

/** Statuses that say "no such route here". */
const notServed = new Set([404, 405, 501]);

function firstStatus(observation: Observation): number | undefined {
	return observation.steps?.find(step => !step.cleanup)?.status ?? observation.status;
}

function keepAssert(assert: Assert, tags: ReadonlySet<GatewayTag>): boolean {
	return (assert.tags ?? []).every(tag => tags.has(tag));
}

/** Asserts tagged for something a side lacks are not judged on that side. */
function withoutForeignAsserts(check: Check, tagsOf: (side: Side) => ReadonlySet<GatewayTag>, sides: Side[]): Check {
	const tagged = (expectation?: Expectation) => expectation?.asserts?.some(assert => assert.tags?.length);
	if (!tagged(check.expect) && !tagged(check.expectBySide?.baseline) && !tagged(check.expectBySide?.candidate)) return check;
	const common = new Set([...tagsOf(sides[0]!)].filter(tag => sides.every(side => tagsOf(side).has(tag))));
	const filter = (expectation: Expectation | undefined, tags: ReadonlySet<GatewayTag>) =>
		expectation && {...expectation, ...(expectation.asserts ? {asserts: expectation.asserts.filter(assert => keepAssert(assert, tags))} : {})};
	return {
		...check,
		expect: filter(check.expect, common)!,
		...(check.expectBySide
			? {expectBySide: {baseline: filter(check.expectBySide.baseline, tagsOf('baseline')), candidate: filter(check.expectBySide.candidate, tagsOf('candidate'))}}
			: {}),
	};
}

const isErrorStatus = (status: number) => status >= 400;

/** 401 → every 4xx: the OpenAI API promises the class of an error, each gateway picks its own code within it. */
function statusClass(status: Expectation['status']): Expectation['status'] {
	if (status === undefined) return undefined;
	const list = Array.isArray(status) ? status : [status];
	if (!list.every(isErrorStatus)) return status;
	const classes = [...new Set(list.map(value => Math.floor(value / 100)))];
	return classes.flatMap(hundred => Array.from({length: 100}, (_, index) => hundred * 100 + index));
}

const liteLlmErrorText = (assert: Assert) => /^jsonpath\s+\$\.error\b/.test(assert.query) && !('type' in assert) && !('exists' in assert);

/** The OpenAI error envelope: {"error": {"message": "…", …}}. */
const envelopeAsserts: Assert[] = [
	{query: 'jsonpath $.error', type: 'object', label: 'an OpenAI error envelope ($.error is an object)'},
	{query: 'jsonpath $.error.message', type: 'string', label: 'the error envelope has a message ($.error.message is a string)'},
];

/** The plan's absolute performance targets (rate>100, p(50)<50) are LiteLLM's; error rates hold for any gateway. */
const planTarget = (threshold: string) => !/^\s*(errors|error_rate)\b/.test(threshold);

function openAiExpectation(expectation: Expectation | undefined, error: boolean): Expectation | undefined {
	if (!expectation) return expectation;
	if (expectation.thresholds?.some(planTarget)) expectation = {...expectation, thresholds: expectation.thresholds.filter(threshold => !planTarget(threshold))};
	if (!error) return expectation;
	const asserts = (expectation.asserts ?? []).filter(assert => !liteLlmErrorText(assert));
	const envelope = envelopeAsserts.filter(assert => !asserts.some(kept => kept.query === assert.query));
	return {...expectation, status: statusClass(expectation.status), asserts: [...asserts, ...envelope]};
}

const liteLlmHeader = (name: string) => name.toLowerCase().startsWith('x-litellm-');

/** The same check, judged on what the OpenAI API promises instead of LiteLLM's own texts and headers. */
function asOpenAi(check: Check): Check {
	const expected = check.expect.status;
	const error = expected !== undefined && (Array.isArray(expected) ? expected : [expected]).every(isErrorStatus);
	const compare = {
		...check.compare,
		presence: check.compare.presence.filter(name => !liteLlmHeader(name)),
		headers: check.compare.headers.filter(name => !liteLlmHeader(name)),
		// An error is judged per side (status class, envelope); each gateway words and numbers it its own way.
		...(error ? {status: false, body: 'ignore' as const, fields: check.compare.fields.filter(field => !/^\$\.error\b/.test(field))} : {}),
	};
	return {
		...check,
		expect: openAiExpectation(check.expect, error)!,
		...(check.expectBySide ? {expectBySide: {baseline: openAiExpectation(check.expectBySide.baseline, error), candidate: openAiExpectation(check.expectBySide.candidate, error)}} : {}),
		compare,
	};
}
