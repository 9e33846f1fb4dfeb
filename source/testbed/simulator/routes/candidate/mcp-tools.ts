// The tools behind the MCP gateway: registered servers' tools, namespaced `server.tool`, and what calling them does.
import type {Sim} from '../../context.js';
import type {McpServer, McpTool} from '../../state/candidate-state.js';

export type ToolRef = {server: McpServer; tool: McpTool; qualifiedName: string};

export function allTools(sim: Sim): ToolRef[] {
	return [...sim.candidate.mcpServers.values()].flatMap(server => server.tools.map(tool => ({server, tool, qualifiedName: `${server.server_id}.${tool.name}`})));
}

export function findTool(sim: Sim, name: string): ToolRef | undefined {
	return allTools(sim).find(ref => ref.qualifiedName === name || ref.tool.name === name);
}

/** Runs a tool; `undefined` means the arguments were invalid. The built-in tools answer; others echo their input. */
export function runTool(ref: ToolRef, args: Record<string, unknown>): string | undefined {
	const required = (ref.tool.input_schema.required as string[] | undefined) ?? [];
	if (required.some(field => args[field] === undefined)) return undefined;
	if (ref.server.server_id === 'sim-tools' && ref.tool.name === 'echo') return String(args.text);
	if (ref.server.server_id === 'sim-tools' && ref.tool.name === 'add') {
		const sum = Number(args.a) + Number(args.b);
		return Number.isFinite(sum) ? String(sum) : undefined;
	}

	return JSON.stringify({tool: ref.qualifiedName, arguments: args});
}
