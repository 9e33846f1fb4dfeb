// The validation plan, filled in: its Feature Comparison Matrix with measured results in the same columns and
// category rows, then the LLMRouter, performance, database, caching, security and known-differences tables, and
// the gaps — ready to paste back into the plan.
import type {Catalog, CatalogCategory, CatalogRow} from '../catalog/catalog.js';
import {failingVerdicts, rowVerdict, type CheckResult, type Side, type Verdict} from '../domain.js';
import {redact} from '../targets/secrets.js';
import {headlines, rowVerdicts, type RunRecord} from './json.js';
import {safeRecord} from './safe-record.js';

// A row shows the worst verdict of its checks: the one ranking of domain.ts, shared with the explorer and history.
export {rowVerdict} from '../domain.js';

const statusWords: Record<Verdict, string> = {
	parity: '✅ Parity',
	expected: '✅ Expected difference',
	bonus: '✅ Candidate adds it',
	gap: '❌ Gap',
	drift: '⚠️ Drift',
	'both-fail': '❌ Fails on both',
	error: '❌ Not run (error)',
	skipped: '⏳ Not tested',
};

function cell(text: string): string {
	return text.replaceAll('|', '\\|').replaceAll('\n', ' ');
}

function sideMark(results: CheckResult[], side: Side): string {
	const ran = results.filter(result => !result[side].skipped);
	if (ran.length === 0) return '⏳';
	return ran.every(result => result[side].ok) ? '✅' : '❌';
}

function latency(results: CheckResult[], side: Side): string | undefined {
	const values = results.map(result => result[side].latencyMs).filter((value): value is number => value !== undefined);
	if (values.length === 0) return undefined;
	return `${Math.round(values.reduce((a, b) => a + b, 0) / values.length)} ms`;
}

function rowNotes(row: CatalogRow, results: CheckResult[], verdict: Verdict): string {
	const parts: string[] = [];
	if (row.notes) parts.push(row.notes);
	const b = latency(results, 'baseline');
	const c = latency(results, 'candidate');
	if (b || c) parts.push(`${b ?? '—'} → ${c ?? '—'}`);
	const reasons = [...new Set(results.filter(result => result.verdict === verdict && result.reason).map(result => result.reason!))];
	if (reasons.length > 0 && verdict !== 'parity') parts.push(reasons.slice(0, 2).join('; '));
	return cell(parts.join(' · '));
}

type Context = {byRow: Map<string, CheckResult[]>};

function resultsFor(context: Context, row: CatalogRow): CheckResult[] {
	return context.byRow.get(row.id) ?? [];
}

function fact(results: CheckResult[], side: Side, names: string[]): string | undefined {
	for (const result of results) {
		const facts = result.facts?.[side];
		for (const name of names) {
			const value = facts?.[name];
			if (value !== undefined && value !== null && value !== '') return typeof value === 'object' ? JSON.stringify(value) : String(value);
		}
	}

	return undefined;
}

function coreMatrix(categories: CatalogCategory[], context: Context, liteLlm = true): string[] {
	const lines = [liteLlm ? '| Feature | Original LiteLLM | Our Container | Status | Notes |' : '| Feature | Baseline | Candidate | Status | Notes |', '|---------|------------------|---------------|--------|-------|'];
	for (const category of categories) {
		lines.push(`| **${cell(category.title)}** |`);
		for (const row of category.rows) {
			const results = resultsFor(context, row);
			const verdict = rowVerdict(results);
			const feature = row.feature.startsWith('/') ? `\`${row.feature}\`` : row.feature;
			lines.push(`| ${feature} | ${sideMark(results, 'baseline')} | ${sideMark(results, 'candidate')} | ${statusWords[verdict]} | ${rowNotes(row, results, verdict)} |`);
		}
	}

	return lines;
}

