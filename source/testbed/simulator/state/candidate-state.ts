// LLMRouter's in-memory control plane: reloads, registered A2A agents, MCP servers and sessions.

export type Agent = {agent_id: string; agent_name: string; description: string; url: string; capabilities: string[]; agent_card_params: Record<string, unknown>};

export type McpTool = {name: string; description: string; input_schema: Record<string, unknown>};

export type McpServer = {server_id: string; name: string; url: string; transport: string; tools: McpTool[]; resources: string[]};

export class CandidateState {
	reloadCount = 0;
	lastReload: string | null = null;
	readonly agents = new Map<string, Agent>();
	readonly mcpServers = new Map<string, McpServer>();

	constructor() {
		// A built-in tool server so the MCP gateway has something to list and call without outside services.
		this.mcpServers.set('sim-tools', {
			server_id: 'sim-tools',
			name: 'Simulator tools',
			url: 'https://mcp.simulated.invalid/mcp',
			transport: 'streamable_http',
			tools: [
				{
					name: 'echo',
					description: 'Returns the text it is given.',
					input_schema: {type: 'object', properties: {text: {type: 'string'}}, required: ['text']},
				},
				{
					name: 'add',
					description: 'Adds two numbers.',
					input_schema: {type: 'object', properties: {a: {type: 'number'}, b: {type: 'number'}}, required: ['a', 'b']},
				},
			],
			resources: [],
		});
	}
}
