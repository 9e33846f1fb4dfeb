// Forced function calls: with `tools` and a tool_choice of "required" or a named function, the simulated model
// answers with a tool call whose arguments fill the function's required parameters with sample values.
import type {Rng} from '../random.js';

export type ToolCall = {id: string; type: 'function'; function: {name: string; arguments: string}};

type FunctionTool = {type?: string; function?: {name?: string; parameters?: {properties?: Record<string, {type?: string}>; required?: string[]}}};

function sampleValue(type: string | undefined): unknown {
	switch (type) {
		case 'number':
		case 'integer':
			return 1;
		case 'boolean':
			return true;
		case 'array':
			return [];
		case 'object':
			return {};
		default:
			return 'sample';
	}
}

export function forcedToolCall(body: Record<string, unknown>, rng: Rng): ToolCall | undefined {
	const tools = (Array.isArray(body.tools) ? body.tools : []) as FunctionTool[];
	if (tools.length === 0) return undefined;
	const choice = body.tool_choice;
	let name: string | undefined;
	if (choice && typeof choice === 'object') name = (choice as FunctionTool).function?.name;
	else if (choice === 'required') name = tools[0]?.function?.name;
	const tool = tools.find(candidate => candidate.function?.name === name);
	if (!name || !tool) return undefined;
	const properties = tool.function?.parameters?.properties ?? {};
	const required = tool.function?.parameters?.required ?? Object.keys(properties);
	const args = Object.fromEntries(required.map(field => [field, sampleValue(properties[field]?.type)]));
	return {id: `call_${rng.alnum(24)}`, type: 'function', function: {name, arguments: JSON.stringify(args)}};
}