function llmrouterTable(category: CatalogCategory, context: Context): string[] {
	const lines = ['| Feature | Status | Notes |', '|---------|--------|-------|'];
	for (const row of category.rows) {
		const results = resultsFor(context, row);
		const verdict = rowVerdict(results);
		const status = verdict === 'bonus' ? '✅ Present in candidate' : verdict === 'gap' ? '❌ Missing in candidate' : statusWords[verdict];
		lines.push(`| ${cell(row.feature)} | ${status} | ${rowNotes(row, results, verdict)} |`);
	}

	return lines;
}

/** The one figure a performance row is about, with its unit. */
function measured(results: CheckResult[], side: Side): string {
	for (const result of results) {
		const facts = result.facts?.[side];
		if (!facts) continue;
		const number = (name: string) => (typeof facts[name] === 'number' ? Math.round((facts[name] as number) * 100) / 100 : undefined);
		if (number('coldStartSeconds') !== undefined) return `${number('coldStartSeconds')} s`;
		if (number('memoryMiB') !== undefined) return `${number('memoryMiB')} MiB`;
		if (number('cpuPercent') !== undefined) return `${number('cpuPercent')} %`;
		if (number('rate') !== undefined) return `${number('rate')} req/s (p95 ${Math.round(((facts.percentiles as Record<string, number> | undefined)?.['95'] ?? 0) * 10) / 10} ms)`;
		if (number('directP50') !== undefined) return `${number('med')} ms (p95 ${Math.round(((facts.percentiles as Record<string, number> | undefined)?.['95'] ?? 0) * 10) / 10} ms)`;
	}

	return results.some(result => !result[side].skipped) ? (results.every(result => result[side].ok) ? '✅' : '❌') : '—';
}

function performanceTable(category: CatalogCategory, context: Context): string[] {
	const lines = ['| Metric | Target | Test Method | Baseline | Candidate | Result |', '|--------|--------|-------------|----------|-----------|--------|'];
	for (const row of category.rows) {
		const results = resultsFor(context, row);
		const verdict = rowVerdict(results);
		lines.push(`| ${cell(row.feature)} | ${cell(row.plan?.target ?? '')} | ${cell(row.plan?.method ?? '')} | ${cell(measured(results, 'baseline'))} | ${cell(measured(results, 'candidate'))} | ${statusWords[verdict]}${results[0]?.reason && verdict !== 'parity' ? ` — ${cell(results[0].reason)}` : ''} |`);
	}

	return lines;
}

function checklist(category: CatalogCategory, context: Context): string[] {
	return category.rows.map(row => {
		const results = resultsFor(context, row);
		const verdict = rowVerdict(results);
		const done = verdict === 'parity' || verdict === 'expected' || verdict === 'bonus';
		const reason = results.find(result => result.verdict === verdict)?.reason;
		return `- [${done ? 'x' : ' '}] ${row.feature} — ${statusWords[verdict]}${reason && !done ? ` (${cell(reason)})` : ''}`;
	});
}

function securityTable(category: CatalogCategory, context: Context): string[] {
	const lines = ['| Check | Method | Expected | Baseline | Candidate | Result |', '|-------|--------|----------|----------|-----------|--------|'];
	for (const row of category.rows) {
		const results = resultsFor(context, row);
		const verdict = rowVerdict(results);
		const side = (name: Side) => cell(fact(results, name, ['user', 'shell', 'findings', 'protocol', 'summary']) ?? sideMark(results, name));
		const reason = results.find(result => result.verdict === verdict)?.reason;
		lines.push(`| ${cell(row.feature)} | ${cell(row.plan?.method ?? '')} | ${cell(row.plan?.expected ?? '')} | ${side('baseline')} | ${side('candidate')} | ${statusWords[verdict]}${reason ? ` — ${cell(reason)}` : ''} |`);
	}

	return lines;
}

function knownDifferencesTable(category: CatalogCategory, context: Context): string[] {
	const lines = ['| Area | Original LiteLLM | Our Container | Justification | Measured | Result |', '|------|------------------|---------------|---------------|----------|--------|'];
	for (const row of category.rows) {
		const results = resultsFor(context, row);
		const verdict = rowVerdict(results);
		const b = fact(results, 'baseline', ['summary', 'os', 'init', 'user', 'packageManager']);
		const c = fact(results, 'candidate', ['summary', 'os', 'init', 'user', 'packageManager']);
		const seen = b || c ? `${cell(b ?? '—')} vs ${cell(c ?? '—')}` : '—';
		lines.push(`| ${cell(row.feature)} | ${cell(row.plan?.baseline ?? '')} | ${cell(row.plan?.candidate ?? '')} | ${cell(row.plan?.expected ?? '')} | ${seen} | ${statusWords[verdict]} |`);
	}

	return lines;
}

