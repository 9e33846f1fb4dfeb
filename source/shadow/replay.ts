// `run --replay FILE`: the requests of a shadow recording as checks, one row per route, judged by the engine like any
// check (the compare rules of the matching check file, noise from a second baseline sample), against both targets of
// whichever profile runs them. A day of real traffic becomes a regression suite.
import type {Catalog, CatalogCategory, CatalogRow, SelectedRow} from '../catalog/catalog.js';
import type {Check, RequestSpec} from '../catalog/schema.js';
import {parseYamlText} from '../shared/yaml-file.js';
import {ConfigError} from '../errors.js';
import {readInputText} from '../files/read-input.js';
import type {ExpectedEntry} from '../targets/profile-schema.js';
import {recordFileSchema, type RecordedExchange, type RecordFile} from './record-schema.js';
import {RouteRules} from './rules.js';

/** The largest recording read: 5,000 exchanges with bodies at their limits stay well below it. */
export const maxRecordingBytes = 512 * 1024 * 1024;

/** Read and validate a recording; a broken file is a one-line error naming the file, line and field. */
export async function loadRecording(file: string): Promise<RecordFile> {
	// A regular text file of a bounded size, refused before parsing otherwise (a FIFO, a device, a binary file).
	const text = readInputText(file, {what: 'recording', maxBytes: maxRecordingBytes});

	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		throw new ConfigError(`not a shadow recording: the file is not JSON (${(error as Error).message})`, {file});
	}

	const format = (value as {format?: unknown})?.format;
	if (format !== 'litellm-parity-shadow-record') throw new ConfigError(`not a shadow recording: format is ${JSON.stringify(format)}, expected "litellm-parity-shadow-record"`, {file, path: 'format'});
	const version = (value as {schemaVersion?: unknown}).schemaVersion;
	if (version !== 1) throw new ConfigError(`recorded with schemaVersion ${JSON.stringify(version)}; this version of litellm-parity reads schemaVersion 1`, {file, path: 'schemaVersion'});
	const parsed = recordFileSchema.safeParse(value);
	if (parsed.success) return parsed.data;
	// The slow path only for broken files: the YAML reader (JSON is YAML) finds the line of the first problem.
	return parseYamlText(text, file, recordFileSchema);
}

const credentials = new Set(['authorization', 'x-api-key', 'api-key', 'x-litellm-api-key', 'proxy-authorization', 'cookie', 'x-goog-api-key', 'anthropic-api-key']);

/** Whether a recorded request can be sent again, and if not, why. */
export function unreplayable(exchange: RecordedExchange): string | undefined {
	if (exchange.request.truncated) return 'its body was cut at the recording limit';
	if (exchange.request.bodyEncoding === 'base64') return 'its body is binary (multipart uploads are not replayed)';
	return undefined;
}

function requestOf(exchange: RecordedExchange): RequestSpec {
	const {request} = exchange;
	const headers: Record<string, string> = {};
	let auth: RequestSpec['auth'] = 'none';
	for (const [name, value] of Object.entries(request.headers)) {
		const lower = name.toLowerCase();
		if (lower === 'x-admin-api-key') auth = 'admin';
		else if (credentials.has(lower)) auth = auth === 'admin' ? auth : 'key';
		else if (lower !== 'content-length' && lower !== 'host') headers[lower] = value;
	}

	return {method: request.method, base: 'proxy', path: request.path, headers, ...(request.body === undefined ? {} : {body: request.body}), auth, llm: false};
}

function checkOf(exchange: RecordedExchange, rules: RouteRules, expected: readonly ExpectedEntry[]): Check {
	const rule = rules.ruleFor(exchange.route, exchange.streamed);
	const status = exchange.baseline.status;
	// The profile's acknowledgements of the matching check (or its row) hold for its replayed requests too.
	const acknowledged = expected.filter(entry => entry.check === rule.from || (rule.row !== undefined && entry.check === rule.row));
	return {
		...(acknowledged.length > 0 ? {expectedDifferences: acknowledged.map(({check: _check, ...entry}) => entry) as Check['expectedDifferences']} : {}),
		id: `replay.${exchange.id}`,
		title: `${exchange.request.method} ${exchange.request.path.length > 60 ? exchange.request.path.slice(0, 59) + '…' : exchange.request.path} (recorded #${exchange.id}${rule.from ? `, rules of ${rule.from}` : ''})`,
		probe: exchange.streamed ? 'sse' : 'http',
		request: requestOf(exchange),
		// The baseline's recorded status is what a replay expects; without one, any 2xx.
		expect: status === undefined ? {} : {status},
		compare: rule.compare,
	};
}

/** The recording as rows the engine runs: one row per route, one check per replayable exchange. */
export function replayRows(recording: RecordFile, catalog?: Catalog, file = 'recording', expected: readonly ExpectedEntry[] = []): {rows: SelectedRow[]; left: Array<{id: number; reason: string}>} {
	const rules = new RouteRules(catalog);
	const category: CatalogCategory = {id: 'replay', title: `Replayed traffic (${file})`, section: 'validation', order: 0, file, rows: []};
	const byRoute = new Map<string, Check[]>();
	const left: Array<{id: number; reason: string}> = [];
	for (const exchange of recording.exchanges) {
		const reason = unreplayable(exchange);
		if (reason) {
			left.push({id: exchange.id, reason});
			continue;
		}

		const checks = byRoute.get(exchange.route) ?? [];
		checks.push(checkOf(exchange, rules, expected));
		byRoute.set(exchange.route, checks);
	}

	let index = 0;
	const rows: SelectedRow[] = [];
	for (const [route, checks] of byRoute) {
		index++;
		const row: CatalogRow = {id: `replay.route-${index}`, feature: route, candidateOnly: false, checks, category: category.id};
		category.rows.push(row);
		rows.push({row, category, checks});
	}

	return {rows, left};
}
