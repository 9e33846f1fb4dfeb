// One mirrored exchange judged with the engine's own verdict rules (compare/verdict.ts), plus the noise this route has
// learned from earlier pairs of baseline answers (Diffy's primary/secondary idea).
import {compareSchema, type Check} from '../catalog/schema.js';
import {diffObservations} from '../compare/diff.js';
import {judge, type Judgement} from '../compare/verdict.js';
import type {Difference, Observation} from '../domain.js';
import type {ExpectedEntry} from '../targets/profile-schema.js';
import type {RouteRule} from './rules.js';

/** Paths that differed between two baseline answers of a route; bounded so a chaotic route cannot grow without end. */
export class LearnedNoise {
	static readonly maxPaths = 256;
	readonly #paths = new Set<string>();

	learn(first: Observation, second: Observation, rule: RouteRule): void {
		if (!first.reached || !second.reached) return;
		for (const difference of diffObservations(first, second, rule.compare)) {
			if (this.#paths.size >= LearnedNoise.maxPaths) return;
			this.#paths.add(difference.path);
		}
	}

	covers(path: string): boolean {
		if (this.#paths.has(path)) return true;
		for (const noisy of this.#paths) if (path.startsWith(noisy + '.') || path.startsWith(noisy + '[')) return true;
		return false;
	}

	get size(): number {
		return this.#paths.size;
	}

	paths(): string[] {
		return [...this.#paths];
	}
}

const checkCache = new WeakMap<RouteRule, Check>();

/** The route as a check the verdict rules accept: any 2xx is a success, the rule's comparison. */
function checkFor(route: string, rule: RouteRule): Check {
	let check = checkCache.get(rule);
	if (!check) {
		check = {id: rule.from ?? route, probe: 'http', expect: {}, compare: rule.compare ?? compareSchema.parse({})};
		checkCache.set(rule, check);
	}

	return check;
}

function describe(findings: Difference[]): string {
	const shown = findings.slice(0, 3).map(difference => {
		if (difference.kind === 'missing') return `${difference.path} missing on candidate`;
		if (difference.kind === 'extra') return `${difference.path} only on candidate`;
		return `${difference.path}: ${JSON.stringify(difference.baseline)} ≠ ${JSON.stringify(difference.candidate)}`;
	});
	return shown.join('; ') + (findings.length > 3 ? ` (+${findings.length - 3} more)` : '');
}

export type ExchangeInput = {
	route: string;
	rule: RouteRule;
	baseline: Observation;
	candidate: Observation;
	baselineNoise?: Observation;
	noise: LearnedNoise;
	expected?: ExpectedEntry[];
};

export function judgeExchange(input: ExchangeInput): Judgement {
	const judgement = judge({
		check: checkFor(input.route, input.rule),
		candidateOnly: false,
		baseline: input.baseline,
		candidate: input.candidate,
		baselineNoise: input.baselineNoise,
		expected: input.expected,
		rowId: input.rule.row ?? input.rule.from ?? input.route,
	});
	if (input.noise.size === 0) return judgement;
	const differences = judgement.differences.map(difference => (difference.noise || !input.noise.covers(difference.path) ? difference : {...difference, noise: true}));
	const findings = differences.filter(difference => !difference.noise && !difference.expectedReason);
	if (judgement.verdict === 'drift' || judgement.verdict === 'expected') {
		if (findings.length === 0 && judgement.verdict === 'drift') return {...judgement, verdict: 'parity', reason: undefined, differences};
		if (judgement.verdict === 'drift') return {...judgement, reason: describe(findings), differences};
	}

	return {...judgement, differences};
}
