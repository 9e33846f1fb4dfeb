// The shared vocabulary of DESIGN.md as types: sides, verdicts, observations, differences, results, run events.
// Everything in the core speaks these; the UI and the reporters only consume them.

export const sides = ['baseline', 'candidate'] as const;
export type Side = (typeof sides)[number];

export const verdicts = ['parity', 'gap', 'drift', 'bonus', 'both-fail', 'expected', 'skipped', 'error'] as const;
export type Verdict = (typeof verdicts)[number];

/**
 * The one order of severity, worst first: "the worst verdict of a row" everywhere (explorer, reports, history).
 * A skipped check never hides what the other checks of its row found, so it ranks last.
 */
export const verdictSeverity: readonly Verdict[] = ['error', 'gap', 'both-fail', 'drift', 'expected', 'bonus', 'parity', 'skipped'];

/** Higher is worse (error highest, skipped 0). */
export const verdictRank: Readonly<Record<Verdict, number>> = Object.fromEntries(verdictSeverity.map((verdict, index) => [verdict, verdictSeverity.length - 1 - index])) as Record<Verdict, number>;

/** The worst of some verdicts (undefined for none): the verdict a row shows for its checks. */
export function worstVerdict(list: Iterable<Verdict>): Verdict | undefined {
	let worst: Verdict | undefined;
	for (const verdict of list) if (worst === undefined || verdictRank[verdict] > verdictRank[worst]) worst = verdict;
	return worst;
}

/** A row's verdict from its checks' results: the worst; `skipped` when nothing ran. */
export function rowVerdict(results: ReadonlyArray<{verdict: Verdict}>): Verdict {
	return worstVerdict(results.map(result => result.verdict)) ?? 'skipped';
}

/** Verdicts that make a headless run fail unless a profile says otherwise. */
export const failingVerdicts: readonly Verdict[] = ['gap', 'drift', 'both-fail', 'error'];

export type Timing = {
	/** Milliseconds until the response headers arrived. */
	headersMs?: number;
	/** Milliseconds until the first body byte (or the first SSE token for streams). */
	firstByteMs?: number;
	/** Milliseconds until the body was fully read. */
	totalMs: number;
};

export type StreamObservation = {
	/** Parsed `data:` frames (JSON when it parses, the raw string otherwise), excluding `[DONE]`. */
	chunks: unknown[];
	/** Whether the stream ended with `data: [DONE]`. */
	done: boolean;
	/** Milliseconds from request start to the first frame that carries content. */
	ttftMs?: number;
	/** Concatenated delta text (chat) or text (completions). */
	text: string;
	/** The usage object of the last chunk that carried one. */
	usage?: unknown;
	/** A mid-stream error frame, if any. */
	errorFrame?: unknown;
};

export type ExecObservation = {
	command: string[];
	exitCode?: number;
	stdout: string;
	stderr: string;
	timedOut?: boolean;
	/** After a timeout or cancel: how many of the command's processes were killed inside the container. */
	killedInside?: number;
	/** After a timeout or cancel: why the command's processes could not be killed inside the container. */
	killFailed?: string;
};

export type StepObservation = {
	name: string;
	status?: number;
	latencyMs?: number;
	ok: boolean;
	error?: string;
	cleanup?: boolean;
};

/** What one probe saw on one target. */
export type Observation = {
	side: Side;
	/** False when the tool could not get an answer at all (refused, reset, timeout, bad URL). */
	reached: boolean;
	status?: number;
	headers: Record<string, string>;
	contentType?: string;
	/** The parsed JSON body, or for streams and sequences a synthetic JSON view of what was seen. */
	body?: unknown;
	/** The body as text, sliced to a bounded size (for display). */
	bodyText?: string;
	bytes?: number;
	timing: Timing;
	/** All latency samples taken (ms), when the check asked for several. */
	samples?: number[];
	stream?: StreamObservation;
	exec?: ExecObservation[];
	steps?: StepObservation[];
	/** Facts a probe collected (exec, TLS, load figures), shown side by side. */
	facts?: Record<string, unknown>;
	/** Transport-level error in plain words (refused, timeout, reset…). */
	error?: string;
	/** The side was not probed, with why. */
	skipped?: string;
};

