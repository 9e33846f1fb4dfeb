// LLMRouter's MCP gateway: the REST management routes under /llmrouter/mcp and the native JSON-RPC 2.0 endpoint
// at /mcp (streamable HTTP). JSON-RPC errors travel as HTTP 200; notifications get 202.
import type {Sim} from '../../context.js';
import {detailError, missingField, validationError} from '../../http/errors.js';
import type {Exchange} from '../../http/exchange.js';
import {sendJson} from '../../http/respond.js';
import type {RouteSpec} from '../../http/router.js';
import {record} from '../fields.js';
import {allTools, findTool, runTool} from './mcp-tools.js';
import {assertPublicUrl} from './ssrf.js';

const serverInfo = {name: 'routeiq-mcp-gateway', version: '1.0.0'};
const protocolVersions = ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05'];
const capabilities = {tools: {listChanged: false}, resources: {subscribe: false, listChanged: false}, logging: {}, completions: {}};

function listServers(exchange: Exchange, sim: Sim): void {
	sendJson(exchange, 200, {servers: [...sim.candidate.mcpServers.values()].map(server => ({...server, tools: server.tools.map(tool => tool.name)}))});
}

function getServer(exchange: Exchange, sim: Sim): void {
	const server = sim.candidate.mcpServers.get(exchange.params.server_id!);
	if (!server) throw detailError(404, {error: 'server_not_found', message: `MCP server '${exchange.params.server_id}' not found`, request_id: exchange.requestId});
	sendJson(exchange, 200, {...server, tools: server.tools.map(tool => tool.name)});
}

async function registerServer(exchange: Exchange, sim: Sim): Promise<void> {
	const body = await exchange.modelJson();
	const missing = ['server_id', 'name', 'url'].filter(field => typeof body[field] !== 'string');
	if (missing.length > 0) throw validationError(missing.map(field => missingField(['body', field], body)));
	const url = assertPublicUrl(body.url, exchange.requestId);
	const tools = (Array.isArray(body.tools) ? body.tools : []).map(tool => {
		const named = typeof tool === 'string' ? {name: tool} : record(tool);
		return {name: String(named.name), description: typeof named.description === 'string' ? named.description : '', input_schema: record(named.input_schema ?? {type: 'object', properties: {}})};
	});
	const serverId = String(body.server_id);
	sim.candidate.mcpServers.set(serverId, {server_id: serverId, name: String(body.name), url, transport: typeof body.transport === 'string' ? body.transport : 'streamable_http', tools, resources: []});
	sendJson(exchange, 200, {status: 'registered', server_id: serverId});
}

function deleteServer(exchange: Exchange, sim: Sim): void {
	const id = exchange.params.server_id!;
	if (!sim.candidate.mcpServers.delete(id)) throw detailError(404, {error: 'server_not_found', message: `MCP server '${id}' not found`, request_id: exchange.requestId});
	sendJson(exchange, 200, {status: 'unregistered', server_id: id});
}

function listTools(exchange: Exchange, sim: Sim): void {
	sendJson(exchange, 200, {tools: allTools(sim).map(({server, tool, qualifiedName}) => ({name: qualifiedName, server_id: server.server_id, description: tool.description, input_schema: tool.input_schema}))});
}

async function callToolRest(exchange: Exchange, sim: Sim): Promise<void> {
	const body = await exchange.modelJson(['tool_name']);
	const ref = findTool(sim, String(body.tool_name));
	if (!ref) throw detailError(404, {error: 'tool_not_found', message: `Tool '${String(body.tool_name)}' not found`, request_id: exchange.requestId});
	const result = runTool(ref, record(body.arguments));
	if (result === undefined) throw detailError(400, {error: 'invalid_arguments', message: `Invalid arguments for tool '${ref.qualifiedName}'`, request_id: exchange.requestId});
	sendJson(exchange, 200, {status: 'success', tool_name: ref.qualifiedName, server_id: ref.server.server_id, result: {content: [{type: 'text', text: result}], isError: false}});
}

function gatewayInfo(exchange: Exchange): void {
	sendJson(exchange, 200, {...serverInfo, protocolVersion: protocolVersions[0], transport: 'streamable-http', capabilities, status: 'enabled', sseSupport: 'not_implemented'});
}

type RpcId = string | number | null;

class RpcError extends Error {
	constructor(
		readonly code: number,
		message: string,
	) {
		super(message);
	}
}

