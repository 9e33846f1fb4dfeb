// A resolved target: where it is, how to authenticate, and a keep-alive connection pool of its own.
import {readFileSync} from 'node:fs';
import {rootCertificates} from 'node:tls';
import {Agent, type Dispatcher} from 'undici';
import {ConfigError} from '../errors.js';
import {describeFsError} from '../files/durable-write.js';
import type {Side} from '../domain.js';
import type {OtlpReceiver} from '../shared/otlp-receiver.js';
import type {Profile, TargetSpec} from './profile-schema.js';

export type Target = {
	side: Side;
	url: string;
	key?: string;
	adminKey?: string;
	headers: Record<string, string>;
	/** Put before every proxy path; validated by checkPathPrefix (starts with /, never changes the host). */
	pathPrefix: string;
	/** Polled by the explorer's health dots (after the prefix). */
	healthPath?: string;
	spec: TargetSpec;
	dispatcher: Dispatcher;
	container?: {name: string; runtime: 'docker' | 'podman'};
	upstream?: string;
	/** The MLflow tracking server the candidate logs to (the MLflow row). */
	mlflow?: string;
	/** The tool's OTLP receiver for this target's traces, when the profile gives otlpPort. */
	otlp?: OtlpReceiver;
};

export type TargetPair = Record<Side, Target>;

const caFiles = new Map<string, Buffer>();

/** How to trust the target's certificate: tls.ca (a PEM file) added to the system CAs, or tls.insecure. */
export function tlsConnectOptions(spec: TargetSpec): {ca?: Array<string | Buffer>; rejectUnauthorized?: boolean} | undefined {
	if (spec.tls?.insecure) return {rejectUnauthorized: false};
	const file = spec.tls?.ca;
	if (!file) return undefined;
	let ca = caFiles.get(file);
	if (!ca) {
		try {
			ca = readFileSync(file);
		} catch (error) {
			throw new ConfigError(`cannot read the CA file '${file}': ${describeFsError(error)}`, {path: 'tls.ca'});
		}

		caFiles.set(file, ca);
	}

	return {ca: [...rootCertificates, ca]};
}

export function createDispatcher(spec: TargetSpec, connections = 16): Dispatcher {
	return new Agent({
		connections,
		// Below uvicorn's 5 s idle timeout (the real LiteLLM server): a socket the server may be closing is never reused.
		keepAliveTimeout: 4_000,
		// Every HTTP check trusts what the TLS row trusts.
		connect: tlsConnectOptions(spec),
		// Redirects are reported, not followed: a redirect loop must not hang a check.
		maxRedirections: 0,
	} as Agent.Options);
}

export type RequestBase = 'proxy' | 'mlflow' | 'upstream';

export function targetUrl(target: Target, path: string, base: RequestBase = 'proxy'): URL {
	if (base !== 'proxy') {
		const root = base === 'mlflow' ? target.mlflow : target.upstream;
		if (!root) throw new Error(`no ${base} URL configured for ${target.side}`);
		return new URL(`${root.replace(/\/+$/, '')}${path}`);
	}

	const root = target.url.replace(/\/+$/, '');
	const prefix = target.pathPrefix.replace(/\/+$/, '');
	return new URL(`${root}${prefix}${path}`);
}

export type ProfileWithTargets = {profile: Profile; targets: TargetPair};
