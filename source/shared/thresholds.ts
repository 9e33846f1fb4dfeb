// k6-style thresholds ("p(95)<500", "avg<200", "rate>100", "errors==0") evaluated on a probe's stats.
// The grammar is tiny and k6's own parser is Go, so it is parsed here.
import type {AssertionOutcome} from '../domain.js';
import type {LatencyStats} from './latency-histogram.js';

export type ThresholdFacts = LatencyStats & {rate?: number; errors?: number; errorRate?: number};

const grammar = /^\s*(p\((\d+(?:\.\d+)?)\)|avg|med|min|max|rate|count|errors|error_rate)\s*(<=|>=|==|!=|<|>)\s*(-?\d+(?:\.\d+)?)\s*$/;

export type Threshold = {text: string; aggregation: string; percentile?: number; operator: string; value: number};

export function parseThreshold(text: string): Threshold {
	const match = grammar.exec(text);
	if (!match) throw new Error(`threshold '${text}' is not of the form p(95)<500, avg<200, med<100, max<1000, rate>100, errors==0 or error_rate<0.01`);
	return {text: text.trim(), aggregation: match[2] ? 'p' : match[1]!, percentile: match[2] ? Number(match[2]) : undefined, operator: match[3]!, value: Number(match[4])};
}

function actualOf(threshold: Threshold, facts: ThresholdFacts): number | undefined {
	switch (threshold.aggregation) {
		case 'p': {
			const key = String(threshold.percentile);
			return facts.percentiles[key];
		}

		case 'error_rate':
			return facts.errorRate;
		default:
			return facts[threshold.aggregation as 'avg' | 'med' | 'min' | 'max' | 'rate' | 'count' | 'errors'];
	}
}

function compare(operator: string, actual: number, value: number): boolean {
	switch (operator) {
		case '<':
			return actual < value;
		case '<=':
			return actual <= value;
		case '>':
			return actual > value;
		case '>=':
			return actual >= value;
		case '==':
			return actual === value;
		default:
			return actual !== value;
	}
}

export function evaluateThreshold(text: string, facts: ThresholdFacts | undefined): AssertionOutcome {
	let threshold: Threshold;
	try {
		threshold = parseThreshold(text);
	} catch (error) {
		return {description: `threshold ${text}`, passed: false, actual: (error as Error).message};
	}

	const actual = facts ? actualOf(threshold, facts) : undefined;
	if (actual === undefined) {
		const hint = threshold.aggregation === 'p' ? ` (percentiles measured: ${Object.keys(facts?.percentiles ?? {}).join(', ')})` : '';
		return {description: `threshold ${threshold.text}`, passed: false, actual: `not measured${hint}`};
	}

	return {description: `threshold ${threshold.text}`, passed: compare(threshold.operator, actual, threshold.value), actual};
}