export type DifferenceKind =
	| 'status'
	| 'missing'
	| 'extra'
	| 'type'
	| 'value'
	| 'header'
	| 'latency'
	| 'expectation'
	| 'fact';

export type Difference = {
	path: string;
	kind: DifferenceKind;
	baseline?: unknown;
	candidate?: unknown;
	/** Also differs between two baseline samples: not a finding. */
	noise: boolean;
	/** Set when a profile or check entry acknowledges this difference. */
	expectedReason?: string;
};

export type AssertionOutcome = {
	description: string;
	passed: boolean;
	actual?: unknown;
	/** Where the assert is written (check file:line), for a failing assert. */
	at?: string;
};

export type SideResult = {
	/** The side met every expectation of the check. */
	ok: boolean;
	status?: number;
	latencyMs?: number;
	error?: string;
	failures: AssertionOutcome[];
	skipped?: string;
	/** The plan's absolute targets (rate>100, p(50)<50 …) on this side, met or missed: reported, never the verdict. */
	targets?: Array<{target: string; met: boolean; actual?: unknown}>;
};

export type CheckResult = {
	category: string;
	row: string;
	feature: string;
	check: string;
	title: string;
	verdict: Verdict;
	reason?: string;
	baseline: SideResult;
	candidate: SideResult;
	differences: Difference[];
	durationMs: number;
	/** Compact facts each side's probe measured (container facts, load figures), for reports and history. */
	facts?: Partial<Record<Side, Record<string, unknown>>>;
	/** The latency phase's figures: interleaved pairs, medians and spreads, the limit and the noise margin. */
	latency?: LatencyFigures;
};

/** What the latency phase measured on a check's interleaved pairs (compare/latency.ts judges them). */
export type LatencyFigures = {
	pairs: number;
	baselineMedianMs: number;
	candidateMedianMs: number;
	baselineSpreadMs: number;
	candidateSpreadMs: number;
	limitMs: number;
	noiseMarginMs: number;
	slowerPairs: number;
	/** Sample count and spread in words, for the reason. */
	summary: string;
};

export type CheckRef = {
	category: string;
	categoryTitle: string;
	row: string;
	feature: string;
	check: string;
	title: string;
	probe: string;
};

export type TargetInfo = {url: string; label?: string};

export type RunSummary = Record<Verdict, number>;

export type SideProgress =
	| {kind: 'headers'; status: number; atMs: number}
	| {kind: 'chunk'; index: number; text: string; atMs: number}
	| {kind: 'step'; name: string; status?: number; ok: boolean}
	| {kind: 'load'; completed: number; total?: number; rps: number; elapsedMs: number; durationMs?: number}
	| {kind: 'note'; message: string};

/** Something about the run as a whole that every output shows: stale or expired expected differences. */
export type RunNotice = {kind: 'stale-expected' | 'expired-expected'; id: string; message: string};

/** The LiteLLM version each side reports (readiness litellm_version or the x-litellm-version header). */
export type SideVersions = Partial<Record<Side, string>>;

export type RunEvent =
	| {type: 'run-started'; runId: string; startedAt: string; profile: string; targets: Record<Side, TargetInfo>; checks: CheckRef[]; versions?: SideVersions}
	| {type: 'check-started'; check: string}
	| {type: 'side-progress'; check: string; side: Side; progress: SideProgress}
	| {type: 'side-finished'; check: string; side: Side; observation: Observation}
	| {type: 'check-finished'; check: string; result: CheckResult; observations: Partial<Record<Side, Observation>>}
	| {
			type: 'run-finished';
			finishedAt: string;
			durationMs: number;
			cancelled: boolean;
			summary: RunSummary;
			results: CheckResult[];
			/** Versions as seen by the end of the run (pre-flight, then answers' headers and readiness bodies). */
			versions?: SideVersions;
			notices?: RunNotice[];
	  };

export function emptySummary(): RunSummary {
	return Object.fromEntries(verdicts.map(verdict => [verdict, 0])) as RunSummary;
}
