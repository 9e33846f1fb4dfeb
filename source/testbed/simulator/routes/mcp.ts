// LiteLLM's own MCP server on the baseline, as 1.81.13 answers it with no MCP servers configured (measured on the
// pinned real proxy): /mcp redirects (307) to the /mcp/ mount, which answers `initialize` over streamable HTTP (one
// SSE `message` event, serverInfo litellm-mcp-server). Anything else fails: no key gives a 500 JSON error, other
// methods a plain-text 500, a client that does not accept both JSON and SSE a -32600 error with 406.
import type {Sim} from '../context.js';
import {authenticate} from '../auth/authenticate.js';
import type {Exchange} from '../http/exchange.js';
import {sendBody, sendJson} from '../http/respond.js';
import type {RouteSpec} from '../http/router.js';

const supportedVersions = ['2024-11-05', '2025-03-26', '2025-06-18'];

function failed(exchange: Exchange): void {
	sendJson(exchange, 500, {error: 'MCP request failed', details: ''});
}

async function mcp(exchange: Exchange, sim: Sim): Promise<void> {
	try {
		authenticate(exchange, sim, 'llm');
	} catch {
		failed(exchange);
		return;
	}

	if (exchange.method !== 'POST') {
		failed(exchange);
		return;
	}

	const accept = exchange.header('accept') ?? '';
	if (!accept.includes('application/json') || !accept.includes('text/event-stream')) {
		sendJson(exchange, 406, {jsonrpc: '2.0', id: 'server-error', error: {code: -32600, message: 'Not Acceptable: Client must accept both application/json and text/event-stream'}});
		return;
	}

	const body = await exchange.looseJson();
	if (body.method !== 'initialize') {
		sendBody(exchange, 500, 'Internal Server Error', 'text/plain; charset=utf-8');
		return;
	}

	const asked = (body.params as {protocolVersion?: unknown} | undefined)?.protocolVersion;
	const result = {
		protocolVersion: typeof asked === 'string' && supportedVersions.includes(asked) ? asked : supportedVersions.at(-1),
		capabilities: {experimental: {}, prompts: {listChanged: false}, resources: {subscribe: false, listChanged: false}, tools: {listChanged: false}},
		serverInfo: {name: 'litellm-mcp-server', version: '1.0.0'},
	};
	const event = `event: message\r\ndata: ${JSON.stringify({jsonrpc: '2.0', id: body.id ?? null, result})}\r\n\r\n`;
	sendBody(exchange, 200, event, 'text/event-stream', {'cache-control': 'no-cache, no-transform', 'x-accel-buffering': 'no'});
}

export const baselineMcpRoutes: RouteSpec[] = [{name: 'mcp', methods: ['GET', 'POST'], paths: ['/mcp/'], access: 'public', mount: true, handle: mcp}];
