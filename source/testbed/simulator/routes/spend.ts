// §5 spend tracking: /spend/logs (rows written by every LLM call while the DB is on) and /global/spend.
import type {Sim} from '../context.js';
import {detailError, proxyError} from '../http/errors.js';
import type {Exchange} from '../http/exchange.js';
import {sendJson} from '../http/respond.js';
import type {RouteSpec} from '../http/router.js';
import {tokenHashOf, type SpendLogRow} from '../state/database.js';
import {noDb, noDbMessages} from './no-db.js';

function summarizeByDay(rows: SpendLogRow[]): unknown[] {
	const days = new Map<string, {startTime: string; spend: number; users: Record<string, number>; models: Record<string, number>; [apiKey: string]: unknown}>();
	for (const row of rows) {
		const day = row.startTime.slice(0, 10);
		const entry = days.get(day) ?? {startTime: day, spend: 0, users: {}, models: {}};
		entry.spend += row.spend;
		if (row.user) entry.users[row.user] = (entry.users[row.user] ?? 0) + row.spend;
		entry.models[row.model] = (entry.models[row.model] ?? 0) + row.spend;
		if (row.api_key) entry[row.api_key] = ((entry[row.api_key] as number | undefined) ?? 0) + row.spend;
		days.set(day, entry);
	}

	return [...days.values()];
}

function spendLogs(exchange: Exchange, sim: Sim): void {
	if (!sim.db) throw proxyError(500, `/spend/logs Error${noDbMessages.readInfo}`, {type: 'internal_error'});
	const apiKey = exchange.query('api_key');
	const userId = exchange.query('user_id');
	const requestId = exchange.query('request_id');
	const start = exchange.query('start_date');
	const end = exchange.query('end_date');
	const {principal} = exchange;
	const own = principal.role === 'virtual' ? principal.key.token : undefined;
	const wantedKey = apiKey ? tokenHashOf(apiKey) : undefined;
	const rows = sim.db.spendLogs.filter(row => {
		const day = row.startTime.slice(0, 10);
		return (
			(!own || row.api_key === own) &&
			(!wantedKey || row.api_key === wantedKey) &&
			(!userId || row.user === userId) &&
			(!requestId || row.request_id === requestId) &&
			(!start || day >= start) &&
			(!end || day <= end)
		);
	});
	const summarize = exchange.query('summarize') !== 'false';
	sendJson(exchange, 200, start && end && summarize && !apiKey && !requestId && !userId ? summarizeByDay(rows) : rows);
}

function globalSpend(exchange: Exchange, sim: Sim): void {
	if (!sim.db) throw noDb.globalSpend();
	sendJson(exchange, 200, {spend: sim.db.totalSpend(), max_budget: 0});
}

export const spendRoutes: RouteSpec[] = [
	{name: 'view_spend_logs', methods: ['GET'], paths: ['/spend/logs'], access: 'info', handle: spendLogs},
	{name: 'global_spend', methods: ['GET'], paths: ['/global/spend'], access: 'admin', handle: globalSpend},
];
