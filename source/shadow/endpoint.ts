// Where the shadow proxy sends a target's requests: its origin, the path before every request path (the URL's own
// path and the profile's prefix) and a keep-alive agent trusting what the profile says. The client path and the
// mirror both reach their targets through this.
import {Agent, type Dispatcher} from 'undici';
import {tlsConnectOptions, type Target} from '../targets/target.js';

export type Endpoint = {origin: string; basePath: string; dispatcher: Dispatcher};

/** `connections: null` leaves the agent unbounded (the client path); the mirror bounds it to its in-flight limit. */
export function endpointOf(target: Pick<Target, 'url' | 'pathPrefix' | 'spec'>, connections: number | null): Endpoint {
	const url = new URL(target.url);
	const basePath = (url.pathname.replace(/\/+$/, '') + target.pathPrefix.replace(/\/+$/, '')).replace(/^\/$/, '');
	const dispatcher = new Agent({connections, keepAliveTimeout: 10_000, connect: tlsConnectOptions(target.spec)});
	return {origin: url.origin, basePath, dispatcher};
}
