// Fresh DB rows with LiteLLM's defaults, so every endpoint returns the same full shape.
import type {KeyRow, TeamRow, UserRow} from './database.js';

export function keyName(plaintext: string): string {
	return `sk-...${plaintext.slice(-4)}`;
}

export function newKeyRow(tokenHash: string, plaintext: string, fields: Partial<KeyRow> = {}): KeyRow {
	const now = new Date().toISOString();
	return {
		token: tokenHash,
		key_name: keyName(plaintext),
		key_alias: null,
		spend: 0,
		max_budget: null,
		expires: null,
		models: [],
		aliases: {},
		config: {},
		user_id: null,
		team_id: null,
		permissions: {},
		max_parallel_requests: null,
		metadata: {},
		blocked: null,
		tpm_limit: null,
		rpm_limit: null,
		budget_duration: null,
		budget_reset_at: null,
		allowed_cache_controls: [],
		allowed_routes: [],
		model_spend: {},
		model_max_budget: {},
		soft_budget_cooldown: false,
		created_at: now,
		created_by: null,
		updated_at: now,
		updated_by: null,
		org_id: null,
		litellm_budget_table: null,
		...fields,
	};
}

export function newUserRow(fields: Partial<UserRow> & {user_id: string}): UserRow {
	const now = new Date().toISOString();
	return {
		user_alias: null,
		user_email: null,
		user_role: 'internal_user',
		teams: [],
		models: [],
		max_budget: null,
		spend: 0,
		metadata: {},
		tpm_limit: null,
		rpm_limit: null,
		budget_duration: null,
		budget_reset_at: null,
		created_at: now,
		updated_at: now,
		...fields,
	};
}

export function newTeamRow(fields: Partial<TeamRow> & {team_id: string}): TeamRow {
	const now = new Date().toISOString();
	return {
		team_alias: null,
		organization_id: null,
		admins: [],
		members: [],
		members_with_roles: [],
		metadata: {},
		tpm_limit: null,
		rpm_limit: null,
		max_budget: null,
		budget_duration: null,
		models: [],
		blocked: false,
		spend: 0,
		max_parallel_requests: null,
		budget_reset_at: null,
		model_id: null,
		team_member_permissions: [],
		created_at: now,
		updated_at: now,
		...fields,
	};
}
