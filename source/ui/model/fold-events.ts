// Fold a batch of run events into the state. Batches arrive at most ~20 times a second while a run streams, so
// the checks map is copied once per batch and each touched check once, not once per event. Everything a run brings
// in is scrubbed of known secrets here, once, so no tab can ever draw a key (virtual keys a sequence creates are
// registered by the core before their answers arrive).
import type {Observation, RunEvent, Side, SideProgress} from '../../domain.js';
import {redactStreamPiece, redactValue, scrub as scrubText} from '../../targets/secrets.js';
import {summaryLine} from '../format.js';
import type {CheckState, ExplorerState, Lane, Stamp} from './state.js';

/** Lanes only show their end; keeping a bounded tail keeps 2,000-chunk streams cheap. */
export const laneTextLimit = 6000;
const laneStepLimit = 50;

// side-finished and check-finished carry the same observation objects: scrub each one once.
const scrubbed = new WeakMap<Observation, Observation>();

function scrub(observation: Observation): Observation {
	let safe = scrubbed.get(observation);
	if (!safe) {
		safe = redactValue(observation);
		scrubbed.set(observation, safe);
	}

	return safe;
}

function scrubAll(observations: Partial<Record<Side, Observation>>): Partial<Record<Side, Observation>> {
	return Object.fromEntries(Object.entries(observations).map(([side, observation]) => [side, scrub(observation)]));
}

export function emptyLane(): Lane {
	return {chunks: 0, text: '', finished: false, steps: []};
}

function applyProgress(lane: Lane, progress: SideProgress): void {
	switch (progress.kind) {
		case 'headers':
			lane.status = progress.status;
			lane.headersAtMs = progress.atMs;
			break;
		case 'chunk': {
			lane.chunks++;
			lane.lastAtMs = progress.atMs;
			if (progress.text.length > 0 && lane.ttftMs === undefined) lane.ttftMs = progress.atMs;
			// A key split across chunks: the end that could begin one waits for the next chunk.
			const piece = redactStreamPiece(lane.held ?? '', progress.text);
			lane.text += piece.shown;
			lane.held = piece.held;
			if (lane.text.length > laneTextLimit * 2) lane.text = lane.text.slice(-laneTextLimit);
			break;
		}

		case 'step':
			lane.steps = [...lane.steps, `${progress.ok ? '✓' : '✗'} ${scrubText(progress.name)}${progress.status === undefined ? '' : ` ${progress.status}`}`].slice(-laneStepLimit);
			break;
		case 'load': {
			const {kind: _kind, ...load} = progress;
			lane.load = load;
			break;
		}

		case 'note':
			lane.note = scrubText(progress.message);
			break;
	}
}

function finishLane(lane: Lane, observation: Observation): void {
	lane.finished = true;
	if (lane.held) lane.text += scrubText(lane.held);
	lane.held = undefined;
	lane.done = observation.stream?.done;
	if (lane.status === undefined) lane.status = observation.status;
}

/** `stamp` gives the batch its id (the finished run's toast): the fold itself reads no clock and keeps no counter. */
export function foldRunEvents(state: ExplorerState, events: readonly RunEvent[], stamp: Stamp): ExplorerState {
	if (events.length === 0) return state;
	let checks = state.checks;
	let copied = false;
	const touched = new Set<string>();
	let {run, lastRun, toast, versions} = state;

	const edit = (id: string): CheckState | undefined => {
		if (!copied) {
			checks = {...checks};
			copied = true;
		}

		const current = checks[id];
		if (!current) return undefined;
		if (touched.has(id)) return current;
		touched.add(id);
		const live = current.live ? {baseline: {...current.live.baseline}, candidate: {...current.live.candidate}} : undefined;
		const copy = {...current, live};
		checks[id] = copy;
		return copy;
	};

	const lane = (check: CheckState, side: Side): Lane => {
		check.live ??= {baseline: emptyLane(), candidate: emptyLane()};
		return check.live[side];
	};

	for (const event of events) {
		switch (event.type) {
			case 'run-started': {
				run = {runId: event.runId, label: run?.label ?? 'run', total: event.checks.length, finished: 0, startedAt: event.startedAt, cancelling: run?.cancelling ?? false};
				if (event.versions) versions = {...versions, ...event.versions};
				for (const ref of event.checks) {
					const check = edit(ref.check);
					if (!check) continue;
					check.status = 'queued';
					check.live = undefined;
				}

				break;
			}

			case 'check-started': {
				const check = edit(event.check);
				if (!check) break;
				check.status = 'running';
				check.live = {baseline: emptyLane(), candidate: emptyLane()};
				break;
			}

			case 'side-progress': {
				const check = edit(event.check);
				if (check) applyProgress(lane(check, event.side), event.progress);
				break;
			}

			case 'side-finished': {
				const check = edit(event.check);
				if (!check) break;
				const observation = scrub(event.observation);
				finishLane(lane(check, event.side), observation);
				check.observations = {...check.observations, [event.side]: observation};
				break;
			}

			case 'check-finished': {
				const check = edit(event.check);
				if (run) run = {...run, finished: run.finished + 1};
				if (!check) break;
				// A cancelled check keeps what it showed before: cancelling must not erase earlier findings.
				if (event.result.verdict === 'skipped' && event.result.reason === 'cancelled') {
					check.status = 'cancelled';
					break;
				}

				check.status = 'done';
				check.result = redactValue(event.result);
				check.observations = scrubAll(event.observations);
				break;
			}

			case 'run-finished': {
				lastRun = {
					runId: run?.runId ?? '',
					label: run?.label ?? 'run',
					startedAt: run?.startedAt ?? event.finishedAt,
					finishedAt: event.finishedAt,
					durationMs: event.durationMs,
					cancelled: event.cancelled,
					summary: event.summary,
					targets: state.targets ?? {baseline: {url: ''}, candidate: {url: ''}},
				};
				if (event.versions) versions = {...versions, ...event.versions};
				run = undefined;
				toast = {id: stamp.id, level: event.cancelled ? 'warn' : 'info', message: summaryLine(lastRun.label, event)};
				break;
			}
		}
	}

	return {...state, checks, run, lastRun, toast, versions};
}
