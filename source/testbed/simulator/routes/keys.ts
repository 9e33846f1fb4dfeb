// §5 virtual keys: /key/generate, /key/info, /key/update, /key/delete, /key/list.
import {maskKey} from '../auth/key-headers.js';
import {principalKeyHash, principalUserId} from '../auth/principal.js';
import type {Sim} from '../context.js';
import {proxyError, proxyErrorFromDetail} from '../http/errors.js';
import type {Exchange} from '../http/exchange.js';
import {sendJson} from '../http/respond.js';
import type {RouteSpec} from '../http/router.js';
import {hashToken, tokenHashOf, type Database, type KeyRow} from '../state/database.js';
import {newKeyRow, newUserRow} from '../state/rows.js';
import {expiryFrom} from './durations.js';
import {numberOrNull, record, stringList, stringOrNull} from './fields.js';
import {noDb, requireDb} from './no-db.js';

/** Body fields of GenerateKeyRequest/UpdateKeyRequest that map straight onto the key row. */
function keyFields(body: Record<string, unknown>): Partial<KeyRow> {
	const fields: Partial<KeyRow> = {};
	if ('key_alias' in body) fields.key_alias = stringOrNull(body.key_alias);
	if ('models' in body) fields.models = stringList(body.models);
	if ('max_budget' in body) fields.max_budget = numberOrNull(body.max_budget);
	if ('metadata' in body) fields.metadata = record(body.metadata);
	if ('aliases' in body) fields.aliases = record(body.aliases);
	if ('config' in body) fields.config = record(body.config);
	if ('permissions' in body) fields.permissions = record(body.permissions);
	if ('tpm_limit' in body) fields.tpm_limit = numberOrNull(body.tpm_limit);
	if ('rpm_limit' in body) fields.rpm_limit = numberOrNull(body.rpm_limit);
	if ('max_parallel_requests' in body) fields.max_parallel_requests = numberOrNull(body.max_parallel_requests);
	if ('budget_duration' in body) fields.budget_duration = stringOrNull(body.budget_duration);
	if ('user_id' in body) fields.user_id = stringOrNull(body.user_id);
	if ('team_id' in body) fields.team_id = stringOrNull(body.team_id);
	if ('blocked' in body) fields.blocked = typeof body.blocked === 'boolean' ? body.blocked : null;
	if ('allowed_cache_controls' in body) fields.allowed_cache_controls = stringList(body.allowed_cache_controls);
	if ('allowed_routes' in body) fields.allowed_routes = stringList(body.allowed_routes);
	if ('model_max_budget' in body) fields.model_max_budget = record(body.model_max_budget);
	if ('spend' in body && typeof body.spend === 'number') fields.spend = body.spend;
	if ('duration' in body) fields.expires = expiryFrom(body.duration);
	return fields;
}

/** The key row as /key/info shows it: everything but the hash. */
export function keyInfo(row: KeyRow): Record<string, unknown> {
	const {token: _token, ...info} = row;
	return info;
}

function ensureUser(db: Database, userId: string | null): void {
	if (userId && !db.users.has(userId)) db.users.set(userId, newUserRow({user_id: userId}));
}

/** Creates a key row from a generate-style body; returns the plaintext and the row. */
export function createKey(sim: Sim, db: Database, body: Record<string, unknown>, createdBy: string | undefined): {plaintext: string; row: KeyRow} {
	let plaintext = `sk-${sim.rng.tokenUrlSafe()}`;
	if (body.key !== undefined && body.key !== null) {
		const custom = String(body.key);
		if (!custom.startsWith('sk-')) {
			throw proxyError(400, `Invalid key format. LiteLLM Virtual Key must start with 'sk-'. Received=${maskKey(custom)}`, {type: 'bad_request_error', param: 'key'});
		}

		if (db.keys.has(hashToken(custom))) throw proxyError(400, 'Unique key constraint failed: a key with this value already exists', {type: 'bad_request_error', param: 'key'});
		plaintext = custom;
	}

	const row = newKeyRow(hashToken(plaintext), plaintext, {...keyFields(body), created_by: createdBy ?? null, updated_by: createdBy ?? null});
	if (row.key_alias && [...db.keys.values()].some(existing => existing.key_alias === row.key_alias)) {
		throw proxyError(400, `Key with alias '${row.key_alias}' already exists. Unique key aliases across all keys are required.`, {type: 'bad_request_error', param: 'key_alias'});
	}

	ensureUser(db, row.user_id);
	db.keys.set(row.token, row);
	return {plaintext, row};
}

export function generateResponse(plaintext: string, row: KeyRow, body: Record<string, unknown>): Record<string, unknown> {
	return {
		...keyInfo(row),
		key: plaintext,
		key_name: row.key_name,
		expires: row.expires,
		duration: stringOrNull(body.duration),
		token: row.token,
		token_id: row.token,
		soft_budget: numberOrNull(body.soft_budget),
		tags: body.tags ?? null,
		guardrails: body.guardrails ?? null,
		model_rpm_limit: body.model_rpm_limit ?? null,
		model_tpm_limit: body.model_tpm_limit ?? null,
		enforced_params: body.enforced_params ?? null,
		budget_id: null,
	};
}

