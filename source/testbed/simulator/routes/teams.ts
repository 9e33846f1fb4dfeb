// §5 teams: /team/new, /team/info, /team/list, /team/delete.
import {principalUserId} from '../auth/principal.js';
import type {Sim} from '../context.js';
import {proxyErrorFromDetail} from '../http/errors.js';
import type {Exchange} from '../http/exchange.js';
import {sendJson} from '../http/respond.js';
import type {RouteSpec} from '../http/router.js';
import type {TeamMember} from '../state/database.js';
import {newTeamRow} from '../state/rows.js';
import {numberOrNull, record, stringList, stringOrNull} from './fields.js';
import {keyInfo} from './keys.js';
import {noDb, requireDb} from './no-db.js';

function membersOf(value: unknown): TeamMember[] {
	if (!Array.isArray(value)) return [];
	return value
		.filter((item): item is Record<string, unknown> => Boolean(item) && typeof item === 'object')
		.map(item => ({role: item.role === 'admin' ? 'admin' : 'user', user_id: stringOrNull(item.user_id), user_email: stringOrNull(item.user_email)}));
}

async function newTeam(exchange: Exchange, sim: Sim): Promise<void> {
	const body = await exchange.modelJson();
	const db = requireDb(sim, noDb.teamNew);
	const teamId = stringOrNull(body.team_id) ?? sim.rng.uuid();
	if (db.teams.has(teamId)) throw proxyErrorFromDetail(400, {error: `Team id = ${teamId} already exists. Please use a different team id.`}, 'bad_request_error');
	const members = membersOf(body.members_with_roles);
	const caller = principalUserId(exchange.principal);
	// The caller joins the team as its admin.
	if (caller && !members.some(member => member.user_id === caller)) members.push({role: 'admin', user_id: caller, user_email: null});
	const team = newTeamRow({
		team_id: teamId,
		team_alias: stringOrNull(body.team_alias),
		organization_id: stringOrNull(body.organization_id),
		members_with_roles: members,
		admins: members.filter(member => member.role === 'admin' && member.user_id).map(member => member.user_id!),
		members: members.filter(member => member.role === 'user' && member.user_id).map(member => member.user_id!),
		metadata: record(body.metadata),
		tpm_limit: numberOrNull(body.tpm_limit),
		rpm_limit: numberOrNull(body.rpm_limit),
		max_budget: numberOrNull(body.max_budget),
		budget_duration: stringOrNull(body.budget_duration),
		models: stringList(body.models),
		blocked: body.blocked === true,
	});
	db.teams.set(teamId, team);
	sendJson(exchange, 200, team);
}

function teamInfo(exchange: Exchange, sim: Sim): void {
	const db = requireDb(sim, noDb.teamInfo);
	const teamId = exchange.query('team_id');
	if (!teamId) throw proxyErrorFromDetail(422, {error: 'Malformed request. No team id passed in.'});
	const team = db.teams.get(teamId);
	if (!team) throw proxyErrorFromDetail(404, {error: `Team not found, passed team_id=${teamId}`});
	const {principal} = exchange;
	if (principal.role === 'virtual' && principal.key.team_id !== teamId && !team.members.concat(team.admins).includes(principal.key.user_id ?? '')) {
		throw proxyErrorFromDetail(403, {error: `User not allowed to view team_id=${teamId}`}, 'team_member_permission_error');
	}

	const keys = [...db.keys.values()].filter(row => row.team_id === teamId).map(row => ({token: row.token, ...keyInfo(row)}));
	const memberships = team.members_with_roles.filter(member => member.user_id).map(member => ({user_id: member.user_id, team_id: teamId, budget_id: null, spend: 0}));
	sendJson(exchange, 200, {team_id: teamId, team_info: team, keys, team_memberships: memberships});
}

function listTeams(exchange: Exchange, sim: Sim): void {
	const db = requireDb(sim, noDb.teamList);
	sendJson(exchange, 200, [...db.teams.values()]);
}

async function deleteTeams(exchange: Exchange, sim: Sim): Promise<void> {
	const body = await exchange.modelJson(['team_ids']);
	const db = requireDb(sim, noDb.teamDelete);
	const ids = stringList(body.team_ids);
	const missing = ids.find(id => !db.teams.has(id));
	if (missing) throw proxyErrorFromDetail(404, {error: `Team not found, passed team_id=${missing}`});
	for (const id of ids) {
		db.teams.delete(id);
		for (const row of db.keys.values()) if (row.team_id === id) row.team_id = null;
	}

	sendJson(exchange, 200, {deleted_teams: ids});
}

export const teamRoutes: RouteSpec[] = [
	{name: 'new_team', methods: ['POST'], paths: ['/team/new'], access: 'admin', handle: newTeam},
	{name: 'team_info', methods: ['GET'], paths: ['/team/info'], access: 'info', handle: teamInfo},
	{name: 'list_team', methods: ['GET'], paths: ['/team/list'], access: 'admin', handle: listTeams},
	{name: 'delete_team', methods: ['POST'], paths: ['/team/delete'], access: 'admin', handle: deleteTeams},
];
