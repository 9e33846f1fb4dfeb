// What the schema alone cannot see in a check file, found when it loads (before anything runs): assert queries,
// regular expressions, JSONPath in asserts, ignore lists, fields, keys and captures, k6 thresholds, placeholders
// (an unknown ${models.x} or ${steps.y}), and every probe's options against that probe kind's own schema.
import {JSONPath} from 'jsonpath-plus';
import {z} from 'zod';
import {parseThreshold} from '../shared/thresholds.js';
import {execSpecSchema, logsOptionsSchema, restartOptionsSchema, statsOptionsSchema} from './probe-options.js';
import {modelsSchema, optionsSchema as profileOptionsSchema} from '../targets/profile-schema.js';
import type {Assert, Check, CheckFile, Expectation, ProbeKind, Step} from './schema.js';

export type Problem = {path: PropertyKey[]; message: string};

const number = z.number().positive();

/** Options each probe kind reads (check.options); a misspelt option is an error, not silently the default. */
export const probeOptionSchemas: Record<ProbeKind, z.ZodType> = {
	// warmup: discarded calls per side before a latency-judged check measures.
	http: z.object({warmup: z.number().int().min(0).max(100)}).partial().strict(),
	sse: z.object({}).strict(),
	sequence: z.object({}).strict(),
	prometheus: z.object({}).strict(),
	tls: z.object({}).strict(),
	exec: z.object({}).strict(),
	// strategy: a routing strategy the target must register at /router/info (e.g. llmrouter-knn).
	routing: z.object({calls: z.number().int().min(1).max(200), strategy: z.string().min(1)}).partial().strict(),
	otlp: z.object({waitMs: z.number().int().min(0).max(120_000)}).partial().strict(),
	load: z.object({connections: z.number().int().min(1).max(1000), durationMs: number, requests: z.number().int().positive(), warmup: z.number().int().min(0).max(100), warmupMs: z.number().int().min(0).max(60_000)}).partial().strict(),
	overhead: z.object({samples: z.number().int().min(1).max(1000), warmup: z.number().int().min(0).max(100), upstreamModel: z.string().min(1)}).partial().strict(),
	logs: logsOptionsSchema,
	restart: restartOptionsSchema,
	stats: statsOptionsSchema,
	routes: z.object({}).strict(),
};

const queryHeads = new Set(['status', 'header', 'jsonpath', 'count', 'duration', 'ttft', 'body', 'bytes', 'chunks', 'done', 'exit', 'stdout', 'fact']);
const needsArgument = new Set(['header', 'jsonpath', 'count', 'fact']);

/** Where a `[` segment closes, skipping quoted text and parentheses (filters hold both). */
function closingBracket(text: string, open: number): number {
	let depth = 0;
	let quote: string | undefined;
	for (let index = open + 1; index < text.length; index++) {
		const char = text[index]!;
		if (quote) {
			if (char === quote && text[index - 1] !== '\\') quote = undefined;
		} else if (char === "'" || char === '"') quote = char;
		else if (char === '(') depth++;
		else if (char === ')') depth--;
		else if (char === ']' && depth === 0) return index;
	}

	return -1;
}

const bracketContent = /^(?:\*|-?\d+|-?\d*:-?\d*(?::-?\d+)?|'[^']*'|"[^"]*"|(?:-?\d+|'[^']*'|"[^"]*")(?:\s*,\s*(?:-?\d+|'[^']*'|"[^"]*"))+)$/;

/** A JSONPath as the tool accepts it, or why not (jsonpath-plus silently matches nothing on most mistakes). */
export function jsonPathProblem(path: string, {keyed = false}: {keyed?: boolean} = {}): string | undefined {
	if (!path.startsWith('$')) return `JSONPath '${path}' must start with $`;
	let index = 1;
	while (index < path.length) {
		const rest = path.slice(index);
		const dotted = /^(\.\.?)([A-Za-z_$][\w$-]*|\*)/.exec(rest);
		if (dotted) {
			index += dotted[0].length;
			continue;
		}

		if (rest.startsWith('..[')) {
			index += 2;
			continue;
		}

		if (rest.startsWith('[')) {
			const close = closingBracket(path, index);
			if (close < 0) return `JSONPath '${path}': '[' at character ${index + 1} is never closed`;
			const content = path.slice(index + 1, close).trim();
			if (content.startsWith('?(') || content.startsWith('(')) {
				if (!content.endsWith(')')) return `JSONPath '${path}': filter '${content}' must end with )`;
				try {
					// Evaluated once against a sample element: a malformed expression throws here, not silently at run time.
					JSONPath({path: `$[${content}]`, json: [{}], wrap: true});
				} catch (error) {
					return `JSONPath '${path}': filter '${content}' does not parse (${(error as Error).message})`;
				}
			} else if (!bracketContent.test(content) && !(keyed && /^[^\]"=]+=[^\]]*$/.test(content))) {
				return `JSONPath '${path}': '[${content}]' is not an index, slice, wildcard, quoted name or filter`;
			}

			index = close + 1;
			continue;
		}

		return `JSONPath '${path}': unexpected '${rest.slice(0, 12)}' at character ${index + 1} (use .name, [index], ['name'], [*] or [?(filter)])`;
	}

	return undefined;
}

function regexProblem(source: string): string | undefined {
	try {
		new RegExp(source);
		return undefined;
	} catch (error) {
		return `not a valid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`;
	}
}

export function queryProblem(query: string): string | undefined {
	const [head, ...restParts] = query.trim().split(/\s+/);
	const rest = restParts.join(' ');
	if (!head || !queryHeads.has(head)) return `unknown assert query '${query}'; use one of ${[...queryHeads].join(', ')}`;
	if (needsArgument.has(head) && !rest) return `'${head}' needs ${head === 'header' ? 'a header name' : head === 'fact' ? 'a fact name' : 'a JSONPath'} after it`;
	if (!needsArgument.has(head) && rest) return `'${head}' takes nothing after it (got '${rest}')`;
	if (head === 'jsonpath' || head === 'count') return jsonPathProblem(rest);
	return undefined;
}

const placeholder = /\$\{([^}]*)\}/g;

