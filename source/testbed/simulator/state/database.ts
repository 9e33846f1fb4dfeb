// The simulated Postgres: LiteLLM's verification tokens, users, teams, spend logs and DB-stored models, in memory.
import {sha256Hex} from '../random.js';

export type KeyRow = {
	token: string;
	key_name: string;
	key_alias: string | null;
	spend: number;
	max_budget: number | null;
	expires: string | null;
	models: string[];
	aliases: Record<string, unknown>;
	config: Record<string, unknown>;
	user_id: string | null;
	team_id: string | null;
	permissions: Record<string, unknown>;
	max_parallel_requests: number | null;
	metadata: Record<string, unknown>;
	blocked: boolean | null;
	tpm_limit: number | null;
	rpm_limit: number | null;
	budget_duration: string | null;
	budget_reset_at: string | null;
	allowed_cache_controls: string[];
	allowed_routes: string[];
	model_spend: Record<string, number>;
	model_max_budget: Record<string, unknown>;
	soft_budget_cooldown: boolean;
	created_at: string;
	created_by: string | null;
	updated_at: string;
	updated_by: string | null;
	org_id: string | null;
	litellm_budget_table: null;
};

export type UserRow = {
	user_id: string;
	user_alias: string | null;
	user_email: string | null;
	user_role: string;
	teams: string[];
	models: string[];
	max_budget: number | null;
	spend: number;
	metadata: Record<string, unknown>;
	tpm_limit: number | null;
	rpm_limit: number | null;
	budget_duration: string | null;
	budget_reset_at: string | null;
	created_at: string;
	updated_at: string;
};

export type TeamMember = {role: 'admin' | 'user'; user_id: string | null; user_email: string | null};

export type TeamRow = {
	team_id: string;
	team_alias: string | null;
	organization_id: string | null;
	admins: string[];
	members: string[];
	members_with_roles: TeamMember[];
	metadata: Record<string, unknown>;
	tpm_limit: number | null;
	rpm_limit: number | null;
	max_budget: number | null;
	budget_duration: string | null;
	models: string[];
	blocked: boolean;
	spend: number;
	max_parallel_requests: number | null;
	budget_reset_at: string | null;
	model_id: string | null;
	team_member_permissions: string[];
	created_at: string;
	updated_at: string;
};

export type SpendLogRow = {
	request_id: string;
	call_type: string;
	api_key: string;
	spend: number;
	total_tokens: number;
	prompt_tokens: number;
	completion_tokens: number;
	startTime: string;
	endTime: string;
	completionStartTime: string;
	model: string;
	model_id: string;
	model_group: string;
	custom_llm_provider: string;
	api_base: string;
	user: string;
	metadata: Record<string, unknown>;
	cache_hit: 'True' | 'False';
	cache_key: string;
	request_tags: string[];
	team_id: string | null;
	end_user: string;
	requester_ip_address: string;
	status: 'success' | 'failure';
	messages: Record<string, unknown>;
	response: Record<string, unknown>;
};

export type DbModelRow = {
	model_id: string;
	model_name: string;
	litellm_params: Record<string, unknown>;
	model_info: Record<string, unknown>;
	created_at: string;
	created_by: string;
	updated_at: string;
	updated_by: string;
};

export function hashToken(token: string): string {
	return sha256Hex(token);
}

/** A key as the user may pass it: plaintext `sk-…` or its stored hash. */
export function tokenHashOf(keyOrHash: string): string {
	return keyOrHash.startsWith('sk-') ? hashToken(keyOrHash) : keyOrHash;
}

export class Database {
	readonly keys = new Map<string, KeyRow>();
	readonly users = new Map<string, UserRow>();
	readonly teams = new Map<string, TeamRow>();
	readonly models = new Map<string, DbModelRow>();
	readonly spendLogs: SpendLogRow[] = [];

	findKey(keyOrHash: string): KeyRow | undefined {
		return this.keys.get(tokenHashOf(keyOrHash));
	}

	/** Adds a call's cost to the key, its user and its team, as LiteLLM's cost-tracking callback does. */
	addSpend(tokenHash: string | undefined, model: string, cost: number): void {
		if (!tokenHash || cost === 0) return;
		const key = this.keys.get(tokenHash);
		if (!key) return;
		key.spend += cost;
		key.model_spend[model] = (key.model_spend[model] ?? 0) + cost;
		if (key.user_id) {
			const user = this.users.get(key.user_id);
			if (user) user.spend += cost;
		}

		if (key.team_id) {
			const team = this.teams.get(key.team_id);
			if (team) team.spend += cost;
		}
	}

	totalSpend(): number {
		return this.spendLogs.reduce((sum, row) => sum + row.spend, 0);
	}
}
