// The run history in the explorer: a run of everything is kept like a headless run, and `H` shows the profile's
// recent runs with what changed between the latest and the one before (newly broken, fixed, latency moves).
import type {RunEvent} from '../../domain.js';
import {compareRuns, listRuns, readRun, saveRun, type RunComparison, type RunEntry} from '../../history/history.js';
import {recordFromEvents} from '../../report/json.js';

export type HistoryView = {
	profile: string;
	directory: string;
	/** Newest first. */
	runs: RunEntry[];
	/** The latest run against the previous one, when there are two. */
	comparison?: {latest: RunEntry; previous: RunEntry; changes: RunComparison};
};

/** Hand every event to `onEvent` on its way through (the explorer folds them; the history needs the first and last). */
export async function* watchEvents(events: AsyncIterable<RunEvent>, onEvent: (event: RunEvent) => void): AsyncIterable<RunEvent> {
	for await (const event of events) {
		onEvent(event);
		yield event;
	}
}

/** Keep a finished run in the history folder, the same record the headless run keeps. */
export async function keepRun(started: Extract<RunEvent, {type: 'run-started'}>, finished: Extract<RunEvent, {type: 'run-finished'}>, directory: string): Promise<string> {
	return saveRun(recordFromEvents(started, finished), {directory});
}

export async function loadHistory(profile: string, directory: string): Promise<HistoryView> {
	const runs = await listRuns({directory, profile});
	const [latest, previous] = runs;
	if (!latest || !previous) return {profile, directory, runs};
	const [current, before] = await Promise.all([readRun(latest.file), readRun(previous.file)]);
	return {profile, directory, runs, comparison: {latest, previous, changes: compareRuns(before, current)}};
}
