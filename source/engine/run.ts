// The engine: runs a selection of checks against both targets at once with bounded concurrency, and reports
// everything it does as run events. Cancellation aborts in-flight requests through one AbortSignal.
import {randomUUID} from 'node:crypto';
import {performance} from 'node:perf_hooks';
import pLimit from 'p-limit';
import type {Check} from '../catalog/schema.js';
import type {SelectedRow} from '../catalog/catalog.js';
import {expectationFor} from '../compare/asserts.js';
import {judge, type JudgeInput} from '../compare/verdict.js';
import {latencyJudged, latencyPairs, pairedLatency} from './latency-phase.js';
import {halfRound, loadRoundOrder, mergeRounds} from './load-rounds.js';
import {emptySummary, sides, type CheckRef, type CheckResult, type Observation, type RunEvent, type RunNotice, type Side, type SideVersions} from '../domain.js';
import {errorMessage} from '../errors.js';
import {defaultMaxBodyBytes} from '../probes/http-client.js';
import {interpolate, type PlaceholderScope} from '../probes/placeholders.js';
import {noiseSafeKinds, pairStepFor, probeFor} from '../probes/registry.js';
import type {Probe, ProbeContext} from '../probes/types.js';
import {flavourRules, type FlavourRules} from './flavour.js';
import type {Profile} from '../targets/profile-schema.js';
import {redactValue, scrub} from '../targets/secrets.js';
import {boundedJson, boundText} from '../values/bounded.js';
import type {Target, TargetPair} from '../targets/target.js';
import {Channel} from './channel.js';
import {deadline} from '../shared/deadline.js';
import type {Reach} from './preflight.js';
import type {EntryState} from '../compare/expected.js';

export const defaultTimeoutMs = 10_000;
export const defaultConcurrency = 4;

/** Probe kinds that measure the machine: they run alone, after the functional checks, one side at a time. */
export const exclusiveKinds: ReadonlySet<string> = new Set(['load', 'overhead', 'restart', 'stats']);

export type RunRequest = {
	rows: SelectedRow[];
	profile: Profile;
	targets: TargetPair;
	signal?: AbortSignal;
	concurrency?: number;
	runId?: string;
	env?: NodeJS.ProcessEnv;
	/** What the pre-flight probe saw (its versions head the run); without it versions come from the answers alone. */
	preflight?: Partial<Record<Side, Reach>>;
	/** Today's date (YYYY-MM-DD) for expected differences' expiry; defaults to the clock's. */
	today?: string;
	/** Which rows apply to the targets' flavour and how checks are judged there (default: from the profile). */
	flavour?: FlavourRules;
};

export type RunFinished = Extract<RunEvent, {type: 'run-finished'}>;

type PlannedCheck = {ref: CheckRef; check?: Check; row: SelectedRow};

function plan(rows: SelectedRow[]): PlannedCheck[] {
	return rows.flatMap(selected => {
		const base = {category: selected.category.id, categoryTitle: selected.category.title, row: selected.row.id, feature: selected.row.feature};
		if (selected.checks.length === 0) return [{ref: {...base, check: selected.row.id, title: selected.row.feature, probe: 'none'}, row: selected}];
		return selected.checks.map(check => ({ref: {...base, check: check.id, title: check.title ?? selected.row.feature, probe: check.probe}, check, row: selected}));
	});
}

function emptySide() {
	return {ok: false, failures: []};
}

function skippedResult(ref: CheckRef, reason: string): CheckResult {
	return {...ref, verdict: 'skipped', reason, baseline: {...emptySide(), skipped: reason}, candidate: {...emptySide(), skipped: reason}, differences: [], durationMs: 0};
}

