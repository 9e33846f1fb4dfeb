// The start of the run's time window, as container probes see it: the first moment any container probe of a run
// began (the engine does not hand probes the run's start). Log scans read `--since` this moment.

const starts = new Map<string, Date>();

export function runWindowStart(runId: string, now = new Date()): Date {
	const known = starts.get(runId);
	if (known) return known;
	// Runs are few per process; keep the map from growing without bound in a long TUI session.
	if (starts.size > 64) starts.delete(starts.keys().next().value!);
	starts.set(runId, now);
	return now;
}