type Scope = {steps: Map<string, Set<string>> | undefined; where: 'request' | 'expect'};

function placeholderProblems(value: unknown, scope: Scope, path: PropertyKey[], out: Problem[]): void {
	// Iterative walk: a check file is small, but nothing here should recurse without bound.
	const stack: Array<{value: unknown; path: PropertyKey[]}> = [{value, path}];
	while (stack.length > 0) {
		const {value: current, path: at} = stack.pop()!;
		if (typeof current === 'string') {
			for (const match of current.matchAll(placeholder)) {
				const problem = placeholderProblem(match[1]!.trim(), scope);
				if (problem) out.push({path: at, message: problem});
			}
		} else if (Array.isArray(current)) {
			current.forEach((item, index) => stack.push({value: item, path: [...at, index]}));
		} else if (current && typeof current === 'object') {
			for (const [key, inner] of Object.entries(current)) stack.push({value: inner, path: [...at, key]});
		}
	}
}

const modelNames = Object.keys(modelsSchema.shape);
const optionNames = Object.keys(profileOptionsSchema.shape);

function placeholderProblem(expression: string, scope: Scope): string | undefined {
	const [head, ...rest] = expression.split('.');
	const name = rest.join('.');
	switch (head) {
		case 'models':
			return modelNames.includes(name) ? undefined : `unknown model capability \${${expression}}; known: ${modelNames.join(', ')}`;
		case 'env':
			return name ? undefined : `\${env.} needs a variable name`;
		case 'options':
			return optionNames.includes(name) ? undefined : `unknown profile option \${${expression}}; known: ${optionNames.join(', ')}`;
		case 'run':
			return name === 'id' ? undefined : `unknown placeholder \${${expression}}; use \${run.id}`;
		case 'side':
			return name ? `unknown placeholder \${${expression}}; use \${side}` : undefined;
		case 'target':
			return name === 'healthPath' ? undefined : `unknown placeholder \${${expression}}; the target offers \${target.healthPath}`;
		case 'steps': {
			const [step, ...field] = rest;
			if (!scope.steps) return `\${${expression}}: only the steps of a sequence capture values`;
			const captures = scope.steps.get(step ?? '');
			if (!captures) return `\${${expression}}: no earlier step named '${step}'${scope.steps.size > 0 ? ` (earlier: ${[...scope.steps.keys()].join(', ')})` : ''}`;
			const key = field.join('.');
			if (!captures.has(key)) return `\${${expression}}: step '${step}' captures no '${key}'${captures.size > 0 ? ` (it captures ${[...captures].join(', ')})` : ''}`;
			return undefined;
		}

		default:
			return `unknown placeholder \${${expression}}; use models.*, env.*, options.*, steps.*, run.id, side or target.healthPath`;
	}
}

function assertProblems(assert: Assert, path: PropertyKey[], out: Problem[]): void {
	const query = queryProblem(assert.query);
	if (query) out.push({path: [...path, 'query'], message: query});
	if (assert.matches !== undefined && !/^\$\{[^}]+\}$/.test(assert.matches)) {
		const regex = regexProblem(assert.matches);
		if (regex) out.push({path: [...path, 'matches'], message: regex});
	}
}

function thresholdProblems(thresholds: readonly string[] | undefined, path: PropertyKey[], out: Problem[]): void {
	thresholds?.forEach((threshold, index) => {
		try {
			parseThreshold(threshold);
		} catch (error) {
			out.push({path: [...path, index], message: (error as Error).message});
		}
	});
}