/** Why a side cannot run this check, if it cannot. */
function missingPrerequisite(check: Check, target: Target, profile: Profile): string | undefined {
	for (const requirement of check.requires ?? []) {
		if (requirement === 'container' && !target.container) return `no container configured for ${target.side} (set ${target.side}.container in the profile)`;
		if (requirement === 'tls' && !target.url.startsWith('https://')) return `${target.side} is not an https:// URL`;
		if (requirement === 'mlflow' && !target.mlflow) return `no MLflow URL configured for ${target.side} (set ${target.side}.mlflowUrl)`;
		if (requirement === 'callbacks' && !profile.options.callbacks?.length) return 'no callbacks named in the profile (options.callbacks)';
		if (requirement === 'upstream' && !target.upstream) return `no direct upstream configured for ${target.side} (set ${target.side}.upstream)`;
		if (requirement === 'database' && profile.options.withoutDatabase) return `no database: ${profile.options.withoutDatabase}`;
	}

	return undefined;
}

/** Facts small enough to keep in every result (reports, history); big values stay in the observation only. */
function compactFacts(observations: Partial<Record<Side, Observation>>): CheckResult['facts'] {
	const out: NonNullable<CheckResult['facts']> = {};
	for (const side of sides) {
		const facts = observations[side]?.facts;
		if (!facts) continue;
		out[side] = Object.fromEntries(Object.entries(facts).filter(([, value]) => boundedJson(value ?? null).length <= 2048).map(([key, value]) => [key, redactValue(value)]));
	}

	return Object.keys(out).length > 0 ? out : undefined;
}

export function startRun(request: RunRequest): {events: AsyncIterable<RunEvent>; finished: Promise<RunFinished>} {
	const channel = new Channel<RunEvent>();
	const finished = execute(request, event => channel.push(event)).finally(() => channel.close());
	// A consumer that stops listening must not turn a failure into an unhandled rejection.
	finished.catch(() => undefined);
	return {events: channel, finished};
}

/** Run to the end, handing each event to a callback; resolves with the final event. */
export async function runChecks(request: RunRequest, onEvent: (event: RunEvent) => void = () => undefined): Promise<RunFinished> {
	return execute(request, onEvent);
}

async function execute(request: RunRequest, emit: (event: RunEvent) => void): Promise<RunFinished> {
	const {profile, targets} = request;
	const signal = request.signal ?? new AbortController().signal;
	const runId = request.runId ?? randomUUID().slice(0, 8);
	const planned = plan(request.rows);
	const startedAt = new Date();
	const start = performance.now();
	const versions: SideVersions = {};
	for (const side of sides) {
		const version = request.preflight?.[side]?.version;
		if (version) versions[side] = version;
	}

	emit({
		type: 'run-started',
		runId,
		startedAt: startedAt.toISOString(),
		profile: profile.name,
		targets: {baseline: {url: targets.baseline.url}, candidate: {url: targets.candidate.url}},
		checks: planned.map(entry => entry.ref),
		...(Object.keys(versions).length > 0 ? {versions: {...versions}} : {}),
	});
	const entryStates = new Map<string, EntryState[]>();

	const limit = pLimit(request.concurrency ?? profile.options.concurrency ?? defaultConcurrency);
	// Measurements (load, overhead, restarts, idle stats) get the machine to themselves: one at a time, after the rest.
	const exclusive = pLimit(1);
	const isExclusive = (entry: PlannedCheck) => entry.check !== undefined && exclusiveKinds.has(entry.check.probe);
	let functionalLeft = planned.filter(entry => !isExclusive(entry)).length;
	let functionalDone: () => void = () => undefined;
	const functionalFinished = new Promise<void>(resolve => {
		functionalDone = resolve;
	});
	if (functionalLeft === 0) functionalDone();
	const results: CheckResult[] = new Array(planned.length);
	await Promise.all(
		planned.map(async (entry, index) => {
			if (isExclusive(entry)) return functionalFinished.then(async () => exclusive(async () => runEntry(entry, index)));
			const later = await limit(async () => runEntry(entry, index)).finally(() => {
				if (--functionalLeft === 0) functionalDone();
			});
			// Latency-judged checks finish in their own phase: after every functional check, one at a time.
			if (later) await functionalFinished.then(async () => exclusive(later));
		}),
	);

	function finish(entry: PlannedCheck, index: number, outcome: CheckOutcome): void {
		const {entries, ...result} = outcome.result as CheckResult & {entries?: Record<string, EntryState>};
		for (const [id, state] of Object.entries(entries ?? {})) entryStates.set(id, [...(entryStates.get(id) ?? []), state]);
		for (const side of sides) versions[side] ??= versionSeen(outcome.observations[side]);
		results[index] = result;
		emit({type: 'check-finished', check: entry.ref.check, result, observations: outcome.observations});
	}

	async function runEntry(entry: PlannedCheck, index: number): Promise<(() => Promise<void>) | undefined> {
		if (signal.aborted) {
			results[index] = skippedResult(entry.ref, 'cancelled');
			emit({type: 'check-finished', check: entry.ref.check, result: results[index]!, observations: {}});
			return undefined;
		}

		emit({type: 'check-started', check: entry.ref.check});
		const outcome = await runOne(entry, request, runId, signal, emit, startedAt);
		if (!outcome.latencyPhase) {
			finish(entry, index, outcome);
			return undefined;
		}

		const phase = outcome.latencyPhase;
		return async () => {
			finish(entry, index, signal.aborted ? outcome : await phase());
		};
	}

	const summary = emptySummary();
	for (const result of results) summary[result.verdict]++;
	const final: RunFinished = {
		type: 'run-finished',
		finishedAt: new Date().toISOString(),
		durationMs: Math.round(performance.now() - start),
		cancelled: signal.aborted,
		summary,
		results,
		...(Object.keys(versions).length > 0 ? {versions} : {}),
		notices: expectedNotices(request, planned, entryStates),
	};
	emit(final);
	return final;
}

