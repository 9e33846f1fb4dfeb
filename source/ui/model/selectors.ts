// Derived views of the state: the visible matrix lines, a row's summary (its worst verdict), counts and the
// difference list the Diff tab shows. Pure functions, shared by the reducer, the container and the layout.
import type {CatalogCategory, CatalogRow} from '../../catalog/catalog.js';
import {emptySummary, failingVerdicts, verdictRank, type Difference, type RunSummary, type Verdict} from '../../domain.js';
import type {CheckState, ExplorerState, ViewState} from './state.js';

/** Higher is worse: the one ranking of domain.ts (a skipped check never hides what the other checks found). */
export {verdictRank};

export const problemVerdicts: ReadonlySet<Verdict> = new Set(failingVerdicts);

export type MatrixLine =
	| {kind: 'category'; key: string; category: CatalogCategory; visibleRows: number}
	| {
			kind: 'row';
			key: string;
			row: CatalogRow;
			category: CatalogCategory;
			/** Shown after the title instead of the row's id and category (a traffic route has no catalog id). */
			label?: string;
			/** What the pane says when the row has no checks to open. */
			empty?: string;
	  };

export const categoryKey = (id: string) => `c:${id}`;
export const rowKey = (id: string) => `r:${id}`;

/** The check ids of a row as the engine reports them (a row without checks runs as one skipped pseudo-check). */
export function rowCheckIds(row: CatalogRow): string[] {
	return row.checks.length > 0 ? row.checks.map(check => check.id) : [row.id];
}

export type RowSummary = {
	verdict?: Verdict;
	/** The check whose verdict the row shows. */
	lead?: CheckState;
	leadIndex: number;
	running: boolean;
	queued: boolean;
	cancelled: boolean;
	checks: CheckState[];
};

export function summarizeRow(row: CatalogRow, checks: Record<string, CheckState>): RowSummary {
	const states = rowCheckIds(row)
		.map(id => checks[id])
		.filter((state): state is CheckState => state !== undefined);
	let lead: CheckState | undefined;
	let leadIndex = 0;
	states.forEach((state, index) => {
		const verdict = state.result?.verdict;
		if (!verdict) return;
		if (!lead || verdictRank[verdict] > verdictRank[lead.result!.verdict]) {
			lead = state;
			leadIndex = index;
		}
	});
	return {
		verdict: lead?.result?.verdict,
		lead,
		leadIndex,
		running: states.some(state => state.status === 'running'),
		queued: states.some(state => state.status === 'queued'),
		cancelled: states.some(state => state.status === 'cancelled'),
		checks: states,
	};
}

function matchesFilter(filter: string, row: CatalogRow, category: CatalogCategory): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	const haystack = [row.id, row.feature, row.notes ?? '', category.id, category.title, ...row.checks.map(check => `${check.id} ${check.title ?? ''}`)];
	return haystack.some(text => text.toLowerCase().includes(needle));
}

/** The matrix as drawn: categories (folded or not) with the rows that pass the filter and the problems toggle. */
export function visibleLines(state: Pick<ExplorerState, 'catalog' | 'checks'> & {view: Pick<ViewState, 'filter' | 'problemsOnly' | 'collapsed'>}): MatrixLine[] {
	const {catalog, checks, view} = state;
	if (!catalog) return [];
	const narrowed = view.filter !== '' || view.problemsOnly;
	const lines: MatrixLine[] = [];
	for (const category of catalog.categories) {
		const rows = category.rows.filter(row => {
			if (!matchesFilter(view.filter, row, category)) return false;
			if (!view.problemsOnly) return true;
			const verdict = summarizeRow(row, checks).verdict;
			return verdict !== undefined && problemVerdicts.has(verdict);
		});
		if (narrowed && rows.length === 0) continue;
		lines.push({kind: 'category', key: categoryKey(category.id), category, visibleRows: rows.length});
		if (view.collapsed.includes(category.id)) continue;
		for (const row of rows) lines.push({kind: 'row', key: rowKey(row.id), row, category});
	}

	return lines;
}

export function cursorIndex(lines: MatrixLine[], cursor: string | undefined): number {
	if (lines.length === 0) return -1;
	const index = cursor ? lines.findIndex(line => line.key === cursor) : -1;
	return index === -1 ? 0 : index;
}

export function selectedLine(state: ExplorerState, lines = visibleLines(state)): MatrixLine | undefined {
	const index = cursorIndex(lines, state.view.cursor);
	return index === -1 ? undefined : lines[index];
}

/** The check the detail pane shows for a row: the user's pick, else the row's worst. */
export function selectedCheckIndex(summary: RowSummary, view: ViewState, rowId: string): number {
	if (summary.checks.length === 0) return 0;
	if (view.checkChoice?.row === rowId) return Math.min(view.checkChoice.index, summary.checks.length - 1);
	return summary.leadIndex;
}

export function verdictCounts(checks: Record<string, CheckState>): RunSummary {
	const counts = emptySummary();
	for (const state of Object.values(checks)) {
		if (state.result) counts[state.result.verdict]++;
	}

	return counts;
}

/** The differences the Diff tab lists, in order: findings first, noise last (or hidden). */
export function visibleDifferences(differences: Difference[], hideNoise: boolean): Difference[] {
	const kept = hideNoise ? differences.filter(difference => !difference.noise) : differences;
	return [...kept].sort((a, b) => Number(a.noise) - Number(b.noise));
}

/** Check ids whose latest verdict is a problem (for `f`). */
export function problemCheckIds(checks: Record<string, CheckState>): string[] {
	return Object.values(checks)
		.filter(state => state.result && problemVerdicts.has(state.result.verdict))
		.map(state => state.id);
}
