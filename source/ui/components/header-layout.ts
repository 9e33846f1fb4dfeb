// What the header says at a given width, as plain segments (text + style), decided before anything is drawn. Each
// line is tried in a few forms, fullest first, and the first that fits is drawn: lower-priority parts are dropped or
// abbreviated on purpose (the origin, the URL's scheme and host, zero counts, verdict words) so that no word is ever
// cut by the terminal's edge. Pure: the same props and width give the same lines.
import {sides, verdicts, type RunSummary, type Side, type SideVersions, type Verdict} from '../../domain.js';
import type {Liveness} from '../../targets/health.js';
import type {GatewayIdentity} from '../../targets/identify.js';
import {redact} from '../../targets/secrets.js';
import type {ExplorerState} from '../model/state.js';
import {theme, verdictStyle} from '../theme.js';

export type Segment = {text: string; color?: string; bold?: boolean};

/** The explorer's connection, targets, health and run as the state keeps them, and what the header adds to them. */
export type HeaderInput = Pick<ExplorerState, 'connection' | 'targets' | 'health' | 'run'> & {
	profileName?: string;
	origin?: string;
	dirty?: boolean;
	counts: RunSummary;
	/** The LiteLLM version each side reports (pre-flight, run events). */
	versions?: SideVersions;
	/** Who answers like LiteLLM, from the last pre-flight (absent on the openai flavour or before one). */
	identity?: GatewayIdentity;
};

export const segmentsWidth = (segments: Segment[]) => segments.reduce((total, segment) => total + [...segment.text].length, 0);

/** A few words for the header; the full reason is in the health check's error. */
export function shortReason(error: string | undefined): string {
	if (!error) return 'down';
	if (/ECONNREFUSED|refused/i.test(error)) return 'refused';
	if (/timeout|no answer|ETIMEDOUT/i.test(error)) return 'timeout';
	if (/ENOTFOUND|EAI_AGAIN/i.test(error)) return 'unknown host';
	if (/^HTTP \d+$/.test(error)) return error;
	return 'down';
}

function targetDetail(liveness: Liveness | undefined): string {
	// Up is the green dot alone: a latency here would change with every poll and redraw an idle screen.
	return liveness && !liveness.ok ? shortReason(liveness.error) : '';
}

/** What each target turned out to be: the LiteLLM version it reports, or that it does not answer like LiteLLM. */
export function identityLabel(side: Side, versions: SideVersions | undefined, identity: GatewayIdentity | undefined): {text: string; stranger: boolean} | undefined {
	if (identity?.[side]?.litellm === false) return {text: 'not LiteLLM', stranger: true};
	const version = versions?.[side];
	return version ? {text: redact(`LiteLLM ${version}`), stranger: false} : undefined;
}

/** Cut text at a word boundary (with …) to at most `width` columns; a single over-long word becomes "…". */
export function clipWords(text: string, width: number): string {
	const chars = [...text];
	if (chars.length <= width) return text;
	if (width <= 1) return width === 1 ? '…' : '';
	const head = chars.slice(0, width - 1).join('');
	const cut = head.lastIndexOf(' ');
	return cut > 0 ? `${head.slice(0, cut).replace(/[\s·,:;-]+$/, '')}…` : '…';
}

const withoutScheme = (url: string) => url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/\/$/, '');

/**
 * A URL in at most `budget` columns: whole, then without its scheme, then the host name's last labels with the port
 * (what tells two local targets apart): `…example.com:4000`, then the port alone: `:4000`.
 */
export function shortUrl(url: string, budget: number): string {
	if ([...url].length <= budget) return url;
	const bare = withoutScheme(url);
	if ([...bare].length <= budget) return bare;
	const port = /:\d+(?=\/|$)/.exec(bare);
	// A host name loses its leading labels (…example.com:4000); an IP address is no help cut, only its port is.
	for (let index = 1; index < bare.length; index++) {
		const tail = bare.slice(index);
		const label = bare[index - 1] === '.' && /^[a-z]/i.test(tail) && !/^(?:\d+\.){3}\d+/.test(bare);
		if (label && [...tail].length + 1 <= budget) return `…${tail}`;
	}

	return port ? port[0] : '…';
}

/** How each side's identity is said: per side, once for both when equal, only "not LiteLLM", or not at all. */
type TargetForm = {origin: boolean; title: boolean; scheme: boolean; identity: 'side' | 'merged' | 'strangers' | 'none'; short: boolean};

