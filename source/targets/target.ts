// A resolved target: where it is, how to authenticate, and a keep-alive connection pool of its own.
import {Agent, type Dispatcher} from 'undici';
import type {Side} from '../domain.js';
import type {OtlpReceiver} from '../probes/otlp-receiver.js';
import type {Profile, TargetSpec} from './profile-schema.js';

export type Target = {
	side: Side;
	url: string;
	key?: string;
	adminKey?: string;
	headers: Record<string, string>;
	pathPrefix: string;
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

export function createDispatcher(spec: TargetSpec, connections = 16): Dispatcher {
	return new Agent({
		connections,
		keepAliveTimeout: 10_000,
		connect: spec.tls?.insecure ? {rejectUnauthorized: false} : undefined,
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
