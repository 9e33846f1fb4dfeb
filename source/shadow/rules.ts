// How a route's two answers are compared: the compare rules of the check file that asks the same question (same
// method and path template, stream or not), else a shape comparison. Latency is judged per route, not per exchange.
import type {Catalog} from '../catalog/catalog.js';
import {compareSchema, type Check, type CompareSpec} from '../catalog/schema.js';
import {routeTemplate} from './routes.js';

export type RouteRule = {
	compare: CompareSpec;
	/** The check whose rules these are, and its row, when one matched (the profile's expected entries name either). */
	from?: string;
	row?: string;
};

/** No check asks about this route: same status, same shape, same media type. */
export const defaultRule: RouteRule = {compare: compareSchema.parse({body: 'shape', headers: [], latency: false})};

function templateOf(check: Check): string | undefined {
	const request = check.request;
	if (!request || request.base !== 'proxy') return undefined;
	return `${request.method} ${routeTemplate(request.path.replaceAll(/\$\{[^}]+\}/g, '0000000000'))}`;
}

function succeeds(check: Check): boolean {
	const status = check.expect.status;
	if (status === undefined) return true;
	return (Array.isArray(status) ? status : [status]).some(code => code >= 200 && code < 300);
}

/** The rules as plain data, for the mirror worker: route → the rule of its plain and its streamed check. */
export type RouteRulesData = Array<[string, {http?: RouteRule; sse?: RouteRule}]>;

function ruleOf(check: Check, row: string | undefined): RouteRule {
	return {compare: {...check.compare, latency: false}, from: check.id, row};
}

export class RouteRules {
	readonly #byRoute = new Map<string, {http?: RouteRule; sse?: RouteRule}>();
	readonly #cache = new Map<string, RouteRule>();

	constructor(catalog?: Catalog) {
		for (const {check, row} of catalog?.checks ?? []) {
			if ((check.probe !== 'http' && check.probe !== 'sse') || check.sides === 'candidate' || !succeeds(check)) continue;
			const key = templateOf(check);
			if (!key) continue;
			const entry = this.#byRoute.get(key) ?? {};
			// The first check of each kind for a route decides, as the catalog orders them.
			if (check.probe === 'sse') entry.sse ??= ruleOf(check, row.id);
			else entry.http ??= ruleOf(check, row.id);
			this.#byRoute.set(key, entry);
		}
	}

	static fromData(data: RouteRulesData): RouteRules {
		const rules = new RouteRules();
		for (const [route, entry] of data) rules.#byRoute.set(route, entry);
		return rules;
	}

	toData(): RouteRulesData {
		return [...this.#byRoute];
	}

	/** The rule for a route; `streamed` picks the check that reads an event stream. */
	ruleFor(route: string, streamed: boolean): RouteRule {
		const cacheKey = `${streamed ? 'sse' : 'http'} ${route}`;
		const cached = this.#cache.get(cacheKey);
		if (cached) return cached;
		const entry = this.#byRoute.get(route);
		const rule = (streamed ? entry?.sse : entry?.http) ?? defaultRule;
		if (this.#cache.size < 10_000) this.#cache.set(cacheKey, rule);
		return rule;
	}
}
