// Checks against answers the real LiteLLM proxy gives (contract §15), without the real proxy: a server that answers
// like it (307 to the slashed path, traffic-born Prometheus families) and the simulators with the profile's settings.
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runProfile, simulatorPair, urlProfile} from '../helpers/targets.js';

/** Prometheus text as prometheus_client prints it: HELP/TYPE for every family, `_created` only once a series exists. */
function metrics(traffic: boolean): string {
	const lines = ['# HELP litellm_requests_metric_total Requests', '# TYPE litellm_requests_metric_total counter'];
	if (traffic) lines.push('litellm_requests_metric_total{model="gpt-4o-mini"} 3.0', '# HELP litellm_requests_metric_created Requests', '# TYPE litellm_requests_metric_created gauge', 'litellm_requests_metric_created{model="gpt-4o-mini"} 1.7e9');
	lines.push('# HELP litellm_total_users Users', '# TYPE litellm_total_users gauge', '# HELP process_open_fds fds', '# TYPE process_open_fds gauge', 'process_open_fds 12.0');
	return lines.join('\n') + '\n';
}

/** A LiteLLM-like /metrics: 307 → /metrics/ (as 1.81 answers), the families depending on the traffic seen. */
async function metricsServer(traffic: boolean): Promise<{url: string; hits: string[]; close(): Promise<void>}> {
	const hits: string[] = [];
	const server: Server = createServer((request, response) => {
		hits.push(`${request.method} ${request.url}`);
		if (request.url === '/metrics') response.writeHead(307, {location: '/metrics/'}).end();
		else if (request.url === '/metrics/') response.writeHead(200, {'content-type': 'text/plain; version=0.0.4'}).end(metrics(traffic));
		else response.writeHead(404, {'content-type': 'application/json'}).end('{"detail":"Not Found"}');
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	return {url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits, close: () => new Promise<void>(resolve => server.close(() => resolve()))};
}

describe('answers of a real LiteLLM proxy', () => {
	it('follows the 307 from /metrics to /metrics/, and compares the declared families, not the traffic-born ones', async () => {
		const [fresh, busy] = await Promise.all([metricsServer(false), metricsServer(true)]);
		try {
			const {byCheck} = await runProfile(urlProfile(fresh.url, busy.url), {checks: ['observability.prometheus.families']});
			expect(byCheck['observability.prometheus.families']!.verdict).toBe('parity');
			expect(busy.hits).toEqual(['GET /metrics', 'GET /metrics/']);
		} finally {
			await Promise.all([fresh.close(), busy.close()]);
		}
	});

	it('does not follow a redirect to another server', async () => {
		const other = await metricsServer(true);
		const server = createServer((_request, response) => response.writeHead(307, {location: `${other.url}/metrics/`}).end());
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		try {
			const {byCheck} = await runProfile(urlProfile(url, url), {checks: ['observability.prometheus.families']});
			expect(byCheck['observability.prometheus.families']!.verdict).toBe('both-fail');
			expect(byCheck['observability.prometheus.families']!.reason).toMatch(/redirected \(307\)/);
			expect(other.hits).toEqual([]);
		} finally {
			server.close();
			await other.close();
		}
	});
});

describe('candidate-only rows on a stock candidate', () => {
	let pair: Awaited<ReturnType<typeof simulatorPair>>;
	beforeAll(async () => {
		// Both stock: the candidate is a baseline simulator, as two real stock proxies are.
		pair = await simulatorPair({}, {personality: 'baseline'});
	});
	afterAll(async () => pair.close());

	it('the KNN decisions row needs llmrouter-knn registered: 12 served calls earn no bonus', async () => {
		const {byCheck} = await runProfile(urlProfile(pair.baseline.url, pair.candidate.url), {checks: ['llmrouter.knn-router.decisions']});
		const result = byCheck['llmrouter.knn-router.decisions']!;
		expect(result.verdict).toBe('gap');
		expect(result.reason).toMatch(/llmrouter-knn registered at \/router\/info/);
	});
});

describe('targets without a database', () => {
	it('skips the rows that need one, saying "no database" and why', async () => {
		const pair = await simulatorPair({db: false}, {db: false});
		try {
			const reason = 'no Prisma engines here';
			const profile = urlProfile(pair.baseline.url, pair.candidate.url, {options: {withoutDatabase: reason}});
			const {finished} = await runProfile(profile, {categories: ['management', 'database', 'persistence']});
			const skipped = finished.results.filter(result => result.verdict === 'skipped');
			expect(skipped.map(result => result.check).sort()).toContain('management.key-generate.lifecycle');
			expect(skipped.map(result => result.check)).toContain('persistence.postgresql.round-trip');
			// Both sides skip for the same reason: it is said once.
			for (const result of skipped) expect(result.reason).toBe(`no database: ${reason}`);
			// Rows that do not need the database still run.
			expect(finished.results.find(result => result.check === 'persistence.redis-caching.ping')!.verdict).not.toBe('skipped');
		} finally {
			await pair.close();
		}
	});

	it('without withoutDatabase the same rows run and fail saying no database', async () => {
		const pair = await simulatorPair({db: false}, {db: false});
		try {
			const {byCheck} = await runProfile(urlProfile(pair.baseline.url, pair.candidate.url), {checks: ['management.key-generate.lifecycle']});
			expect(byCheck['management.key-generate.lifecycle']!.verdict).toBe('both-fail');
			expect(byCheck['management.key-generate.lifecycle']!.reason).toMatch(/no database/);
		} finally {
			await pair.close();
		}
	});
});

