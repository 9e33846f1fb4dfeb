// What the shadow proxy (client path) and its mirror (a worker thread) say to each other. Everything here survives a
// structured clone: the mirror gets plain data, never functions, dispatchers or class instances.
import type {Verdict} from '../domain.js';
import type {ExpectedEntry} from '../targets/profile-schema.js';
import type {TargetSpec} from '../targets/profile-schema.js';
import type {ShadowExchange} from './exchange.js';
import type {DropCause} from './route-stats.js';
import type {RouteRulesData} from './rules.js';

/** Where and how a mirror request goes: the target's address and credentials, without its live dispatcher. */
export type MirrorTarget = {url: string; pathPrefix: string; key?: string; adminKey?: string; headers: Record<string, string>; spec: TargetSpec};

export type MirrorSettings = {
	baseline: MirrorTarget;
	candidate: MirrorTarget;
	rules: RouteRulesData;
	expected?: ExpectedEntry[];
	maxInFlight: number;
	maxQueue: number;
	candidateTimeoutMs: number;
	maxCompareBytes: number;
	maxRecordedBodyBytes: number;
	/** Secrets the client side knows (profile keys and headers): the mirror masks them in what it reports. */
	secrets: string[];
};

/** A captured answer as bytes and timings (the baseline's comes from the client path). */
export type CapturedAnswer = {status: number; headers: Record<string, string>; body: Uint8Array; headersMs: number; totalMs: number};

export type ToMirror =
	/** A client request to mirror; `noise` also sends it to the baseline a second time. */
	| {type: 'request'; id: number; route: string; method: string; path: string; headers: Record<string, string | string[]>; body?: Uint8Array; at: number; noise: boolean}
	/** The baseline's answer to request `id` as the client got it; absent when it failed or was too large to compare. */
	| {type: 'baseline'; id: number; answer?: CapturedAnswer}
	/** Build a full exchange for every judged request (a recorder or a view listens), not only the differing ones. */
	| {type: 'listening'; on: boolean}
	| {type: 'secrets'; secrets: string[]};

/** One mirrored request done: judged, or not compared (a side failed; `drop` says why when it was the candidate). */
export type MirrorDone = {
	type: 'done';
	id: number;
	route: string;
	/** The candidate's answer time and whether it was an error status; absent when it did not answer. */
	candidate?: {totalMs: number; error: boolean};
	drop?: DropCause;
	verdict?: Verdict;
	rule?: string;
	/** Differing exchanges always, all of them while someone listens; scrubbed and bounded. */
	exchange?: ShadowExchange;
	/** The route's learned noise paths, when they changed. */
	noisePaths?: string[];
};