function gapsSection(record: RunRecord): string[] {
	const findings = record.results.filter(result => failingVerdicts.includes(result.verdict));
	if (findings.length === 0) return ['No gaps: every check that ran is at parity, an acknowledged difference or a candidate addition.'];
	return findings.map(result => `- **${result.verdict}** \`${result.check}\` (${cell(result.feature)}): ${cell(result.reason ?? '')}`);
}

export function renderMarkdown(unsafe: RunRecord, catalog: Catalog): string {
	const record = safeRecord(unsafe);
	const context: Context = {byRow: new Map()};
	for (const result of record.results) context.byRow.set(result.row, [...(context.byRow.get(result.row) ?? []), result]);
	const ran = new Set(record.results.map(result => result.category));
	const categories = catalog.categories.filter(category => ran.has(category.id));
	const bySection = (section: string) => categories.filter(category => category.section === section);
	const find = (id: string) => categories.find(category => category.id === id);
	const counts = Object.entries(record.summary)
		.filter(([, count]) => count > 0)
		.map(([verdict, count]) => `${count} ${verdict}`)
		.join(', ');

	const out: string[] = [
		`# ${record.title ?? 'Validation Plan results: LiteLLM + LLMRouter vs Original LiteLLM'}`,
		'',
		...(record.description ? [record.description.trim(), ''] : []),
		...headlines(record).flatMap(line => [`> **${cell(line)}**`, '']),
		`Measured by litellm-parity on ${record.startedAt.slice(0, 10)} with profile \`${record.profile}\`: baseline ${record.targets.baseline.url}${record.versions?.baseline ? ` (LiteLLM ${record.versions.baseline})` : ''}, candidate ${record.targets.candidate.url}${record.versions?.candidate ? ` (LiteLLM ${record.versions.candidate})` : ''}. ${record.results.length} checks in ${(record.durationMs / 1000).toFixed(1)} s: ${counts}.`,
		'',
	];
	const liteLlm = record.flavour !== 'openai';
	if (bySection('core').length > 0) out.push('## Feature Comparison Matrix', '', liteLlm ? '### Core LiteLLM Proxy Features' : '### Core Gateway Features', '', ...coreMatrix(bySection('core'), context, liteLlm), '');
	// The LLMRouter table only where the candidate is said to have the additions (no flavour: as before).
	const llmrouter = record.flavour === undefined || record.flavour === 'litellm-llmrouter' ? find('llmrouter') : undefined;
	if (llmrouter) out.push('### LLMRouter Enhancements (Our Additions)', '', ...llmrouterTable(llmrouter, context), '');
	out.push('---', '', '## Validation Test Categories', '');
	const performance = find('performance');
	if (performance) out.push('### 2. Performance Comparison', '', ...performanceTable(performance, context), '');
	const database = find('database');
	if (database) out.push('### 3. Database Integration', '', '**Test Cases:**', ...checklist(database, context), '');
	const caching = find('caching');
	if (caching) out.push('### 4. Caching Validation', '', ...checklist(caching, context), '');
	const security = find('security');
	if (security) out.push('### 5. Security Validation', '', ...securityTable(security, context), '');
	const known = find('known-differences');
	if (known) out.push('## Known Differences', '', ...knownDifferencesTable(known, context), '');
	out.push('## Gaps', '', ...gapsSection(record), '');
	out.push('## Verdicts by row', '', '| Row | Feature | Verdict |', '|-----|---------|---------|', ...rowVerdicts(record.results).map(row => `| \`${row.row}\` | ${cell(row.feature)} | ${row.verdict} |`), '');
	return redact(out.join('\n'));
}
