// §4.6 files: multipart upload with purpose validation, list, retrieve, raw content, delete. In memory.
import type {Sim} from '../context.js';
import {HttpError, missingField, proxyError, validationError, type PydanticIssue} from '../http/errors.js';
import type {Exchange} from '../http/exchange.js';
import {readForm} from '../http/multipart.js';
import {sendBody, sendJson} from '../http/respond.js';
import type {RouteSpec} from '../http/router.js';
import {basicHeaders} from '../llm/call.js';
import {pyRepr, unixNow} from '../python-format.js';
import {validPurposes, type FileObject} from '../state/files.js';

async function createFile(exchange: Exchange, sim: Sim): Promise<void> {
	const form = await readForm(exchange);
	const file = form.files.file;
	const {purpose} = form.fields;
	const issues: PydanticIssue[] = [];
	if (!file) issues.push(missingField(['body', 'file'], null));
	if (purpose === undefined) issues.push(missingField(['body', 'purpose'], null));
	if (issues.length > 0) throw validationError(issues);
	if (!validPurposes.includes(purpose!)) {
		// LiteLLM 1.81.13 wraps the provider's error dict, as a string, in envelope A (measured).
		const allowed = `(${validPurposes.map(name => `'${name}'`).join(', ')})`;
		throw proxyError(400, pyRepr({error: `Invalid purpose: ${purpose}. Must be one of: ${allowed}`}));
	}
	const anchor = form.fields['expires_after[anchor]'];
	const seconds = form.fields['expires_after[seconds]'];
	if ((anchor === undefined) !== (seconds === undefined)) {
		throw new HttpError(400, {error: 'expires_after[anchor] and expires_after[seconds] must be provided together'});
	}

	const created = unixNow();
	const object: FileObject = {
		id: `file-${sim.rng.alnum(22)}`,
		object: 'file',
		bytes: file!.data.length,
		created_at: created,
		filename: file!.filename || 'upload',
		purpose: purpose!,
		status: 'processed',
		expires_at: seconds === undefined ? null : created + Number(seconds),
		status_details: null,
	};
	sim.files.add(object, file!.data);
	sendJson(exchange, 200, object, basicHeaders(exchange, sim));
}

export function requireFile(sim: Sim, id: string): {object: FileObject; content: Buffer} {
	const file = sim.files.get(id);
	if (!file) throw proxyError(404, `Error code: 404 - No such File object: ${id}`, {type: 'invalid_request_error', param: 'id'});
	return file;
}

function listFiles(exchange: Exchange, sim: Sim): void {
	const data = sim.files.list(exchange.query('purpose'));
	// LiteLLM 1.81.13 relays the provider's list as the OpenAI SDK types it: no first_id or last_id.
	sendJson(exchange, 200, {data, has_more: false, object: 'list'}, basicHeaders(exchange, sim));
}

function getFile(exchange: Exchange, sim: Sim): void {
	sendJson(exchange, 200, requireFile(sim, exchange.params.file_id!).object, basicHeaders(exchange, sim));
}

function fileContent(exchange: Exchange, sim: Sim): void {
	sendBody(exchange, 200, requireFile(sim, exchange.params.file_id!).content, 'application/octet-stream', basicHeaders(exchange, sim));
}

function deleteFile(exchange: Exchange, sim: Sim): void {
	const {object} = requireFile(sim, exchange.params.file_id!);
	sim.files.delete(object.id);
	sendJson(exchange, 200, {id: object.id, object: 'file', deleted: true}, basicHeaders(exchange, sim));
}

const prefixes = ['/v1/files', '/files', '/{provider}/v1/files'];

export const fileRoutes: RouteSpec[] = [
	{name: 'create_file', methods: ['POST'], paths: prefixes, access: 'llm', handle: createFile},
	{name: 'list_files', methods: ['GET'], paths: prefixes, access: 'llm', handle: listFiles},
	{name: 'get_file', methods: ['GET'], paths: prefixes.map(prefix => `${prefix}/{file_id}`), access: 'llm', handle: getFile},
	{name: 'get_file_content', methods: ['GET'], paths: prefixes.map(prefix => `${prefix}/{file_id}/content`), access: 'llm', handle: fileContent},
	{name: 'delete_file', methods: ['DELETE'], paths: prefixes.map(prefix => `${prefix}/{file_id}`), access: 'llm', handle: deleteFile},
];
