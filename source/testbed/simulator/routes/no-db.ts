// The answers of management endpoints when no database is connected: §7, corrected by what LiteLLM 1.81.13 answers
// (measured on the pinned real proxy). Each route words it its own way, in envelope A or B.
import type {Sim} from '../context.js';
import {detailError, proxyError, proxyErrorFromDetail, type HttpError} from '../http/errors.js';
import type {Database} from '../state/database.js';

export const noDbMessages = {
	generateKeys: 'Connect Proxy to database to generate keys - https://docs.litellm.ai/docs/proxy/virtual_keys ',
	readInfo: 'Database not connected. Connect a database to your proxy - https://docs.litellm.ai/docs/simple_proxy#managing-auth---virtual-keys',
	common: 'DB not connected. See https://docs.litellm.ai/docs/proxy/virtual_keys',
	models: "No DB Connected. Here's how to do it - https://docs.litellm.ai/docs/proxy/virtual_keys",
};

export function requireDb(sim: Sim, error: () => HttpError): Database {
	if (!sim.db) throw error();
	return sim.db;
}

export const noDb = {
	keyGenerate: () => proxyErrorFromDetail(500, {error: noDbMessages.common}),
	keyInfo: () => proxyError(500, `Internal Server Error, ${noDbMessages.readInfo}`, {type: 'internal_server_error'}),
	keyUpdate: () => proxyError(400, 'Authentication Error, Not connected to DB!', {type: 'auth_error'}),
	keyDelete: () => proxyError(500, 'Internal Server Error, Not connected to DB!', {type: 'internal_server_error'}),
	keyList: () => proxyError(500, 'Authentication Error, Database not connected', {type: 'internal_server_error'}),
	userNew: () => proxyError(400, noDbMessages.common, {type: 'internal_server_error'}),
	userInfo: () => proxyError(500, `Internal Server Error, ${noDbMessages.readInfo}`, {type: 'internal_server_error'}),
	userDelete: () => detailError(500, {error: 'No db connected'}),
	teamNew: () => proxyErrorFromDetail(500, {error: 'No db connected'}),
	teamInfo: () => proxyErrorFromDetail(500, {error: noDbMessages.readInfo}, 'auth_error'),
	teamList: () => detailError(400, {error: noDbMessages.common}),
	teamDelete: () => detailError(500, {error: 'No db connected'}),
	models: () => proxyErrorFromDetail(500, {error: noDbMessages.models}, 'auth_error'),
	globalSpend: () => proxyErrorFromDetail(500, {error: 'No db connected'}, 'internal_error'),
};
