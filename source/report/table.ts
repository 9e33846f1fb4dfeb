// The plain-text report: the matrix grouped by category, one line per check, then the verdict counts.
import type {CheckResult, Verdict} from '../domain.js';
import {verdicts} from '../domain.js';
import {redact} from '../targets/secrets.js';
import {headlines, type RunRecord} from './json.js';
import {safeRecord} from './safe-record.js';
import {verdictSymbol} from './symbols.js';

function pad(text: string, width: number): string {
	const length = [...text].length;
	return length >= width ? [...text].slice(0, width - 1).join('') + '…' : text + ' '.repeat(width - length);
}

function latency(ms: number | undefined): string {
	return ms === undefined ? '—' : `${Math.round(ms)}ms`;
}

/** Each side's one-line fact summary (container and measuring probes give one), so the table shows what was seen. */
function factLine(result: CheckResult): string | undefined {
	const parts = (['baseline', 'candidate'] as const).flatMap(side => {
		const summary = result.facts?.[side]?.summary;
		return typeof summary === 'string' && summary !== '' ? [`${side}: ${summary}`] : [];
	});
	return parts.length > 0 ? parts.join('  ⇄  ') : undefined;
}

export function renderTable(unsafe: RunRecord, {color = false}: {color?: boolean} = {}): string {
	const record = safeRecord(unsafe);
	const paint = (verdict: Verdict, text: string) => {
		if (!color) return text;
		const codes: Record<Verdict, number> = {parity: 32, gap: 31, drift: 33, bonus: 36, 'both-fail': 35, expected: 34, skipped: 90, error: 91};
		return `\u001B[${codes[verdict]}m${text}\u001B[39m`;
	};

	const lines: string[] = [];
	for (const line of headlines(record)) lines.push(color ? `\u001B[33m${line}\u001B[39m` : line);
	const version = (side: 'baseline' | 'candidate') => (record.versions?.[side] ? ` (LiteLLM ${record.versions[side]})` : '');
	lines.push(`litellm-parity · profile ${record.profile}${record.flavour ? ` (${record.flavour})` : ''} · baseline ${record.targets.baseline.url}${version('baseline')} ⇄ candidate ${record.targets.candidate.url}${version('candidate')}`);
	let category = '';
	for (const result of record.results) {
		if (result.category !== category) {
			category = result.category;
			lines.push('', category);
		}

		const statuses = `${result.baseline.status ?? '—'}|${result.candidate.status ?? '—'}`;
		const times = `${latency(result.baseline.latencyMs)}→${latency(result.candidate.latencyMs)}`;
		const head = `  ${verdictSymbol[result.verdict]} ${pad(result.verdict, 10)} ${pad(result.check, 46)} ${pad(statuses, 9)} ${pad(times, 16)}`;
		lines.push(paint(result.verdict, head) + (result.reason ? ` ${result.reason}` : ''));
		const facts = factLine(result);
		if (facts) lines.push(`      ${facts}`);
	}

	const counts = verdicts.filter(verdict => record.summary[verdict] > 0).map(verdict => paint(verdict, `${record.summary[verdict]} ${verdict}`));
	lines.push('', `${record.results.length} checks in ${(record.durationMs / 1000).toFixed(1)}s: ${counts.join(', ')}${record.cancelled ? ' (cancelled)' : ''}`);
	return redact(lines.join('\n')) + '\n';
}
