// LLMRouter's A2A gateway: the agent cards (no auth), the agent list (LiteLLM key) and in-memory registration
// (admin key). Note the delete route has no /a2a prefix in the code.
import type {Sim} from '../../context.js';
import {detailError, missingField, validationError} from '../../http/errors.js';
import type {Exchange} from '../../http/exchange.js';
import {sendJson} from '../../http/respond.js';
import type {RouteSpec} from '../../http/router.js';
import type {Agent} from '../../state/candidate-state.js';
import {record, stringList} from '../fields.js';
import {assertPublicUrl} from './ssrf.js';

function baseUrl(exchange: Exchange): string {
	return `http://${exchange.header('host') ?? '127.0.0.1'}`;
}

function gatewayCard(exchange: Exchange, sim: Sim): void {
	sendJson(exchange, 200, {
		name: 'RouteIQ A2A Gateway',
		description: 'A2A gateway of the LiteLLM + LLMRouter container: discovers registered agents and routes tasks to them.',
		url: `${baseUrl(exchange)}/a2a`,
		version: '0.2.0',
		capabilities: {streaming: true, pushNotifications: false, stateTransitionHistory: true},
		skills: [...sim.candidate.agents.values()].map(agent => ({id: agent.agent_id, name: agent.agent_name, description: agent.description, tags: agent.capabilities})),
		defaultInputModes: ['application/json'],
		defaultOutputModes: ['application/json'],
		authentication: {schemes: ['apiKey'], credentials: null},
	});
}

function agentOrThrow(sim: Sim, id: string): Agent {
	const agent = sim.candidate.agents.get(id);
	if (!agent) throw detailError(404, {error: 'agent_not_found', message: `Agent '${id}' not found`});
	return agent;
}

function agentCard(exchange: Exchange, sim: Sim): void {
	const agent = agentOrThrow(sim, exchange.params.agent_id!);
	sendJson(exchange, 200, {
		name: agent.agent_name,
		description: agent.description,
		url: agent.url,
		version: '1.0.0',
		capabilities: {streaming: agent.capabilities.includes('streaming'), pushNotifications: false, stateTransitionHistory: false},
		skills: [],
		defaultInputModes: ['application/json'],
		defaultOutputModes: ['application/json'],
		...agent.agent_card_params,
	});
}

function listAgents(exchange: Exchange, sim: Sim): void {
	sendJson(exchange, 200, {agents: [...sim.candidate.agents.values()].map(({agent_id, agent_name, description, url}) => ({agent_id, agent_name, description, url}))});
}

async function registerAgent(exchange: Exchange, sim: Sim): Promise<void> {
	const body = await exchange.modelJson();
	const missing = ['agent_name', 'url'].filter(field => typeof body[field] !== 'string');
	if (missing.length > 0) throw validationError(missing.map(field => missingField(['body', field], body)));
	const url = assertPublicUrl(body.url, exchange.requestId);
	const name = String(body.agent_name);
	const agentId = typeof body.agent_id === 'string' && body.agent_id ? body.agent_id : name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || sim.rng.hex(8);
	sim.candidate.agents.set(agentId, {
		agent_id: agentId,
		agent_name: name,
		description: typeof body.description === 'string' ? body.description : '',
		url,
		capabilities: stringList(body.capabilities),
		agent_card_params: record(body.agent_card_params),
	});
	sendJson(exchange, 200, {status: 'registered', agent_id: agentId, agent_name: name, note: 'Agent registered in memory only; it is lost on restart. Use /v1/agents for persistence.'});
}

function unregisterAgent(exchange: Exchange, sim: Sim): void {
	const agent = agentOrThrow(sim, exchange.params.agent_id!);
	sim.candidate.agents.delete(agent.agent_id);
	sendJson(exchange, 200, {status: 'unregistered', agent_id: agent.agent_id});
}

export const a2aRoutes: RouteSpec[] = [
	{name: 'get_gateway_agent_card', methods: ['GET'], paths: ['/.well-known/agent.json'], access: 'public', handle: gatewayCard},
	{name: 'get_agent_card', methods: ['GET'], paths: ['/.well-known/agents/{agent_id}.json'], access: 'public', handle: agentCard},
	{name: 'list_a2a_agents', methods: ['GET'], paths: ['/a2a/agents'], access: 'info', handle: listAgents},
	{name: 'register_a2a_agent', methods: ['POST'], paths: ['/a2a/agents'], access: 'control-plane', handle: registerAgent},
	{name: 'unregister_a2a_agent', methods: ['DELETE'], paths: ['/agents/{agent_id}'], access: 'control-plane', handle: unregisterAgent},
];
