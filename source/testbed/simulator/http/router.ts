// The route table: every route with its methods, access rule and handler. find-my-way matches paths; the table
// also answers /routes and /openapi.json, and tells 404 (no such path) from 405 (path exists, other method).
import Router from 'find-my-way';
import type {Sim} from '../context.js';
import type {Exchange} from './exchange.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';

/**
 * Who may call a route:
 * - public: nobody is asked for a key (LiteLLM's public routes, LLMRouter's discovery and probes)
 * - llm: a LiteLLM key; virtual keys allowed (the inference routes)
 * - info: a LiteLLM key; virtual keys allowed (read-only info routes)
 * - admin: a LiteLLM key with the proxy-admin role (the master key)
 * - control-plane: LLMRouter's admin key (X-Admin-API-Key or Bearer, checked against ADMIN_API_KEYS)
 */
export type Access = 'public' | 'llm' | 'info' | 'admin' | 'control-plane';

export type RouteSpec = {
	/** The FastAPI endpoint function name, as /routes shows it. */
	name: string;
	methods: Method[];
	/** FastAPI-style paths, `{param}` for parameters. */
	paths: string[];
	access: Access;
	/** An inference route: x-litellm-* headers, Prometheus counters, OTLP spans, injected latency by the handler. */
	llm?: boolean;
	/** include_in_schema=False: listed by /routes but not by /openapi.json. */
	hidden?: boolean;
	/** A Starlette mount (/metrics): served, but neither /routes nor /openapi.json lists it. */
	mount?: boolean;
	handle(exchange: Exchange, sim: Sim): Promise<void> | void;
};

export type RouteMatch = {spec: RouteSpec; params: Record<string, string>};

export type RouteLookup = {match: RouteMatch} | {allowed: Method[]} | {redirect: string} | {notFound: true};

const allMethods: Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function toFindMyWay(path: string): string {
	return path.replace(/\{([^}]+)\}/g, ':$1');
}

export class RouteTable {
	private readonly router = Router({ignoreTrailingSlash: false, caseSensitive: true});
	readonly specs: RouteSpec[] = [];

	add(...specs: RouteSpec[]): void {
		for (const spec of specs) {
			this.specs.push(spec);
			for (const path of spec.paths) this.router.on(spec.methods, toFindMyWay(path), () => undefined, spec);
		}
	}

	/** Like find-my-way's find, but an empty path parameter is no match (Starlette needs at least one character). */
	private find(method: Method, path: string): RouteMatch | undefined {
		const found = this.router.find(method, path);
		if (!found) return undefined;
		const params = Object.fromEntries(Object.entries(found.params).map(([key, value]) => [key, value ?? '']));
		return Object.values(params).includes('') ? undefined : {spec: found.store as RouteSpec, params};
	}

	lookup(method: string, path: string): RouteLookup {
		const match = allMethods.includes(method as Method) ? this.find(method as Method, path) : undefined;
		if (match) return {match};
		const allowed = allMethods.filter(other => this.find(other, path));
		if (allowed.length > 0) return {allowed};
		// FastAPI's redirect_slashes: the other spelling of the path exists → 307 there.
		const other = path.endsWith('/') ? path.replace(/\/+$/, '') : `${path}/`;
		if (other && other !== path && allMethods.some(candidate => this.find(candidate, other))) return {redirect: other};
		return {notFound: true};
	}

	/** The /routes listing: one entry per path, FastAPI style. */
	listing(): Array<{path: string; methods: Method[]; name: string; endpoint: string}> {
		return this.specs.filter(spec => !spec.mount).flatMap(spec => spec.paths.map(path => ({path, methods: spec.methods, name: spec.name, endpoint: spec.name})));
	}
}