function expectationProblems(expectation: Expectation | undefined, path: PropertyKey[], out: Problem[]): void {
	expectation?.asserts?.forEach((assert, index) => assertProblems(assert, [...path, 'asserts', index], out));
	thresholdProblems(expectation?.thresholds, [...path, 'thresholds'], out);
}

function capturesOf(step: Step): Set<string> {
	return new Set(Object.keys(step.capture ?? {}));
}

/** Every problem of one check, each with the field path inside the check. */
export function checkProblems(check: Check): Problem[] {
	const out: Problem[] = [];
	const options = probeOptionSchemas[check.probe].safeParse(check.options ?? {});
	if (!options.success) {
		for (const issue of options.error.issues) {
			const unknown = issue.code === 'unrecognized_keys' ? issue.keys : [];
			if (unknown.length > 0) for (const key of unknown) out.push({path: ['options', key], message: `unknown option '${key}' for probe '${check.probe}'; it takes ${Object.keys((probeOptionSchemas[check.probe] as z.ZodObject).shape ?? {}).join(', ') || 'no options'}`});
			else out.push({path: ['options', ...issue.path], message: issue.message});
		}
	}

	if (check.probe === 'exec') {
		const exec = execSpecSchema.safeParse(check.exec ?? {});
		if (!exec.success) for (const issue of exec.error.issues) out.push({path: ['exec', ...issue.path], message: issue.message});
	} else if (check.exec !== undefined) out.push({path: ['exec'], message: `only exec probes take 'exec' (this is a '${check.probe}' probe)`});

	expectationProblems(check.expect, ['expect'], out);
	for (const side of ['baseline', 'candidate'] as const) expectationProblems(check.expectBySide?.[side], ['expectBySide', side], out);
	check.compare.ignore.forEach((pattern, index) => {
		const problem = jsonPathProblem(pattern);
		if (problem) out.push({path: ['compare', 'ignore', index], message: problem});
	});
	check.compare.fields.forEach((field, index) => {
		const problem = jsonPathProblem(field.replace(/^count\s+/, ''));
		if (problem) out.push({path: ['compare', 'fields', index], message: problem});
	});
	for (const array of Object.keys(check.compare.keys)) {
		const problem = jsonPathProblem(array);
		if (problem) out.push({path: ['compare', 'keys', array], message: problem});
	}

	check.expectedDifferences?.forEach((entry, index) => {
		const path = entry.path;
		if (path === undefined || ['status', 'latency', 'throughput', 'expectations'].includes(path) || /^(header|fact):\S+$/.test(path)) return;
		const problem = jsonPathProblem(path.replace(/^count\s+/, ''), {keyed: true});
		if (problem) out.push({path: ['expectedDifferences', index, 'path'], message: `${problem} (or status, latency, throughput, header:NAME, fact:NAME)`});
	});

	// Placeholders: requests and expectations see models, env, options, run and side; a sequence's steps also see
	// the captures of the steps before them (cleanup steps see every step's).
	const noSteps: Scope = {steps: undefined, where: 'request'};
	if (check.request) placeholderProblems(check.request, noSteps, ['request'], out);
	const steps = new Map<string, Set<string>>();
	check.steps?.forEach((step, index) => {
		placeholderProblems(step.request, {steps: new Map(steps), where: 'request'}, ['steps', index, 'request'], out);
		placeholderProblems(step.expect, {steps: new Map(steps), where: 'expect'}, ['steps', index, 'expect'], out);
		expectationProblems(step.expect, ['steps', index, 'expect'], out);
		for (const [name, query] of Object.entries(step.capture ?? {})) {
			const problem = query.startsWith('$') ? jsonPathProblem(query) : queryProblem(query);
			if (problem) out.push({path: ['steps', index, 'capture', name], message: problem});
		}

		steps.set(step.name, capturesOf(step));
	});
	check.cleanup?.forEach((step, index) => {
		placeholderProblems(step.request, {steps, where: 'request'}, ['cleanup', index, 'request'], out);
		expectationProblems(step.expect, ['cleanup', index, 'expect'], out);
	});
	placeholderProblems(check.expect, {steps: check.probe === 'sequence' ? steps : undefined, where: 'expect'}, ['expect'], out);
	placeholderProblems(check.expectBySide, {steps: check.probe === 'sequence' ? steps : undefined, where: 'expect'}, ['expectBySide'], out);
	return out;
}

/** Every problem of a parsed check file, with paths from the file's root (for file:line). */
export function fileProblems(file: CheckFile): Problem[] {
	return file.rows.flatMap((row, rowIndex) => row.checks.flatMap((check, checkIndex) => checkProblems(check).map(problem => ({...problem, path: ['rows', rowIndex, 'checks', checkIndex, ...problem.path]}))));
}
