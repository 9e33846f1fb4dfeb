// §3 model endpoints: listings, info, and /model/new + /model/delete backed by the simulated DB.
import {modelAccess} from '../auth/model-access.js';
import {principalUserId} from '../auth/principal.js';
import type {Sim} from '../context.js';
import {detailError, proxyError, validationError, missingField} from '../http/errors.js';
import type {Exchange} from '../http/exchange.js';
import {sendJson} from '../http/respond.js';
import type {RouteSpec} from '../http/router.js';
import {modelFacts, providerOf} from '../models/catalog.js';
import {generatedModelId, publicParams, type Deployment} from '../models/deployments.js';
import {measuredModelInfo} from '../models/model-info.js';
import {noDb} from './no-db.js';

/** Constants LiteLLM puts on every /v1/models entry. */
const listedCreated = 1_677_610_602;
const listedOwner = 'openai';

function visibleGroups(exchange: Exchange, sim: Sim): string[] {
	const names = sim.models.groupNames();
	const {principal} = exchange;
	const access = principal.role === 'virtual' ? modelAccess(sim, principal.key) : undefined;
	return access ? names.filter(name => access.models.includes(name)) : names;
}

function modelObject(id: string): Record<string, unknown> {
	return {id, object: 'model', created: listedCreated, owned_by: listedOwner};
}

function listModels(exchange: Exchange, sim: Sim): void {
	sendJson(exchange, 200, {data: visibleGroups(exchange, sim).map(modelObject), object: 'list'});
}

function getModel(exchange: Exchange, sim: Sim): void {
	const id = exchange.params.model_id!;
	if (!visibleGroups(exchange, sim).includes(id)) throw detailError(404, `The model \`${id}\` does not exist or is not accessible`);
	sendJson(exchange, 200, modelObject(id));
}

function modelInfoEntry(deployment: Deployment): Record<string, unknown> {
	const facts = modelFacts(deployment.litellm_params.model);
	const bare = deployment.litellm_params.model.split('/').pop()!;
	const {mode, supports, supported_openai_params, ...prices} = facts;
	// The pinned LiteLLM's own model_info for the models it knows; a computed one for others (e.g. /model/new models).
	const measured = measuredModelInfo[bare];
	const info = measured
		? {...measured, litellm_provider: providerOf(deployment.litellm_params.model)}
		: {
				key: bare,
				...prices,
				litellm_provider: providerOf(deployment.litellm_params.model),
				mode,
				...Object.fromEntries(supports.map(name => [`supports_${name}`, true])),
				supported_openai_params,
			};
	return {
		model_name: deployment.model_name,
		litellm_params: publicParams(deployment),
		model_info: {...deployment.model_info, ...info},
	};
}

function modelInfo(exchange: Exchange, sim: Sim): void {
	const id = exchange.query('litellm_model_id');
	const visible = new Set(visibleGroups(exchange, sim));
	const deployments = sim.models.deployments.filter(deployment => visible.has(deployment.model_name) && (id === undefined || deployment.model_info.id === id));
	sendJson(exchange, 200, {data: deployments.map(modelInfoEntry)});
}

function modelGroupInfo(exchange: Exchange, sim: Sim): void {
	const only = exchange.query('model_group');
	const groups = visibleGroups(exchange, sim).filter(name => !only || name === only);
	const data = groups.flatMap(group => {
		const resolved = sim.models.resolve(group);
		if (!resolved) return [];
		const facts = modelFacts(resolved.deployments[0]!.litellm_params.model);
		return [
			{
				model_group: group,
				providers: [...new Set(resolved.deployments.map(deployment => providerOf(deployment.litellm_params.model)))],
				max_input_tokens: facts.max_input_tokens,
				max_output_tokens: facts.max_output_tokens,
				input_cost_per_token: facts.input_cost_per_token,
				output_cost_per_token: facts.output_cost_per_token,
				input_cost_per_pixel: null,
				mode: facts.mode,
				tpm: null,
				rpm: null,
				supports_parallel_function_calling: false,
				supports_vision: facts.supports.includes('vision'),
				supports_web_search: false,
				supports_url_context: false,
				supports_reasoning: false,
				supports_function_calling: facts.supports.includes('function_calling'),
				supported_openai_params: facts.supported_openai_params,
				configurable_clientside_auth_params: null,
				is_public_model_group: false,
				health_status: null,
				health_response_time: null,
				health_checked_at: null,
			},
		];
	});
	sendJson(exchange, 200, {data});
}


async function newModel(exchange: Exchange, sim: Sim): Promise<void> {
	const body = await exchange.modelJson(['model_name', 'litellm_params']);
	const params = body.litellm_params;
	if (!params || typeof params !== 'object' || typeof (params as Record<string, unknown>).model !== 'string') {
		throw validationError([missingField(['body', 'litellm_params', 'model'], params)]);
	}

	if (!sim.db) throw noDb.models();
	const litellmParams = params as Deployment['litellm_params'];
	const info = body.model_info && typeof body.model_info === 'object' ? (body.model_info as Record<string, unknown>) : {};
	const modelName = String(body.model_name);
	const id = typeof info.id === 'string' && info.id ? info.id : generatedModelId(modelName, litellmParams);
	if (sim.models.findById(id)) throw proxyError(400, `Model with id=${id} already exists`, {type: 'bad_request_error'});
	const now = new Date().toISOString();
	const createdBy = principalUserId(exchange.principal) ?? 'default_user_id';
	const row = {
		model_id: id,
		model_name: modelName,
		// LiteLLM stores provider secrets encrypted; show that they are not the plaintext.
		litellm_params: Object.fromEntries(Object.entries(litellmParams).map(([key, value]) => [key, key === 'api_key' ? Buffer.from(String(value)).toString('base64url') : value])),
		model_info: {...info, id, db_model: true},
		created_at: now,
		created_by: createdBy,
		updated_at: now,
		updated_by: createdBy,
	};
	sim.db.models.set(id, row);
	sim.models.add({model_name: modelName, litellm_params: {...litellmParams}, model_info: {...info, id, db_model: true}});
	sendJson(exchange, 200, row);
}

async function deleteModel(exchange: Exchange, sim: Sim): Promise<void> {
	const body = await exchange.modelJson(['id']);
	if (!sim.db) throw noDb.models();
	const id = String(body.id);
	if (!sim.db.models.delete(id)) throw proxyError(400, `Model with id=${id} not found in db`, {type: 'auth_error'});
	sim.models.remove(id);
	sendJson(exchange, 200, {message: `Model: ${id} deleted successfully`});
}

export const modelRoutes: RouteSpec[] = [
	{name: 'model_list', methods: ['GET'], paths: ['/v1/models', '/models'], access: 'info', handle: listModels},
	{name: 'model_info', methods: ['GET'], paths: ['/v1/models/{model_id}', '/models/{model_id}'], access: 'info', handle: getModel},
	{name: 'model_info_v1', methods: ['GET'], paths: ['/model/info', '/v1/model/info'], access: 'info', handle: modelInfo},
	{name: 'model_group_info', methods: ['GET'], paths: ['/model_group/info'], access: 'info', handle: modelGroupInfo},
	{name: 'add_new_model', methods: ['POST'], paths: ['/model/new'], access: 'admin', hidden: true, handle: newModel},
	{name: 'delete_model', methods: ['POST'], paths: ['/model/delete'], access: 'admin', hidden: true, handle: deleteModel},
];
