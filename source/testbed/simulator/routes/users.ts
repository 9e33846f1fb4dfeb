// §5 internal users: /user/new (which also creates a key), /user/info, /user/delete.
import {principalUserId} from '../auth/principal.js';
import type {Sim} from '../context.js';
import {proxyErrorFromDetail, validationError} from '../http/errors.js';
import type {Exchange} from '../http/exchange.js';
import {sendJson} from '../http/respond.js';
import type {RouteSpec} from '../http/router.js';
import {newUserRow} from '../state/rows.js';
import {numberOrNull, record, stringList, stringOrNull} from './fields.js';
import {createKey, keyInfo} from './keys.js';
import {noDb, requireDb} from './no-db.js';

const roles = ['proxy_admin', 'proxy_admin_viewer', 'internal_user', 'internal_user_viewer'];

async function newUser(exchange: Exchange, sim: Sim): Promise<void> {
	const body = await exchange.modelJson();
	if (body.user_role !== undefined && body.user_role !== null && !roles.includes(String(body.user_role))) {
		const expected = `${roles.slice(0, -1).map(role => `'${role}'`).join(', ')} or '${roles.at(-1)}'`;
		throw validationError([{type: 'enum', loc: ['body', 'user_role'], msg: `Input should be ${expected}`, input: body.user_role, ctx: {expected}}]);
	}

	const db = requireDb(sim, noDb.userNew);
	const userId = stringOrNull(body.user_id) ?? sim.rng.uuid();
	if (db.users.has(userId)) throw proxyErrorFromDetail(400, {error: `User with id=${userId} already exists`}, 'bad_request_error');
	const teams = stringList(body.teams).filter(team => db.teams.has(team));
	const user = newUserRow({
		user_id: userId,
		user_alias: stringOrNull(body.user_alias),
		user_email: stringOrNull(body.user_email),
		user_role: typeof body.user_role === 'string' ? body.user_role : 'internal_user',
		teams,
		models: stringList(body.models),
		max_budget: numberOrNull(body.max_budget),
		metadata: record(body.metadata),
		tpm_limit: numberOrNull(body.tpm_limit),
		rpm_limit: numberOrNull(body.rpm_limit),
		budget_duration: stringOrNull(body.budget_duration),
	});
	db.users.set(userId, user);
	for (const teamId of teams) {
		const team = db.teams.get(teamId)!;
		team.members.push(userId);
		team.members_with_roles.push({role: 'user', user_id: userId, user_email: user.user_email});
	}

	const {plaintext, row} = createKey(sim, db, {user_id: userId, models: body.models ?? [], duration: body.duration, metadata: body.metadata, key_alias: body.key_alias}, principalUserId(exchange.principal));
	sendJson(exchange, 200, {
		key: plaintext,
		key_name: row.key_name,
		token: row.token,
		expires: row.expires,
		user_id: userId,
		user_alias: user.user_alias,
		user_email: user.user_email,
		user_role: user.user_role,
		teams: user.teams,
		models: user.models,
		max_budget: user.max_budget,
		spend: 0,
		metadata: user.metadata,
		tpm_limit: user.tpm_limit,
		rpm_limit: user.rpm_limit,
		budget_duration: user.budget_duration,
		created_at: user.created_at,
		updated_at: user.updated_at,
	});
}

function userInfo(exchange: Exchange, sim: Sim): void {
	const db = requireDb(sim, noDb.userInfo);
	const {principal} = exchange;
	const userId = exchange.query('user_id') ?? principalUserId(principal);
	if (principal.role === 'virtual' && userId !== principal.key.user_id) {
		throw proxyErrorFromDetail(403, {error: `User=${principal.key.user_id ?? 'None'} not allowed to view user_id=${userId ?? 'None'}`}, 'auth_error');
	}

	const user = userId ? db.users.get(userId) : undefined;
	if (!user) throw proxyErrorFromDetail(404, {error: `User ${userId ?? 'None'} not found`});
	const keys = [...db.keys.values()].filter(row => row.user_id === user.user_id).map(row => ({token: row.token, ...keyInfo(row)}));
	const teams = [...db.teams.values()].filter(team => team.members.includes(user.user_id) || team.admins.includes(user.user_id));
	sendJson(exchange, 200, {user_id: user.user_id, user_info: user, keys, teams});
}

async function deleteUsers(exchange: Exchange, sim: Sim): Promise<void> {
	const body = await exchange.modelJson(['user_ids']);
	const db = requireDb(sim, noDb.userDelete);
	const ids = stringList(body.user_ids);
	const missing = ids.filter(id => !db.users.has(id));
	if (missing.length > 0) throw proxyErrorFromDetail(404, {error: `User(s) not found: ${missing.join(', ')}`});
	for (const id of ids) {
		db.users.delete(id);
		// LiteLLM deletes a user's keys with the user.
		for (const [token, row] of db.keys) if (row.user_id === id) db.keys.delete(token);
		for (const team of db.teams.values()) {
			team.members = team.members.filter(member => member !== id);
			team.admins = team.admins.filter(admin => admin !== id);
			team.members_with_roles = team.members_with_roles.filter(member => member.user_id !== id);
		}
	}

	sendJson(exchange, 200, {deleted_users: ids});
}

export const userRoutes: RouteSpec[] = [
	{name: 'new_user', methods: ['POST'], paths: ['/user/new'], access: 'admin', handle: newUser},
	{name: 'user_info', methods: ['GET'], paths: ['/user/info'], access: 'info', handle: userInfo},
	{name: 'delete_user', methods: ['POST'], paths: ['/user/delete'], access: 'admin', handle: deleteUsers},
];