/** The LiteLLM version an answer reveals: the x-litellm-version header, or readiness's litellm_version. */
function versionSeen(observation: Observation | undefined): string | undefined {
	if (!observation?.reached) return undefined;
	const header = observation.headers['x-litellm-version'];
	if (header) return header;
	const body = observation.body as {litellm_version?: unknown} | undefined;
	return body && typeof body === 'object' && typeof body.litellm_version === 'string' && body.litellm_version !== '' ? body.litellm_version : undefined;
}

/**
 * Expected differences that matched nothing in this run are stale; expired ones are inactive. Said once per run
 * (every output shows the notices), only for entries whose checks ran here.
 */
function expectedNotices(request: RunRequest, planned: PlannedCheck[], states: Map<string, EntryState[]>): RunNotice[] {
	const notices: RunNotice[] = [];
	const expiryOf = (id: string) => {
		const [checkId, index] = id.split('#');
		if (index === undefined) return request.profile.expected.find(entry => entry.id === id)?.expires;
		return planned.find(entry => entry.check?.id === checkId)?.check?.expectedDifferences?.[Number(index) - 1]?.expires;
	};

	for (const [id, seen] of states) {
		const where = id.includes('#') ? `check-file entry '${id}'` : `profile entry '${id}'`;
		if (seen.includes('expired')) notices.push({kind: 'expired-expected', id, message: `expected difference ${where} expired on ${expiryOf(id)} and is inactive: renew or remove it`});
		else if (seen.every(state => state === 'unused')) notices.push({kind: 'stale-expected', id, message: `expected difference ${where} matched nothing in this run (stale): the difference is gone or the entry names the wrong path`});
	}

	return notices;
}

type CheckOutcome = {
	result: CheckResult;
	observations: Partial<Record<Side, Observation>>;
	/** For latency-judged checks: the paired-sample phase that completes the result (run later, alone). */
	latencyPhase?: () => Promise<Omit<CheckOutcome, 'latencyPhase'>>;
};

async function runOne(
	entry: PlannedCheck,
	request: RunRequest,
	runId: string,
	runSignal: AbortSignal,
	emit: (event: RunEvent) => void,
	runStartedAt: Date,
): Promise<CheckOutcome> {
	const {ref, row} = entry;
	// The flavour hook: rows the targets' flavour lacks are skipped before anything is sent.
	const rules = request.flavour ?? flavourRules(request.profile);
	const notApplicable = rules.notApplicable(row.row, entry.check);
	if (notApplicable) return {result: skippedResult(ref, notApplicable), observations: {}};
	if (!entry.check) return {result: skippedResult(ref, 'no check yet'), observations: {}};
	const check = rules.adapt(entry.check);
	const probe = probeFor(check.probe);
	if (!probe) return {result: skippedResult(ref, `no '${check.probe}' probe yet`), observations: {}};

	const timeoutMs = check.timeoutMs ?? request.profile.options.timeoutMs ?? defaultTimeoutMs;
	const checkDeadline = deadline(runSignal, timeoutMs);
	try {
		return await runWithin({...entry, check}, request, runId, runSignal, checkDeadline.signal, emit, runStartedAt, timeoutMs, probe, rules);
	} finally {
		checkDeadline.dispose();
	}
}

