// Shared helpers for the simulator tests: start servers that are closed after each test, and a small HTTP client.
import {afterEach} from 'vitest';
import {request, FormData} from 'undici';
import {startSimulator, type SimulatorHandle, type SimulatorOptions} from '../../source/testbed/simulator/index.js';

const open: SimulatorHandle[] = [];

afterEach(async () => {
	await Promise.all(open.splice(0).map(handle => handle.close()));
});

export const masterKey = 'sk-master-1234';
export const adminKey = 'admin-key-5678';

export async function start(options: Partial<SimulatorOptions> = {}): Promise<SimulatorHandle> {
	const handle = await startSimulator({personality: 'baseline', masterKey, chunkDelayMs: 0, ...options});
	open.push(handle);
	return handle;
}

export type Answer = {status: number; headers: Record<string, string>; text: string; bytes: Buffer; json: any; ms: number};

export type CallOptions = {method?: string; headers?: Record<string, string>; json?: unknown; body?: string | Buffer | FormData; key?: string | null};

/** One HTTP call; `key` defaults to the master key (null sends none). */
export async function call(handle: {url: string}, path: string, options: CallOptions = {}): Promise<Answer> {
	const headers: Record<string, string> = {...options.headers};
	const key = options.key === undefined ? masterKey : options.key;
	if (key !== null && !Object.keys(headers).some(name => name.toLowerCase() === 'authorization')) headers.authorization = `Bearer ${key}`;
	let body = options.body;
	if (options.json !== undefined) {
		body = JSON.stringify(options.json);
		headers['content-type'] = 'application/json';
	}

	const started = performance.now();
	const response = await request(`${handle.url}${path}`, {method: (options.method ?? (body === undefined ? 'GET' : 'POST')) as 'GET', headers, body});
	const bytes = Buffer.from(await response.body.arrayBuffer());
	const ms = performance.now() - started;
	const text = bytes.toString('utf8');
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}

	const flat = Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]));
	return {status: response.statusCode, headers: flat, text, bytes, json, ms};
}

export function chatBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
	return {model: 'gpt-4o-mini', messages: [{role: 'user', content: 'ping'}], ...extra};
}

/** Parses an SSE body into its data payloads (JSON where it parses) and whether it ended with [DONE]. */
export function sseFrames(text: string): {frames: any[]; done: boolean; raw: string[]} {
	const raw = text.split('\n\n').filter(Boolean).map(block => block.replace(/^data: /, ''));
	const done = raw.at(-1) === '[DONE]';
	const frames = raw.filter(item => item !== '[DONE]').map(item => JSON.parse(item));
	return {frames, done, raw};
}

export {FormData};