function rpcResult(method: string, params: Record<string, unknown>, sim: Sim): unknown {
	switch (method) {
		case 'initialize': {
			const requested = typeof params.protocolVersion === 'string' ? params.protocolVersion : undefined;
			return {protocolVersion: requested && protocolVersions.includes(requested) ? requested : protocolVersions[0], capabilities, serverInfo};
		}

		case 'ping':
		case 'logging/setLevel':
			return {};
		case 'tools/list':
			return {tools: allTools(sim).map(({tool, qualifiedName}) => ({name: qualifiedName, description: tool.description, inputSchema: tool.input_schema}))};
		case 'tools/call': {
			if (typeof params.name !== 'string') throw new RpcError(-32602, "Invalid params: 'name' is required");
			const ref = findTool(sim, params.name);
			if (!ref) throw new RpcError(-32602, `Unknown tool: ${params.name}`);
			const text = runTool(ref, record(params.arguments));
			if (text === undefined) throw new RpcError(-32602, `Invalid arguments for tool: ${ref.qualifiedName}`);
			return {content: [{type: 'text', text}], isError: false};
		}

		case 'resources/list':
			return {resources: []};
		case 'resources/templates/list':
			return {resourceTemplates: []};
		case 'resources/read':
			throw new RpcError(-32602, `Resource not found: ${String(params.uri)}`);
		case 'completion/complete':
			return {completion: {values: [], total: 0, hasMore: false}};
		default:
			throw new RpcError(-32601, `Method not found: ${method}`);
	}
}

async function jsonRpc(exchange: Exchange, sim: Sim): Promise<void> {
	const sessionHeader = exchange.header('mcp-session-id');
	const reply = (status: number, body: unknown, sessionId = sessionHeader || sim.rng.uuid()) => sendJson(exchange, status, body, {'mcp-session-id': sessionId});
	const rpcError = (id: RpcId, code: number, message: string) => reply(200, {jsonrpc: '2.0', id, error: {code, message}});
	let message: unknown;
	try {
		message = JSON.parse((await exchange.rawBody()).toString('utf8'));
	} catch {
		rpcError(null, -32700, 'Parse error');
		return;
	}

	const request = message && typeof message === 'object' && !Array.isArray(message) ? (message as Record<string, unknown>) : undefined;
	const id = request && (typeof request.id === 'string' || typeof request.id === 'number') ? request.id : null;
	if (!request || request.jsonrpc !== '2.0' || typeof request.method !== 'string') {
		rpcError(id, -32600, 'Invalid Request');
		return;
	}

	// A notification (no id) gets no JSON-RPC answer.
	if (!('id' in request)) {
		reply(202, {});
		return;
	}

	try {
		const result = rpcResult(request.method, record(request.params), sim);
		// initialize opens a new session; everything else stays in the caller's.
		reply(200, {jsonrpc: '2.0', id, result}, request.method === 'initialize' ? sim.rng.uuid() : undefined);
	} catch (error) {
		if (error instanceof RpcError) rpcError(id, error.code, error.message);
		else rpcError(id, -32603, 'Internal error');
	}
}

export const mcpRoutes: RouteSpec[] = [
	{name: 'list_mcp_servers', methods: ['GET'], paths: ['/llmrouter/mcp/servers'], access: 'info', handle: listServers},
	{name: 'register_mcp_server', methods: ['POST'], paths: ['/llmrouter/mcp/servers'], access: 'control-plane', handle: registerServer},
	{name: 'get_mcp_server', methods: ['GET'], paths: ['/llmrouter/mcp/servers/{server_id}'], access: 'info', handle: getServer},
	{name: 'unregister_mcp_server', methods: ['DELETE'], paths: ['/llmrouter/mcp/servers/{server_id}'], access: 'control-plane', handle: deleteServer},
	{name: 'list_mcp_tools', methods: ['GET'], paths: ['/llmrouter/mcp/tools', '/llmrouter/mcp/tools/list'], access: 'info', handle: listTools},
	{name: 'call_mcp_tool', methods: ['POST'], paths: ['/llmrouter/mcp/tools/call'], access: 'control-plane', handle: callToolRest},
	{name: 'mcp_gateway_info', methods: ['GET'], paths: ['/mcp'], access: 'info', handle: gatewayInfo},
	{name: 'mcp_jsonrpc', methods: ['POST'], paths: ['/mcp'], access: 'info', handle: jsonRpc},
];
