// LiteLLM's user_api_key_auth, as far as a client can see it: who may call a route, and the exact 401 bodies.
import type {Sim} from '../context.js';
import {authError, proxyError} from '../http/errors.js';
import type {Exchange} from '../http/exchange.js';
import type {Access} from '../http/router.js';
import {hashToken} from '../state/database.js';
import {maskKey, presentedKey} from './key-headers.js';
import type {Principal} from './principal.js';

export function authenticate(exchange: Exchange, sim: Sim, access: Exclude<Access, 'public' | 'control-plane'>): Principal {
	const {masterKey} = sim.options;
	if (!masterKey) return {role: 'proxy_admin', via: 'no-auth'};
	const presented = presentedKey(name => exchange.header(name));
	if (!presented) throw authError('No api key passed in.');
	const key = presented.value;
	if (key === '') throw authError('Malformed API Key passed in. Ensure Key has `Bearer ` prefix.');
	if (key === masterKey) return {role: 'proxy_admin', via: 'master-key', keyHash: hashToken(masterKey)};
	if (!key.startsWith('sk-')) throw authError(`LiteLLM Virtual Key expected. Received=${maskKey(key)}, expected to start with 'sk-'.`);
	if (!sim.db) throw authError('No connected db.');
	const row = sim.db.findKey(key);
	if (!row) {
		throw authError(
			`Invalid proxy server token passed. Received API Key = ${maskKey(key)}, Unable to find token in cache or LiteLLM_VerificationTokenTable`,
		);
	}

	if (row.expires && Date.parse(row.expires) < Date.now()) {
		throw proxyError(401, `Authentication Error - Expired Key. Key Expiry time ${row.expires} and current time ${new Date().toISOString()}`, {
			type: 'expired_key',
			param: 'None',
		});
	}

	if (row.blocked) throw authError("Key is blocked. Update via `/key/unblock` if you're admin.");
	if (access === 'admin') {
		const role = row.user_id && sim.db.users.get(row.user_id)?.user_role;
		throw authError(
			`Only proxy admin can be used to generate, delete, update info for new keys/users/teams. Route=${exchange.path}. Your role=${role || 'unknown'}. Your user_id=${row.user_id ?? 'None'}`,
		);
	}

	return {role: 'virtual', key: row};
}
