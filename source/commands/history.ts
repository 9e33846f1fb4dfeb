// `litellm-parity history`: past runs, and what changed between a run and the previous one on the same profile.
import {UsageError} from '../errors.js';
import {compareRuns, listRuns, readRun, type RunComparison, type StoredRun} from '../history/history.js';

type Io = {stdout: NodeJS.WritableStream};

export function renderComparison(previous: StoredRun, current: StoredRun, comparison: RunComparison): string {
	const lines = [`${current.profile}: run ${current.runId} (${current.startedAt}) compared with run ${previous.runId} (${previous.startedAt})`];
	const section = (title: string, entries: Array<{check: string; before?: string; after?: string; reason?: string}>) => {
		if (entries.length === 0) return;
		lines.push('', `${title} (${entries.length})`);
		for (const entry of entries) lines.push(`  ${entry.check.padEnd(46)} ${entry.before ?? '—'} → ${entry.after ?? '—'}${entry.reason && title !== 'Fixed' ? `  ${entry.reason}` : ''}`);
	};

	section('Newly broken', comparison.broken);
	section('Fixed', comparison.fixed);
	section('Other verdict changes', comparison.changed);
	section('New checks', comparison.added);
	section('Checks no longer run', comparison.removed);
	if (comparison.latency.length > 0) {
		lines.push('', `Latency moves (${comparison.latency.length})`);
		for (const move of comparison.latency) lines.push(`  ${move.check.padEnd(46)} ${move.side.padEnd(9)} ${Math.round(move.beforeMs)} ms → ${Math.round(move.afterMs)} ms`);
	}

	const nothing = Object.values(comparison).every(list => list.length === 0);
	if (nothing) lines.push('', 'No verdict changes and no latency moves.');
	return lines.join('\n') + '\n';
}

export async function historyCommand(action: string | undefined, options: {profile?: string; limit?: number}, io: Io = process): Promise<number> {
	if (options.limit !== undefined && (!Number.isInteger(options.limit) || options.limit < 1)) throw new UsageError(`--limit expects a whole number of 1 or more, got '${options.limit}'`);
	const shown = options.limit ?? 20;
	const runs = await listRuns({profile: options.profile, limit: (action ?? 'list') === 'list' ? shown : undefined});
	switch (action ?? 'list') {
		case 'list': {
			if (runs.length === 0) {
				io.stdout.write(`no runs recorded${options.profile ? ` for profile '${options.profile}'` : ''} yet; every 'litellm-parity run' adds one\n`);
				return 0;
			}

			for (const run of runs.slice(0, shown)) {
				const counts = Object.entries(run.summary).filter(([, count]) => count > 0).map(([verdict, count]) => `${count} ${verdict}`).join(', ');
				io.stdout.write(`${run.startedAt}  ${run.runId}  ${run.profile.padEnd(14)} ${counts}\n`);
			}

			return 0;
		}

		case 'diff': {
			const latest = runs[0];
			if (!latest) throw new UsageError('no runs recorded yet; run `litellm-parity run` twice to compare');
			const sameProfile = runs.filter(run => run.profile === latest.profile);
			if (sameProfile.length < 2) throw new UsageError(`only one run recorded for profile '${latest.profile}'; run it again to compare`);
			const [current, previous] = await Promise.all([readRun(sameProfile[0]!.file), readRun(sameProfile[1]!.file)]);
			io.stdout.write(renderComparison(previous, current, compareRuns(previous, current)));
			return 0;
		}

		default:
			throw new UsageError(`unknown history action '${action}'; use list or diff`);
	}
}
