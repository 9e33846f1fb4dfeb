// Who is calling, once auth has run.
import type {KeyRow} from '../state/database.js';

export type Principal =
	/** The master key, or any caller when no master key is configured (LiteLLM then treats everyone as admin). */
	| {role: 'proxy_admin'; via: 'master-key' | 'no-auth'; keyHash?: string}
	/** A virtual key from /key/generate or /user/new. */
	| {role: 'virtual'; key: KeyRow};

export const proxyAdminUserId = 'default_user_id';

export function principalKeyHash(principal: Principal): string | undefined {
	return principal.role === 'virtual' ? principal.key.token : principal.keyHash;
}

export function principalUserId(principal: Principal): string | undefined {
	return principal.role === 'virtual' ? (principal.key.user_id ?? undefined) : proxyAdminUserId;
}
