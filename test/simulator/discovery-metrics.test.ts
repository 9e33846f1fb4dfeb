import {createServer} from 'node:http';
import {Socket} from 'node:net';
import {describe, expect, it, vi} from 'vitest';
import {call, chatBody, start} from './helpers.js';

describe('discovery and errors (§6, §1.1)', () => {
	it('lists every route with its methods on /routes, mounts left out', async () => {
		const sim = await start();
		const answer = await call(sim, '/routes', {key: null});
		const routes: Array<{path: string; methods: string[]; name: string; endpoint: string}> = answer.json.routes;
		const find = (path: string, method: string) => routes.find(route => route.path === path && route.methods.includes(method));
		expect(find('/v1/chat/completions', 'POST')).toMatchObject({name: 'chat_completion', endpoint: 'chat_completion'});
		expect(find('/v1/files/{file_id}', 'GET')).toBeDefined();
		expect(find('/health/liveliness', 'GET')).toBeDefined();
		expect(find('/v1/batches', 'POST')).toBeDefined();
		expect(routes.some(route => route.path === '/metrics')).toBe(false);
		expect(routes.some(route => route.path.startsWith('/_health'))).toBe(false);
	});

	it('serves openapi.json with the litellm version, and the Swagger page at /', async () => {
		const sim = await start({version: '1.81.3'});
		const openapi = await call(sim, '/openapi.json', {key: null});
		expect(openapi.status).toBe(200);
		expect(openapi.json.info).toMatchObject({title: 'LiteLLM API', version: '1.81.3'});
		expect(openapi.json.paths['/v1/chat/completions'].post).toBeDefined();
		expect(openapi.json.paths['/model/new']).toBeUndefined();
		const swagger = await call(sim, '/', {key: null});
		expect(swagger.headers['content-type']).toBe('text/html; charset=utf-8');
		expect(swagger.text).toContain('<title>LiteLLM API - Swagger UI</title>');
	});

	it('answers unknown paths 404, wrong methods 405, /config/yaml without body 422', async () => {
		const sim = await start();
		const unknown = await call(sim, '/v1/nope');
		expect(unknown.status).toBe(404);
		expect(unknown.json).toEqual({detail: 'Not Found'});
		// Routing comes before auth: no key still gives 404.
		expect((await call(sim, '/nope', {key: null})).status).toBe(404);
		const wrong = await call(sim, '/v1/chat/completions', {method: 'GET'});
		expect(wrong.status).toBe(405);
		expect(wrong.json).toEqual({detail: 'Method Not Allowed'});
		expect(wrong.headers.allow).toBe('POST');
		const yaml = await call(sim, '/config/yaml', {key: null});
		expect(yaml.status).toBe(422);
		expect(yaml.json.detail[0]).toMatchObject({type: 'missing', loc: ['body'], msg: 'Field required'});
		const trailing = await call(sim, '/v1/models/');
		expect(trailing.status).toBe(307);
		// Starlette's redirect_slashes: an absolute URL from the Host header.
		expect(trailing.headers.location).toBe(`${sim.url}/v1/models`);
	});

	it('survives odd request targets with a 404 and keeps serving', async () => {
		const sim = await start();
		const raw = (target: string) =>
			new Promise<string>(resolve => {
				const socket = new Socket();
				let data = '';
				socket.connect(sim.port, '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
				socket.on('data', chunk => (data += String(chunk)));
				socket.on('close', () => resolve(data));
			});
		for (const target of ['//v1/models', '/%E0%A4%A', '/v1/files/%zz']) {
			const answer = await raw(target);
			expect(answer.split('\r\n')[0], target).toBe('HTTP/1.1 404 Not Found');
			expect(answer.endsWith('{"detail":"Not Found"}'), target).toBe(true);
		}

		expect((await call(sim, '/v1/models')).status).toBe(200);
	});

	it('answers CORS preflights for any origin', async () => {
		const sim = await start();
		const answer = await call(sim, '/v1/chat/completions', {key: null, method: 'OPTIONS', headers: {origin: 'https://ui.example', 'access-control-request-method': 'POST'}});
		expect(answer.status).toBe(200);
		expect(answer.headers['access-control-allow-origin']).toBe('https://ui.example');
		expect(answer.headers['access-control-allow-credentials']).toBe('true');
	});
});

describe('/metrics (§8)', () => {
	it('declares the 46 LiteLLM 1.81.13 families from the start; calls add series', async () => {
		const sim = await start({cache: false});
		const families = (text: string) => [...text.matchAll(/^# TYPE (litellm_\S+) /gm)].map(match => match[1]!);
		const redirect = await call(sim, '/metrics', {key: null});
		expect(redirect.status).toBe(307);
		expect(redirect.headers.location).toBe(`${sim.url}/metrics/`);
		const before = (await call(sim, '/metrics/', {key: null})).text;
		expect(families(before)).toHaveLength(46);
		expect(families(before)).toEqual(expect.arrayContaining(['litellm_deployment_state', 'litellm_overhead_latency_metric', 'litellm_cache_hits_metric_total', 'litellm_teams_count']));
		expect(families(before).some(name => name.endsWith('_created'))).toBe(false);
		expect(before).toContain('process_cpu_user_seconds_total');
		// A fresh proxy has samples only for the user and team counts.
		expect(before.split('\n').filter(line => line.startsWith('litellm_'))).toEqual(['litellm_total_users 0', 'litellm_teams_count 0']);
		await call(sim, '/v1/chat/completions', {json: chatBody({max_tokens: 3})});
		await call(sim, '/v1/chat/completions', {json: chatBody({model: 'missing'})});
		const after = await call(sim, '/metrics/', {key: null});
		// Traffic adds series, not families (the _created gauge families are not printed yet, docs/SIMULATOR.md).
		expect(families(after.text)).toEqual(families(before));
		expect(after.headers['content-type']).toMatch(/^text\/plain/);
		expect(after.text).toMatch(/^litellm_proxy_total_requests_metric_total\{.*status_code="200".*\} 1$/m);
		expect(after.text).toMatch(/^litellm_proxy_failed_requests_metric_total\{.*requested_model="missing".*exception_status="400".*\} 1$/m);
		expect(after.text).toMatch(/^litellm_request_total_latency_metric_bucket\{/m);
		expect(after.text).toMatch(/^litellm_llm_api_latency_metric_count\{.*\} 1$/m);
		const tokens = /^litellm_total_tokens_metric_total\{.*\} (\d+)$/m.exec(after.text);
		expect(Number(tokens?.[1])).toBeGreaterThanOrEqual(4);
	});

	it('is not mounted with prometheus: false', async () => {
		const sim = await start({prometheus: false});
		const answer = await call(sim, '/metrics/', {key: null});
		expect(answer.status).toBe(404);
		expect(answer.json).toEqual({detail: 'Not Found'});
	});

	it('counts per server: two simulators do not share counters', async () => {
		const one = await start({cache: false});
		const two = await start({cache: false});
		await call(one, '/v1/chat/completions', {json: chatBody()});
		expect((await call(two, '/metrics/', {key: null})).text).not.toMatch(/^litellm_proxy_total_requests_metric_total\{/m);
	});
});

describe('OTLP export', () => {
	it('posts one JSON trace per LLM call with the service name of the personality', async () => {
		const received: any[] = [];
		const collector = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', chunk => chunks.push(chunk));
			req.on('end', () => {
				received.push({path: req.url, body: JSON.parse(Buffer.concat(chunks).toString())});
				res.end('{}');
			});
		});
		await new Promise<void>(resolve => collector.listen(0, '127.0.0.1', resolve));
		const port = (collector.address() as {port: number}).port;
		try {
			const baseline = await start({otlpEndpoint: `http://127.0.0.1:${port}`});
			const candidate = await start({personality: 'candidate', otlpEndpoint: `http://127.0.0.1:${port}/`});
			await call(baseline, '/v1/chat/completions', {json: chatBody(), headers: {traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01'}});
			await call(candidate, '/v1/embeddings', {json: {model: 'text-embedding-3-small', input: 'x'}});
			await call(baseline, '/v1/models');
			await vi.waitFor(() => expect(received).toHaveLength(2), {timeout: 30_000, interval: 10});
			expect(received.every(item => item.path === '/v1/traces')).toBe(true);
			const services = received.map(item => item.body.resourceSpans[0].resource.attributes.find((attribute: {key: string}) => attribute.key === 'service.name').value.stringValue);
			expect(services.sort()).toEqual(['litellm-baseline', 'litellm-gateway']);
			const spans = received.map(item => item.body.resourceSpans[0].scopeSpans[0].spans[0]);
			expect(spans.some(span => span.traceId === '0af7651916cd43dd8448eb211c80319c' && span.parentSpanId === 'b7ad6b7169203331')).toBe(true);
		} finally {
			collector.closeAllConnections();
			await new Promise(resolve => collector.close(resolve));
		}
	});
});
