// multipart/form-data bodies (audio transcriptions, file uploads), parsed with busboy from the buffered body.
import busboy from 'busboy';
import type {Exchange} from './exchange.js';

export type UploadedFile = {filename: string; mimeType: string; data: Buffer};

export type FormData = {fields: Record<string, string>; files: Record<string, UploadedFile>};

/** The form, or empty fields and files when the body is not multipart (FastAPI then reports the missing fields). */
export async function readForm(exchange: Exchange): Promise<FormData> {
	const form: FormData = {fields: {}, files: {}};
	const contentType = exchange.header('content-type') ?? '';
	if (!contentType.toLowerCase().startsWith('multipart/form-data')) return form;
	const raw = await exchange.rawBody();
	return new Promise<FormData>(resolve => {
		let parser: busboy.Busboy;
		try {
			parser = busboy({headers: exchange.req.headers});
		} catch {
			resolve(form);
			return;
		}

		parser.on('field', (name, value) => {
			form.fields[name] = value;
		});
		parser.on('file', (name, stream, info) => {
			const chunks: Buffer[] = [];
			stream.on('data', (chunk: Buffer) => chunks.push(chunk));
			stream.on('end', () => {
				form.files[name] = {filename: info.filename ?? '', mimeType: info.mimeType, data: Buffer.concat(chunks)};
			});
		});
		parser.on('close', () => resolve(form));
		parser.on('error', () => resolve(form));
		parser.end(raw);
	});
}
