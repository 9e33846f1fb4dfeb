// What LiteLLM writes into a fresh DB at startup: the master key's hash, owned by the proxy admin user.
import {proxyAdminUserId} from '../auth/principal.js';
import {hashToken, type Database} from './database.js';
import {newKeyRow, newUserRow} from './rows.js';

export function seedMasterKey(db: Database, masterKey: string): void {
	db.users.set(proxyAdminUserId, newUserRow({user_id: proxyAdminUserId, user_role: 'proxy_admin'}));
	const row = newKeyRow(hashToken(masterKey), masterKey, {user_id: proxyAdminUserId, created_by: proxyAdminUserId});
	db.keys.set(row.token, row);
}