async function runWithin(
	entry: PlannedCheck,
	request: RunRequest,
	runId: string,
	runSignal: AbortSignal,
	checkSignal: AbortSignal,
	emit: (event: RunEvent) => void,
	runStartedAt: Date,
	timeoutMs: number,
	probe: Probe,
	rules: FlavourRules,
): Promise<CheckOutcome> {
	const check = entry.check!;
	const {ref, row} = entry;
	const {profile, targets} = request;
	const start = performance.now();
	const candidateOnly = row.row.candidateOnly || check.sides === 'candidate';
	// One functional sample per side; latency is judged separately on interleaved pairs (latencyPhase below).
	const samples = 1;

	const scopeFor = (side: Side): PlaceholderScope => ({models: profile.models, env: request.env ?? process.env, steps: {}, run: {id: runId}, side, options: profile.options, target: {healthPath: targets[side].healthPath}});
	const contextFor = (side: Side): ProbeContext => {
		const scope = scopeFor(side);
		return {
			check,
			side,
			target: targets[side],
			profile,
			scope,
			signal: checkSignal,
			timeoutMs,
			maxBodyBytes: profile.options.maxBodyBytes ?? defaultMaxBodyBytes,
			progress: progress => emit({type: 'side-progress', check: ref.check, side, progress}),
			llmExtras: profile.options.mockResponse ? {mock_response: profile.options.mockResponse} : undefined,
			samples,
			runStartedAt,
		};
	};

	const runSide = async (side: Side, round?: Check): Promise<Observation> => {
		if (side === 'baseline' && candidateOnly) return {side, reached: false, headers: {}, timing: {totalMs: 0}, skipped: 'candidate-only row'};
		const missing = missingPrerequisite(check, targets[side], profile);
		if (missing) return {side, reached: false, headers: {}, timing: {totalMs: 0}, skipped: missing};
		let observation: Observation;
		try {
			observation = await probe(round ? {...contextFor(side), check: round} : contextFor(side));
		} catch (error) {
			observation = {side, reached: false, headers: {}, timing: {totalMs: performance.now() - start}, error: boundText(scrub(errorMessage(error)))};
		}

		emit({type: 'side-finished', check: ref.check, side, observation});
		return observation;
	};

	// Measuring probes take one side at a time, so the two targets never compete for the same CPU.
	let baseline: Observation;
	let candidate: Observation;
	if (check.probe === 'load' && !candidateOnly) {
		// Rounds b, c, c, b of half the load each: the machine's slow moments fall on both sides, and each side's two
		// rounds measure its own noise.
		const half = halfRound(check);
		const rounds: Record<Side, Observation[]> = {baseline: [], candidate: []};
		for (const side of loadRoundOrder) if (!runSignal.aborted) rounds[side].push(await runSide(side, half));
		[baseline, candidate] = sides.map(side => (rounds[side].length === 2 ? mergeRounds(rounds[side][0]!, rounds[side][1]!) : (rounds[side][0] ?? {side, reached: false, headers: {}, timing: {totalMs: 0}, skipped: 'cancelled'}))) as [Observation, Observation];
	} else if (exclusiveKinds.has(check.probe)) {
		baseline = await runSide('baseline');
		candidate = await runSide('candidate');
	} else [baseline, candidate] = (await Promise.all(sides.map(async side => runSide(side)))) as [Observation, Observation];
	const durationMs = () => Math.round(performance.now() - start);

	if (runSignal.aborted) return {result: {...skippedResult(ref, 'cancelled'), durationMs: durationMs()}, observations: {baseline, candidate}};
	const skippedSides = [baseline, candidate].filter(observation => observation.skipped && observation.skipped !== 'candidate-only row');
	if (skippedSides.length > 0) {
		// Both sides usually skip for the same reason (no database, no container): say it once.
		const reason = [...new Set(skippedSides.map(observation => observation.skipped))].join('; ');
		return {result: {...skippedResult(ref, reason), durationMs: durationMs()}, observations: {baseline, candidate}};
	}

	const unserved = rules.neitherServes(check, baseline, candidate);
	if (unserved) return {result: {...skippedResult(ref, unserved), durationMs: durationMs()}, observations: {baseline, candidate}};
	const pairStep = candidateOnly ? undefined : pairStepFor(check.probe);
	if (pairStep) {
		const paired = pairStep(baseline, candidate);
		if (paired.skip) return {result: {...skippedResult(ref, paired.skip), durationMs: durationMs()}, observations: {baseline, candidate}};
		({baseline, candidate} = paired);
	}

	let baselineNoise: Observation | undefined;
	if (!candidateOnly && check.compare.noise && noiseSafeKinds.has(check.probe) && baseline.reached && !checkSignal.aborted) {
		try {
			baselineNoise = await probe({...contextFor('baseline'), samples: 1, progress: () => undefined});
		} catch {
			baselineNoise = undefined;
		}
	}

	let expectations;
	try {
		// A profile may override a check's k6-style thresholds (thresholds.checks.<check id>).
		const thresholds = profile.thresholds?.checks?.[check.id];
		expectations = Object.fromEntries(
			sides.map(side => {
				const expectation = interpolate(expectationFor(check.expect, check.expectBySide?.[side]), scopeFor(side), `${check.id}.expect`);
				return [side, thresholds ? {...expectation, thresholds} : expectation];
			}),
		);
	} catch (error) {
		const message = boundText(scrub(errorMessage(error)));
		return {result: {...ref, verdict: 'error', reason: message, baseline: {ok: false, failures: []}, candidate: {ok: false, failures: []}, differences: [], durationMs: durationMs()}, observations: {baseline, candidate}};
	}

	const input: JudgeInput = {
		check,
		expectations,
		candidateOnly,
		baseline: candidateOnly ? undefined : baseline,
		baselineNoise,
		candidate,
		latencyRule: profile.thresholds?.latency,
		expected: profile.expected,
		rowId: row.row.id,
		categoryId: row.category.id,
		today: request.today,
	};
	const settle = (judging: () => ReturnType<typeof judge>): Omit<CheckOutcome, 'latencyPhase'> => {
		let judgement;
		try {
			judgement = judging();
		} catch (error) {
			// One check's failure stays inside that check: the rest of the run, the report and the history go on.
			const message = `the tool could not compare the answers: ${boundText(scrub(errorMessage(error)))}`;
			return {result: {...ref, verdict: 'error', reason: message, baseline: {ok: false, failures: []}, candidate: {ok: false, failures: []}, differences: [], durationMs: durationMs()}, observations: {baseline, candidate}};
		}

		if (candidateOnly) judgement.baseline = {ok: false, failures: [], skipped: 'candidate-only row'};
		const facts = compactFacts({baseline: candidateOnly ? undefined : baseline, candidate});
		return {result: {...ref, ...judgement, durationMs: durationMs(), ...(facts ? {facts} : {})}, observations: {baseline, candidate}};
	};

	const functional = settle(() => judge(input));
	if (!latencyJudged(check, candidateOnly) || !baseline.reached || !candidate.reached || functional.result.verdict === 'error') return functional;
	return {
		...functional,
		latencyPhase: async () => {
			const pairs = await pairedLatency({probe, contextFor, pairs: latencyPairs(check), signal: runSignal, timeoutMs, note: message => emit({type: 'side-progress', check: ref.check, side: 'candidate', progress: {kind: 'note', message}})});
			if ('error' in pairs) return {...functional, result: {...functional.result, verdict: 'error', reason: `latency phase: ${pairs.error}`}};
			return settle(() => judge({...input, latency: pairs}));
		},
	};
}
