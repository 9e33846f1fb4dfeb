// The §7 answers of management endpoints when no database is connected.
import type {Sim} from '../context.js';
import {proxyError, proxyErrorFromDetail, type HttpError} from '../http/errors.js';
import type {Database} from '../state/database.js';

export const noDbMessages = {
	generateKeys: 'Connect Proxy to database to generate keys - https://docs.litellm.ai/docs/proxy/virtual_keys ',
	readInfo: 'Database not connected. Connect a database to your proxy - https://docs.litellm.ai/docs/simple_proxy#managing-auth---virtual-keys',
	common: 'DB not connected. See https://docs.litellm.ai/docs/proxy/virtual_keys',
};

export function requireDb(sim: Sim, error: () => HttpError): Database {
	if (!sim.db) throw error();
	return sim.db;
}

export const noDb = {
	generateKeys: () => proxyError(500, noDbMessages.generateKeys, {type: 'internal_server_error'}),
	readInfo: () => proxyError(500, noDbMessages.readInfo, {type: 'internal_server_error'}),
	common: () => proxyError(500, noDbMessages.common, {type: 'internal_server_error'}),
	team: () => proxyErrorFromDetail(500, {error: 'No db connected'}),
	teamRead: () => proxyErrorFromDetail(500, {error: noDbMessages.common}),
};
