// Turn a profile into two live targets: resolve keys, build connection pools, and start the embedded simulators
// the profile asks for (stopped again by close()).
import type {Side} from '../domain.js';
import {ConfigError} from '../errors.js';
import {startOtlpReceiver, type OtlpReceiver} from '../shared/otlp-receiver.js';
import {checkPathPrefix} from './path-prefix.js';
import {defaultHealthPath} from './health.js';
import {flavourOf, type EmbeddedSpec, type Profile, type TargetSpec} from './profile-schema.js';
import {expandEnv, resolveHeaderValue, resolveSecret, shownUrl} from './secrets.js';
import {createDispatcher, type Target, type TargetPair} from './target.js';

export type OpenTargets = {targets: TargetPair; close(): Promise<void>};

/** A server started for the run and stopped by close(). */
export type StandIn = {url: string; close(): Promise<void>};

/** The simulator a profile's `embedded:` asks for, with the side's keys, its OTLP receiver and its upstream. */
export type EmbeddedRequest = Exclude<EmbeddedSpec, string> & {masterKey?: string; adminKeys?: string[]; otlpEndpoint?: string; upstream?: string};

/**
 * What starts the stand-ins a profile can ask for instead of real servers (`embedded:`, `upstream: embedded`,
 * `mlflowUrl: embedded`). The targets layer knows only their shape: the testbed provides them (source/testbed/index.ts),
 * and the commands and the explorer pass them in.
 */
export type StandIns = {
	simulator(request: EmbeddedRequest): Promise<StandIn>;
	upstream(): Promise<StandIn>;
	mlflow(): Promise<StandIn>;
};

export type OpenOptions = {env?: NodeJS.ProcessEnv; quietSimulators?: boolean; standIns?: StandIns};

/**
 * A target URL is scheme, host, port and path only. Credentials (user:pass@) and a query (often ?key=…) would be
 * sent to the server and shown in every report, and a fragment is never sent at all: all three are refused, and the
 * message never repeats what they held.
 */
export function validateUrl(value: string, where: string): string {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new ConfigError(`'${shownUrl(value)}' is not a URL; write it like http://127.0.0.1:4000`, {path: where});
	}

	if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`'${shownUrl(value)}' must start with http:// or https://`, {path: where});
	if (url.username || url.password) throw new ConfigError(`'${shownUrl(value)}' holds credentials (user:password@); remove them and give the key as key: \${env.NAME} (or --key-file)`, {path: where});
	if (url.search || value.includes('?')) throw new ConfigError(`'${shownUrl(value)}' has a query (?…); give only scheme, host, port and path (keys go in key: or headers:)`, {path: where});
	if (url.hash || value.includes('#')) throw new ConfigError(`'${shownUrl(value)}' has a fragment (#…); give only scheme, host, port and path`, {path: where});
	return value.replace(/\/+$/, '');
}

export async function openTargets(profile: Profile, options: OpenOptions = {}): Promise<OpenTargets> {
	const env = options.env ?? process.env;
	const standIns = (where: string): StandIns => {
		if (options.standIns) return options.standIns;
		throw new ConfigError('asks for an embedded stand-in, which only the litellm-parity commands start; give a URL instead', {path: where});
	};
	const closers: Array<() => Promise<void>> = [];
	// One embedded mock upstream serves both sides (upstream: embedded), so both proxies forward to the same thing.
	let embeddedUpstream: Promise<string> | undefined;
	const upstreamOf = async (spec: TargetSpec, where: string): Promise<string | undefined> => {
		if (spec.upstream === undefined) return undefined;
		if (spec.upstream !== 'embedded') return validateUrl(expandEnv(spec.upstream, {env, where}), where);
		const start = standIns(where);
		embeddedUpstream ??= start.upstream().then(upstream => {
			closers.push(() => upstream.close());
			return upstream.url;
		});
		return embeddedUpstream;
	};

	const open = async (side: Side, spec: TargetSpec): Promise<Target> => {
		const where = `profile '${profile.name}' ${side}`;
		const key = resolveSecret(spec.key, {env, where: `${where}.key`});
		const adminKey = resolveSecret(spec.adminKey, {env, where: `${where}.adminKey`});
		// Header values are secrets by position (gateway keys, tokens): registered, so they are masked wherever they appear.
		const headers = Object.fromEntries(Object.entries(spec.headers ?? {}).map(([name, value]) => [name, resolveHeaderValue(value, {env, where: `${where}.headers.${name}`}, name)]));
		let otlp: OtlpReceiver | undefined;
		if (spec.otlpPort !== undefined) {
			otlp = await startOtlpReceiver({port: spec.otlpPort}).catch((error: unknown) => {
				throw new ConfigError(`cannot open the OTLP receiver on port ${spec.otlpPort} (${(error as Error).message}); choose another otlpPort`, {path: `${where}.otlpPort`});
			});
			closers.push(() => otlp!.close());
		}

		const upstream = await upstreamOf(spec, `${where}.upstream`);
		let mlflow: string | undefined;
		if (spec.mlflowUrl === 'embedded') {
			const stand = await standIns(`${where}.mlflowUrl`).mlflow();
			closers.push(() => stand.close());
			mlflow = stand.url;
		} else if (spec.mlflowUrl) {
			mlflow = validateUrl(expandEnv(spec.mlflowUrl, {env, where: `${where}.mlflowUrl`}), `${where}.mlflowUrl`);
		}

		let url: string;
		if (spec.embedded) {
			const start = standIns(`${where}.embedded`);
			const embedded = typeof spec.embedded === 'string' ? {personality: spec.embedded} : spec.embedded;
			const handle = await start.simulator({...embedded, masterKey: key, adminKeys: adminKey ? [adminKey] : undefined, otlpEndpoint: otlp?.url, upstream});
			closers.push(() => handle.close());
			url = handle.url;
		} else {
			url = validateUrl(expandEnv(spec.url!, {env, where: `${where}.url`}), `${where}.url`);
		}

		let dispatcher;
		try {
			dispatcher = createDispatcher(spec);
		} catch (error) {
			throw error instanceof ConfigError ? new ConfigError(error.detail, {path: `${where}.tls.ca`}) : error;
		}

		// destroy, not close: close() waits for requests still in flight, and a hostile target may never finish one.
		closers.push(() => dispatcher.destroy());
		return {
			side,
			url,
			key,
			adminKey,
			headers,
			pathPrefix: checkPathPrefix(spec.pathPrefix, `${where}.pathPrefix`),
			healthPath: spec.healthPath ?? defaultHealthPath(flavourOf(profile)),
			spec,
			dispatcher,
			container: spec.container ? {name: spec.container.name, runtime: spec.container.runtime} : undefined,
			upstream,
			mlflow,
			otlp,
		};
	};

	const close = async () => {
		await Promise.allSettled(closers.reverse().map(closer => closer()));
	};

	try {
		const baseline = await open('baseline', profile.baseline);
		const candidate = await open('candidate', profile.candidate);
		return {targets: {baseline, candidate}, close};
	} catch (error) {
		await close();
		throw error;
	}
}
