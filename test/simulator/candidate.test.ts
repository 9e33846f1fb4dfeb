import {describe, expect, it} from 'vitest';
import {adminKey, call, chatBody, masterKey, start} from './helpers.js';

const candidate = (options = {}) => start({personality: 'candidate', adminKeys: [adminKey], ...options});
const asAdmin = {key: null, headers: {'x-admin-api-key': adminKey}};

describe('candidate: the LLMRouter container (§12)', () => {
	it("puts X-Request-ID on every response, echoing the caller's", async () => {
		const sim = await candidate();
		const echoed = await call(sim, '/health/readiness', {key: null, headers: {'x-request-id': 'req-42'}});
		expect(echoed.headers['x-request-id']).toBe('req-42');
		for (const path of ['/v1/models', '/nope', '/_health/live']) {
			expect((await call(sim, path)).headers['x-request-id'], path).toMatch(/^[0-9a-f-]{36}$/);
		}

		const baseline = await start();
		expect((await call(baseline, '/v1/models')).headers['x-request-id']).toBeUndefined();
	});

	it('serves /_health/live and /_health/ready reflecting DB and cache', async () => {
		const sim = await candidate();
		expect((await call(sim, '/_health/live', {key: null})).json).toEqual({status: 'alive', service: 'litellm-llmrouter'});
		const ready = await call(sim, '/_health/ready', {key: null, headers: {'x-request-id': 'r1'}});
		expect(ready.json).toMatchObject({status: 'ready', service: 'litellm-llmrouter', is_degraded: false, request_id: 'r1'});
		expect(ready.json.checks).toMatchObject({database: {status: 'healthy'}, redis: {status: 'healthy'}});
		const bare = await candidate({db: false, cache: false});
		const bareReady = await call(bare, '/_health/ready', {key: null});
		expect(bareReady.json.checks.database).toBeUndefined();
		expect(bareReady.json.checks.redis).toBeUndefined();
	});

	it('answers 404 on every LLMRouter route when it is the baseline', async () => {
		const sim = await start();
		for (const [method, path] of [
			['GET', '/_health/live'],
			['GET', '/_health/ready'],
			['GET', '/.well-known/agent.json'],
			['GET', '/a2a/agents'],
			['POST', '/llmrouter/reload'],
			['POST', '/config/reload'],
			['GET', '/config/sync/status'],
			['GET', '/router/info'],
			['GET', '/llmrouter/mcp/servers'],
			['GET', '/llmrouter/mcp/tools'],
			['GET', '/admin/cache/stats'],
		]) {
			const answer = await call(sim, path!, {method});
			expect(answer.status, `${method} ${path}`).toBe(404);
			expect(answer.json).toEqual({detail: 'Not Found'});
		}
	});

	it('publishes agent cards and registers, lists and unregisters agents', async () => {
		const sim = await candidate();
		const card = await call(sim, '/.well-known/agent.json', {key: null});
		expect(card.json).toMatchObject({name: 'RouteIQ A2A Gateway', version: '0.2.0', capabilities: {streaming: true, pushNotifications: false}});
		expect(card.json.url).toBe(`${sim.url}/a2a`);
		const registered = await call(sim, '/a2a/agents', {...asAdmin, json: {agent_name: 'Research Bot', description: 'finds things', url: 'https://agents.example.com/research'}});
		expect(registered.status).toBe(200);
		expect(registered.json).toMatchObject({status: 'registered', agent_id: 'research-bot', agent_name: 'Research Bot'});
		expect((await call(sim, '/a2a/agents')).json.agents).toEqual([{agent_id: 'research-bot', agent_name: 'Research Bot', description: 'finds things', url: 'https://agents.example.com/research'}]);
		expect((await call(sim, '/.well-known/agents/research-bot.json', {key: null})).json.name).toBe('Research Bot');
		const ssrf = await call(sim, '/a2a/agents', {...asAdmin, json: {agent_name: 'Local', url: 'http://127.0.0.1:9000'}});
		expect(ssrf.status).toBe(400);
		expect(ssrf.json.detail.error).toBe('ssrf_blocked');
		expect((await call(sim, '/agents/research-bot', {...asAdmin, method: 'DELETE'})).json).toEqual({status: 'unregistered', agent_id: 'research-bot'});
		const missing = await call(sim, '/.well-known/agents/research-bot.json', {key: null});
		expect(missing.status).toBe(404);
		expect(missing.json.detail.error).toBe('agent_not_found');
	});

	it('guards the control plane with the admin key, in envelope B', async () => {
		const sim = await candidate();
		const missing = await call(sim, '/llmrouter/reload', {key: null, method: 'POST'});
		expect(missing.status).toBe(401);
		expect(missing.json.detail).toMatchObject({error: 'admin_key_required'});
		expect(missing.json.detail.request_id).toBe(missing.headers['x-request-id']);
		const wrong = await call(sim, '/llmrouter/reload', {key: null, method: 'POST', headers: {'x-admin-api-key': 'nope'}});
		expect(wrong.status).toBe(401);
		expect(wrong.json.detail.error).toBe('invalid_admin_key');
		// The master key is a LiteLLM key, not an admin key, unless ADMIN_API_KEYS lists it.
		expect((await call(sim, '/config/reload', {method: 'POST'})).status).toBe(401);
		expect((await call(sim, '/config/reload', {method: 'POST', key: adminKey})).status).toBe(200);
		const unconfigured = await start({personality: 'candidate', masterKey: undefined});
		const closed = await call(unconfigured, '/config/reload', {key: null, method: 'POST', headers: {'x-admin-api-key': 'anything'}});
		expect(closed.status).toBe(403);
		expect(closed.json.detail.error).toBe('control_plane_not_configured');
		// By default the master key is the admin key.
		const defaults = await start({personality: 'candidate'});
		expect((await call(defaults, '/llmrouter/reload', {key: null, method: 'POST', headers: {'x-admin-api-key': masterKey}})).status).toBe(200);
	});

	it('makes a reload visible on /router/info and keeps serving', async () => {
		const sim = await candidate({gaps: false});
		const before = (await call(sim, '/router/info')).json;
		expect(before).toMatchObject({strategy: 'llmrouter-knn', reload_count: 0, last_reload: null});
		expect(before.registered_strategies).toEqual(expect.arrayContaining(['llmrouter-knn', 'llmrouter-mlp', 'llmrouter-default']));
		expect(before.strategy_count).toBe(before.registered_strategies.length);
		const reload = await call(sim, '/llmrouter/reload', {...asAdmin, json: {strategy: 'llmrouter-elo'}});
		expect(reload.json).toEqual({status: 'success', message: 'Config reload triggered', synced_from_remote: false});
		const after = (await call(sim, '/router/info')).json;
		expect(after).toMatchObject({strategy: 'llmrouter-elo', reload_count: 1});
		expect(Date.parse(after.last_reload)).toBeGreaterThan(0);
		expect((await call(sim, '/config/sync/status')).json.reload_count).toBe(1);
		expect((await call(sim, '/v1/chat/completions', {json: chatBody()})).status).toBe(200);
		const bad = await call(sim, '/config/reload', {...asAdmin, json: {strategy: 'nonsense'}});
		expect(bad.status).toBe(400);
	});

	it('routes the same prompt to the same deployment under an llmrouter strategy', async () => {
		const sim = await candidate({cache: false});
		const ids = new Set<string>();
		for (let index = 0; index < 8; index++) ids.add((await call(sim, '/v1/chat/completions', {json: chatBody()})).headers['x-litellm-model-id']!);
		expect(ids.size).toBe(1);
	});

	it('lists MCP servers and tools over REST', async () => {
		const sim = await candidate();
		const servers = await call(sim, '/llmrouter/mcp/servers');
		expect(servers.json.servers[0]).toMatchObject({server_id: 'sim-tools', tools: ['echo', 'add']});
		const tools = await call(sim, '/llmrouter/mcp/tools');
		expect(tools.json.tools.map((tool: {name: string}) => tool.name)).toEqual(['sim-tools.echo', 'sim-tools.add']);
		const called = await call(sim, '/llmrouter/mcp/tools/call', {...asAdmin, json: {tool_name: 'sim-tools.add', arguments: {a: 2, b: 3}}});
		expect(called.json.result.content[0].text).toBe('5');
	});

	it('speaks MCP JSON-RPC 2.0 on POST /mcp', async () => {
		const sim = await candidate();
		const info = await call(sim, '/mcp');
		expect(info.json).toMatchObject({name: 'routeiq-mcp-gateway', transport: 'streamable-http', status: 'enabled'});
		const rpc = (json: unknown, headers: Record<string, string> = {}) => call(sim, '/mcp', {json, headers});
		const init = await rpc({jsonrpc: '2.0', id: 1, method: 'initialize', params: {protocolVersion: '2025-06-18', capabilities: {}, clientInfo: {name: 't', version: '1'}}});
		expect(init.status).toBe(200);
		expect(init.json).toMatchObject({jsonrpc: '2.0', id: 1, result: {protocolVersion: '2025-06-18', serverInfo: {name: 'routeiq-mcp-gateway', version: '1.0.0'}}});
		const session = init.headers['mcp-session-id'];
		expect(session).toBeDefined();
		const notified = await rpc({jsonrpc: '2.0', method: 'notifications/initialized'}, {'mcp-session-id': session!});
		expect(notified.status).toBe(202);
		expect(notified.json).toEqual({});
		expect(notified.headers['mcp-session-id']).toBe(session);
		const list = await rpc({jsonrpc: '2.0', id: 2, method: 'tools/list'}, {'mcp-session-id': session!});
		expect(list.json.result.tools.map((tool: {name: string}) => tool.name)).toContain('sim-tools.echo');
		const echo = await rpc({jsonrpc: '2.0', id: 3, method: 'tools/call', params: {name: 'sim-tools.echo', arguments: {text: 'hi'}}});
		expect(echo.json.result).toEqual({content: [{type: 'text', text: 'hi'}], isError: false});
		const unknownMethod = await rpc({jsonrpc: '2.0', id: 4, method: 'nope/never'});
		expect(unknownMethod.status).toBe(200);
		expect(unknownMethod.json.error.code).toBe(-32601);
		expect((await rpc({jsonrpc: '2.0', id: 5, method: 'tools/call', params: {name: 'nope'}})).json.error.code).toBe(-32602);
		expect((await rpc({id: 6, method: 'tools/list'})).json.error.code).toBe(-32600);
		const parse = await call(sim, '/mcp', {body: '{not json', headers: {'content-type': 'application/json'}});
		expect(parse.status).toBe(200);
		expect(parse.json).toMatchObject({jsonrpc: '2.0', id: null, error: {code: -32700}});
		expect((await call(sim, '/mcp', {key: null, json: {jsonrpc: '2.0', id: 1, method: 'ping'}})).status).toBe(401);
	});

	it('reports cache stats to the admin', async () => {
		const sim = await candidate();
		await call(sim, '/v1/chat/completions', {json: chatBody()});
		await call(sim, '/v1/chat/completions', {json: chatBody()});
		expect((await call(sim, '/admin/cache/stats', asAdmin)).json).toMatchObject({enabled: true, hits: 1, misses: 1, entries: 1});
		expect((await call(sim, '/admin/cache/stats')).status).toBe(401);
		const off = await candidate({cache: false});
		expect((await call(off, '/admin/cache/stats', asAdmin)).json).toEqual({enabled: false});
	});

	it('reports the same readiness callbacks as the baseline', async () => {
		const one = await candidate({gaps: false});
		const two = await start();
		const a = (await call(one, '/health/readiness', {key: null})).json;
		const b = (await call(two, '/health/readiness', {key: null})).json;
		expect(a).toEqual(b);
	});
});