/** The segments of both targets; `budget` is each URL's room in the short form (0: the URLs are left out). */
function targetSegments(input: HeaderInput, form: TargetForm, budget: number): Segment[] {
	const segments: Segment[] = [];
	const labels = {baseline: identityLabel('baseline', input.versions, input.identity), candidate: identityLabel('candidate', input.versions, input.identity)};
	const same = labels.baseline && labels.candidate && !labels.baseline.stranger && labels.baseline.text === labels.candidate.text;
	const merged = form.identity === 'merged' && same;
	for (const side of sides) {
		if (side === 'candidate') segments.push({text: ' ⇄ '});
		const liveness = input.health[side];
		segments.push({text: liveness ? '●' : '○', color: liveness ? (liveness.ok ? theme.health.ok : theme.health.down) : theme.health.unknown});
		segments.push({text: ' '}, {text: side, color: theme.side[side]});
		// A URL may carry credentials (user:key@host, ?key=…): shown scrubbed like everything else.
		const full = redact(input.targets?.[side].url ?? '…');
		const url = form.short ? (budget > 0 ? shortUrl(full, budget) : '') : form.scheme ? full : withoutScheme(full);
		if (url) segments.push({text: ` ${url}`});
		const detail = targetDetail(liveness);
		if (detail) segments.push({text: ` ${detail}`, color: liveness?.ok ? theme.dim : theme.error});
		const label = labels[side];
		const wanted = form.identity === 'side' || form.identity === 'merged' || (form.identity === 'strangers' && label?.stranger);
		if (label && wanted && !merged) segments.push({text: ` ${label.text}`, color: label.stranger ? theme.warn : theme.dim});
	}

	if (merged && labels.baseline) segments.push({text: ` · ${labels.baseline.text}`, color: theme.dim});
	return segments;
}

function nameSegments(input: HeaderInput, form: {origin: boolean; title: boolean}): Segment[] {
	const profile = input.profileName ? `${input.profileName}${input.dirty ? '*' : ''}` : 'starting…';
	const segments: Segment[] = [];
	if (form.title) segments.push({text: 'litellm-parity', color: theme.title, bold: true}, {text: ' · '});
	segments.push({text: 'profile '}, {text: profile, bold: true});
	if (form.origin && input.origin) segments.push({text: ` (${clipWords(input.origin, 40)})`, color: theme.dim});
	segments.push({text: '   '});
	return segments;
}

/** The first line: the profile and both targets with their health and identity, in the fullest form that fits. */
export function targetLine(input: HeaderInput, width: number): Segment[] {
	if (input.connection.phase !== 'open') {
		const name = nameSegments(input, {origin: false, title: true});
		const failed = input.connection.phase === 'failed';
		const message = failed ? 'targets not open (see the detail pane)' : redact(input.connection.message ?? 'starting…');
		const room = width - segmentsWidth(name);
		return [...name, {text: clipWords(message, Math.max(0, room)), color: failed ? theme.error : theme.warn}];
	}

	const forms: TargetForm[] = [];
	for (const identity of ['side', 'merged'] as const) forms.push({origin: true, title: true, scheme: true, identity, short: false});
	for (const identity of ['side', 'merged'] as const) forms.push({origin: false, title: true, scheme: true, identity, short: false});
	for (const identity of ['side', 'merged'] as const) forms.push({origin: false, title: true, scheme: false, identity, short: false});
	// Short URLs: the identity stays before the title does.
	for (const identity of ['merged', 'strangers', 'none'] as const) for (const title of [true, false]) forms.push({origin: false, title, scheme: false, identity, short: true});
	let last: Segment[] = [];
	for (const form of forms) {
		const name = nameSegments(input, form);
		// The short form shares what is left after the fixed parts between the two URLs (each after a space).
		const budget = form.short ? Math.floor((width - segmentsWidth([...name, ...targetSegments(input, form, 0)])) / 2) - 1 : 0;
		const segments = [...name, ...targetSegments(input, form, budget)];

		last = segments;
		if (segmentsWidth(segments) <= width) return segments;
	}

	return last;
}

/** The second line: the verdict counts (all, then only those above zero, then as symbols) and the run's progress. */
export function countsLine(input: Pick<HeaderInput, 'counts' | 'run'>, width: number): Segment[] {
	const {counts, run} = input;
	const progress = (label: boolean): Segment[] => {
		if (!run) return [];
		if (run.cancelling) return [{text: 'cancelling…', color: theme.warn}];
		const figures = `${run.finished}/${run.total || '…'}`;
		return [{text: label ? `${run.label}: ${figures}` : figures, color: theme.warn}];
	};

	const shown = verdicts.filter(verdict => counts[verdict] > 0);
	const worded = (list: readonly Verdict[]): Segment[] =>
		list.map(verdict => {
			const {symbol, color} = verdictStyle(verdict);
			return {text: `${symbol} ${counts[verdict]} ${verdict}  `, color: counts[verdict] > 0 ? color : theme.dim};
		});
	const compact: Segment[] = shown.map(verdict => {
		const {symbol, color} = verdictStyle(verdict);
		return {text: `${symbol}${counts[verdict]} `, color};
	});
	// Before any verdict (and no run in flight) the line says so instead of eight zeros.
	const none: Segment[] = shown.length === 0 && !run ? [{text: 'no verdicts yet', color: theme.dim}] : [];
	const spaced = (segments: Segment[]): Segment[] => (segments.length > 0 && run ? [...segments, {text: ' '}] : segments);
	const forms: Segment[][] = [
		[...worded(verdicts), ...progress(true)],
		[...none, ...worded(shown), ...progress(true)],
		[...none, ...spaced(compact), ...progress(true)],
		[...none, ...spaced(compact), ...progress(false)],
		[...none, ...compact],
	];
	return forms.find(form => segmentsWidth(form) <= width) ?? forms.at(-1)!;
}

/** The banner above the header: the version banner and the gateway notice, each wrapped to at most two lines. */
export function bannerTexts(versionBanner: string | undefined, gatewayNotice: string | undefined): string[] {
	return [versionBanner, gatewayNotice].filter((text): text is string => Boolean(text)).map(text => `⚠ ${redact(text)}`);
}
