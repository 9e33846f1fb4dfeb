// Small text helpers for fixed-width terminal layout: fit, pad, milliseconds, deltas, values and wrapped lines.
import {verdicts, type RunEvent} from '../domain.js';

/** Cut or pad to exactly `width` columns (one column per code point; the TUI draws no wide characters itself). */
export function fit(text: string, width: number): string {
	if (width <= 0) return '';
	const chars = [...text];
	if (chars.length > width) return width === 1 ? '…' : chars.slice(0, width - 1).join('') + '…';
	return text + ' '.repeat(width - chars.length);
}

export function fitStart(text: string, width: number): string {
	if (width <= 0) return '';
	const chars = [...text];
	if (chars.length > width) return '…' + chars.slice(chars.length - width + 1).join('');
	return ' '.repeat(width - chars.length) + text;
}

export function clip(text: string, width: number): string {
	const chars = [...text];
	return chars.length > width ? (width <= 1 ? '…' : chars.slice(0, width - 1).join('') + '…') : text;
}

export function ms(value: number | undefined): string {
	if (value === undefined || Number.isNaN(value)) return '—';
	if (value >= 10_000) return `${(value / 1000).toFixed(1)}s`;
	return `${Math.round(value)}ms`;
}

/** Candidate minus baseline, signed, in milliseconds. */
export function delta(baseline: number | undefined, candidate: number | undefined): string {
	if (baseline === undefined || candidate === undefined) return '';
	const difference = Math.round(candidate - baseline);
	return difference === 0 ? '±0' : difference > 0 ? `+${difference}` : `${difference}`;
}

/** One-line rendering of any JSON value, bounded. */
export function showValue(value: unknown, width = 60): string {
	if (value === undefined) return '—';
	let text: string;
	if (typeof value === 'string') text = JSON.stringify(value);
	else {
		try {
			text = JSON.stringify(value) ?? String(value);
		} catch {
			text = String(value);
		}
	}

	return clip(text.replace(/\s+/g, ' '), width);
}

/** Hard-wrap text to `width` columns, keeping explicit line breaks. */
export function wrapLines(text: string, width: number): string[] {
	if (width <= 0) return [];
	const lines: string[] = [];
	for (const paragraph of text.split('\n')) {
		const chars = [...paragraph.replace(/\t/g, '  ').replace(/[\u0000-\u001F\u007F]/g, '')];
		if (chars.length === 0) {
			lines.push('');
			continue;
		}

		for (let start = 0; start < chars.length; start += width) lines.push(chars.slice(start, start + width).join(''));
	}

	return lines;
}

/** Wrap text to `width` columns between words; a word longer than a line (a path, a URL) is broken, never cut. */
export function wordWrap(text: string, width: number): string[] {
	if (width <= 0) return [];
	const lines: string[] = [];
	let line = '';
	for (const word of text.replace(/[\u0000-\u001F\u007F]/g, ' ').split(' ')) {
		let rest = [...word];
		const room = line === '' ? width : width - [...line].length - 1;
		if (rest.length <= room) {
			line = line === '' ? word : `${line} ${word}`;
			continue;
		}

		if (line !== '') lines.push(line);
		line = '';
		while (rest.length > width) {
			lines.push(rest.slice(0, width).join(''));
			rest = rest.slice(width);
		}

		line = rest.join('');
	}

	if (line !== '' || lines.length === 0) lines.push(line);
	return lines;
}

/** The last `count` wrapped lines of a text (what a growing stream lane shows). */
export function tailLines(text: string, width: number, count: number): string[] {
	if (count <= 0) return [];
	// Only the end matters: wrap a bounded tail so long streams stay cheap.
	const tail = text.length > width * count * 2 ? text.slice(-(width * count * 2)) : text;
	const lines = wrapLines(tail, width);
	return lines.slice(-count);
}

/** Pretty JSON (or the raw text) as lines, stopping early once `limit` lines exist. */
export function prettyLines(value: unknown, fallbackText: string | undefined, limit = 2000): string[] {
	let text: string;
	if (value !== undefined) {
		try {
			text = JSON.stringify(value, null, 2) ?? String(value);
		} catch {
			text = String(value);
		}
	} else {
		text = fallbackText ?? '';
	}

	const lines = text.split('\n');
	if (lines.length <= limit) return lines;
	return [...lines.slice(0, limit), `… ${lines.length - limit} more lines`];
}

export function summaryLine(label: string, event: Extract<RunEvent, {type: 'run-finished'}>): string {
	const counts = verdicts.filter(verdict => event.summary[verdict] > 0).map(verdict => `${event.summary[verdict]} ${verdict}`);
	const seconds = (event.durationMs / 1000).toFixed(1);
	if (event.cancelled) return `${label} cancelled after ${seconds}s: ${counts.join(', ') || 'nothing finished'}`;
	return `${label} finished in ${seconds}s: ${counts.join(', ') || 'no checks'}`;
}
