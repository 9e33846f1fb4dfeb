// Multi-step checks (create → read → use → delete): captures flow into later steps through ${steps.NAME.FIELD},
// and the cleanup steps always run, even when a step failed or the run was cancelled.
import {performance} from 'node:perf_hooks';
import type {Step} from '../catalog/schema.js';
import type {Observation, StepObservation} from '../domain.js';
import {evaluateExpectation, runQuery} from '../compare/asserts.js';
import {errorMessage} from '../errors.js';
import {registerSecret, secretCaptureName} from '../targets/secrets.js';
import {exchangeOnce} from './http.js';
import {interpolate} from './placeholders.js';
import type {Probe, ProbeContext} from './types.js';
import {pause} from '../shared/deadline.js';

type StepRun = {observation?: Observation; record: StepObservation};

function capture(observation: Observation, spec: Record<string, string>): Record<string, unknown> {
	const captured: Record<string, unknown> = {};
	for (const [name, query] of Object.entries(spec)) {
		const value = query.startsWith('$') ? runQuery(observation, `jsonpath ${query}`) : runQuery(observation, query);
		if (value === undefined) continue;
		captured[name] = value;
		// Keys a sequence creates (virtual keys, user keys) are secrets too, by position (the capture's name), never by
		// looks; the server chose the value, so it must be long enough not to mask ordinary words.
		if (typeof value === 'string' && secretCaptureName.test(name)) registerSecret(value, 'server');
	}

	return captured;
}

async function runStep(context: ProbeContext, step: Step, signal: AbortSignal, isCleanup: boolean): Promise<StepRun> {
	let spec;
	let expectation;
	try {
		spec = interpolate(step.request, context.scope, `${context.check.id}.steps.${step.name}.request`);
		expectation = interpolate(step.expect ?? {}, context.scope, `${context.check.id}.steps.${step.name}.expect`);
	} catch (error) {
		return {record: {name: step.name, ok: false, error: errorMessage(error), cleanup: isCleanup}};
	}

	const attempts = step.retry?.times ?? 1;
	let observation: Observation | undefined;
	let failures: string[] = [];
	for (let attempt = 0; attempt < attempts; attempt++) {
		if (attempt > 0) await pause(step.retry!.delayMs, signal);
		observation = await exchangeOnce({...context, signal}, spec);
		failures = evaluateExpectation(observation, expectation).filter(outcome => !outcome.passed).map(outcome => `${outcome.description} (got ${JSON.stringify(outcome.actual)})`);
		if (failures.length === 0 || !observation.reached || signal.aborted) break;
	}

	const ok = failures.length === 0;
	if (ok && step.capture) context.scope.steps[step.name] = capture(observation!, step.capture);
	context.progress({kind: 'step', name: step.name, status: observation?.status, ok});
	return {
		observation,
		record: {name: step.name, status: observation?.status, latencyMs: observation?.timing.totalMs, ok, error: observation?.error ?? failures[0], cleanup: isCleanup},
	};
}

export const sequenceProbe: Probe = async context => {
	const start = performance.now();
	// Each side has its own captures.
	context.scope = {...context.scope, steps: {}};
	const runs: StepRun[] = [];
	try {
		for (const step of context.check.steps ?? []) {
			const run = await runStep(context, step, context.signal, false);
			runs.push(run);
			if (!run.record.ok) break;
		}
	} finally {
		// Cleanup gets its own short deadline so a cancelled or timed-out run still deletes what it created.
		const cleanupSignal = AbortSignal.timeout(Math.min(context.timeoutMs, 10_000));
		for (const step of context.check.cleanup ?? []) {
			runs.push(await runStep(context, step, cleanupSignal, true).catch(error => ({record: {name: step.name, ok: false, error: errorMessage(error), cleanup: true}})));
		}
	}

	const main = runs.filter(run => !run.record.cleanup);
	const failed = main.find(run => !run.record.ok);
	const last = failed ?? main.at(-1);
	const unreached = main.find(run => run.observation && !run.observation.reached);
	const body = Object.fromEntries(runs.map(run => [run.record.name, {status: run.record.status, ok: run.record.ok, body: run.observation?.body}]));
	return {
		side: context.side,
		reached: !unreached,
		status: last?.observation?.status,
		headers: last?.observation?.headers ?? {},
		contentType: 'application/json',
		body,
		bodyText: JSON.stringify(body, null, 2).slice(0, 64 * 1024),
		timing: {totalMs: performance.now() - start},
		steps: runs.map(run => run.record),
		error: unreached?.observation?.error,
	};
};