async function generateKey(exchange: Exchange, sim: Sim): Promise<void> {
	const body = await exchange.modelJson();
	const db = requireDb(sim, noDb.keyGenerate);
	const {plaintext, row} = createKey(sim, db, body, principalUserId(exchange.principal));
	sendJson(exchange, 200, generateResponse(plaintext, row, body));
}

function keyInfoRoute(exchange: Exchange, sim: Sim): void {
	const db = requireDb(sim, noDb.keyInfo);
	const {principal} = exchange;
	const asked = exchange.query('key');
	const hash = asked ? tokenHashOf(asked) : principalKeyHash(principal);
	if (!hash) throw proxyErrorFromDetail(400, {error: 'No key passed in. Pass the key as a query parameter: /key/info?key=sk-...'});
	if (principal.role === 'virtual' && hash !== principal.key.token) {
		throw proxyErrorFromDetail(403, {error: "You are not allowed to access this key's info. Your role=internal_user"}, 'auth_error');
	}

	const row = db.keys.get(hash);
	if (!row) throw proxyErrorFromDetail(404, {error: 'Key not found in database'});
	sendJson(exchange, 200, {key: asked ?? hash, info: keyInfo(row)});
}

async function updateKey(exchange: Exchange, sim: Sim): Promise<void> {
	const body = await exchange.modelJson(['key']);
	const db = requireDb(sim, noDb.keyUpdate);
	const passed = String(body.key);
	const row = db.findKey(passed);
	if (!row) throw proxyErrorFromDetail(404, {error: `Key not found, passed key=${maskKey(passed)}`});
	const {key: _key, ...changes} = body;
	const fields = keyFields(changes);
	Object.assign(row, fields, {updated_at: new Date().toISOString(), updated_by: principalUserId(exchange.principal) ?? null});
	ensureUser(db, row.user_id);
	sendJson(exchange, 200, {key: passed, ...fields});
}

async function deleteKeys(exchange: Exchange, sim: Sim): Promise<void> {
	const body = await exchange.modelJson();
	const db = requireDb(sim, noDb.keyDelete);
	const keys = stringList(body.keys);
	const aliases = stringList(body.key_aliases);
	if (keys.length === 0 && aliases.length === 0) throw proxyError(400, 'Either keys or key_aliases must be provided.', {type: 'bad_request_error', param: 'keys'});
	const rows = [
		...keys.map(key => db.findKey(key)),
		...aliases.map(alias => [...db.keys.values()].find(row => row.key_alias === alias)),
	];
	if (rows.some(row => !row)) {
		throw proxyError(404, `Failed to delete all keys. Keys passed in request: ${keys.length + aliases.length}. Keys deleted: 0`, {type: 'not_found_error', param: 'keys'});
	}

	for (const row of rows) db.keys.delete(row!.token);
	sendJson(exchange, 200, {deleted_keys: keys.length > 0 ? keys : aliases});
}

function listKeys(exchange: Exchange, sim: Sim): void {
	const db = requireDb(sim, noDb.keyList);
	const page = Math.max(1, Number(exchange.query('page') ?? 1) || 1);
	const size = Math.max(1, Math.min(100, Number(exchange.query('size') ?? 10) || 10));
	const userId = exchange.query('user_id');
	const teamId = exchange.query('team_id');
	const alias = exchange.query('key_alias');
	const rows = [...db.keys.values()].filter(
		row => (!userId || row.user_id === userId) && (!teamId || row.team_id === teamId) && (!alias || row.key_alias === alias),
	);
	const full = exchange.query('return_full_object') === 'true';
	const slice = rows.slice((page - 1) * size, page * size);
	sendJson(exchange, 200, {
		keys: slice.map(row => (full ? row : row.token)),
		total_count: rows.length,
		current_page: page,
		total_pages: Math.max(1, Math.ceil(rows.length / size)),
	});
}

export const keyRoutes: RouteSpec[] = [
	{name: 'generate_key_fn', methods: ['POST'], paths: ['/key/generate'], access: 'admin', handle: generateKey},
	{name: 'update_key_fn', methods: ['POST'], paths: ['/key/update'], access: 'admin', handle: updateKey},
	{name: 'delete_key_fn', methods: ['POST'], paths: ['/key/delete'], access: 'admin', handle: deleteKeys},
	{name: 'info_key_fn', methods: ['GET'], paths: ['/key/info'], access: 'info', handle: keyInfoRoute},
	{name: 'list_keys', methods: ['GET'], paths: ['/key/list'], access: 'admin', handle: listKeys},
];
