// The whole route surface: each side's published route list (/openapi.json where served, else LiteLLM's /routes) as a
// set of "METHOD /path". Routes the candidate dropped are findings; routes it added are listed, not judged. Bounded:
// the body cap and the check's deadline hold, and at most maxRoutes routes are kept per side.
import type {RequestSpec} from '../catalog/schema.js';
import type {Observation} from '../domain.js';
import {exchangeOnce} from './http.js';
import type {Probe} from './types.js';

export const maxRoutes = 5000;
/** Routes named in a summary or fact list before "… and N more". */
const listed = 40;

const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** OpenAPI `paths` → "METHOD /path" entries. */
export function routesFromOpenApi(document: unknown): string[] | undefined {
	const paths = (document as {paths?: unknown} | undefined)?.paths;
	if (!paths || typeof paths !== 'object' || Array.isArray(paths)) return undefined;
	const out: string[] = [];
	for (const [path, item] of Object.entries(paths as Record<string, unknown>)) {
		if (!item || typeof item !== 'object') continue;
		for (const method of Object.keys(item)) if (methods.includes(method.toLowerCase())) out.push(`${method.toUpperCase()} ${path}`);
	}

	return out;
}

/** LiteLLM's /routes: {routes: [{path, methods: [...]}, …]}. */
export function routesFromLiteLlm(document: unknown): string[] | undefined {
	const routes = (document as {routes?: unknown} | undefined)?.routes;
	if (!Array.isArray(routes)) return undefined;
	const out: string[] = [];
	for (const route of routes as Array<{path?: unknown; methods?: unknown}>) {
		if (typeof route?.path !== 'string') continue;
		const list = Array.isArray(route.methods) ? route.methods.filter((method): method is string => typeof method === 'string') : ['GET'];
		for (const method of list) out.push(`${method.toUpperCase()} ${route.path}`);
	}

	return out;
}

type Source = {path: string; read: (document: unknown) => string[] | undefined};
const sources: Source[] = [
	{path: '/openapi.json', read: routesFromOpenApi},
	{path: '/routes', read: routesFromLiteLlm},
];

function shortList(routes: string[]): string {
	return routes.length > listed ? `${routes.slice(0, listed).join(', ')} … and ${routes.length - listed} more` : routes.join(', ');
}

export const routesProbe: Probe = async context => {
	const tried: string[] = [];
	let last: Observation | undefined;
	for (const source of sources) {
		const spec: RequestSpec = {method: 'GET', base: 'proxy', path: source.path, auth: 'key', llm: false};
		const observation = await exchangeOnce(context, spec);
		last = observation;
		if (!observation.reached) return observation;
		const found = observation.status === 200 ? source.read(observation.body) : undefined;
		if (!found) {
			tried.push(`GET ${source.path} → ${observation.status}${observation.status === 200 ? ' (no route list in it)' : ''}`);
			continue;
		}

		const unique = [...new Set(found)].sort();
		const kept = unique.slice(0, maxRoutes);
		const truncated = unique.length > kept.length;
		const summary = `${unique.length} routes from ${source.path}${truncated ? ` (first ${maxRoutes} compared)` : ''}`;
		return {
			...observation,
			body: {routes: Object.fromEntries(kept.map(route => [route, true]))},
			bodyText: kept.join('\n'),
			facts: {published: true, source: source.path, count: unique.length, ...(truncated ? {truncated: true} : {}), summary},
		};
	}

	const said = `publishes no route list (${tried.join(', ')})`;
	return {...last!, error: undefined, body: {routes: {}}, facts: {published: false, summary: said}};
};

type Pair = {skip?: string; baseline: Observation; candidate: Observation};

/**
 * Both sides seen: a pair where neither publishes a list is skipped with what each answered; otherwise the candidate's
 * added routes leave the compared body (they are listed in its facts), so only dropped routes are differences.
 */
export function pairRoutes(baseline: Observation, candidate: Observation): Pair {
	const published = (observation: Observation) => (observation.facts as {published?: boolean} | undefined)?.published === true;
	if (!baseline.reached || !candidate.reached) return {baseline, candidate};
	if (!published(baseline) && !published(candidate)) {
		const said = (observation: Observation) => `${observation.side} ${(observation.facts as {summary?: string} | undefined)?.summary ?? 'publishes no route list'}`;
		return {skip: `neither gateway publishes its routes: ${said(baseline)}; ${said(candidate)}`, baseline, candidate};
	}

	if (!published(baseline) || !published(candidate)) return {baseline, candidate};
	const own = (observation: Observation) => Object.keys((observation.body as {routes: Record<string, true>}).routes);
	const baselineRoutes = new Set(own(baseline));
	const candidateRoutes = own(candidate);
	const added = candidateRoutes.filter(route => !baselineRoutes.has(route));
	const dropped = [...baselineRoutes].filter(route => !candidateRoutes.includes(route));
	const facts = candidate.facts as Record<string, unknown>;
	const summary = `${facts.summary as string}; ${dropped.length} dropped, ${added.length} added${added.length > 0 ? `: ${shortList(added)}` : ''}`;
	return {
		baseline,
		candidate: {
			...candidate,
			body: {routes: Object.fromEntries(candidateRoutes.filter(route => baselineRoutes.has(route)).map(route => [route, true]))},
			facts: {...facts, dropped: dropped.slice(0, listed), added: added.slice(0, listed), droppedCount: dropped.length, addedCount: added.length, summary},
		},
	};
}
