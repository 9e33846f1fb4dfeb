// Bad input runs nothing: empty flags, URLs with credentials, a query or a fragment, an unwritable --out, odd files
// and a bad history limit are refused with exit 2 and one clear line, before any request reaches a target.
import {execFileSync} from 'node:child_process';
import {mkdirSync, writeFileSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import {createServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {execa} from 'execa';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

const cli = path.resolve('dist/source/cli.js');
const canary = 'sk-BadInputCanary-5h6j7k8l9';
let server: Server;
let url = '';
let requests = 0;
const authorizations: string[] = [];
let home = '';

beforeAll(async () => {
	home = await mkdtemp(path.join(tmpdir(), 'parity-bad-input-'));
	server = createServer((request, response) => {
		requests++;
		authorizations.push(request.headers.authorization ?? '');
		request.resume();
		response.writeHead(200, {'content-type': 'application/json'}).end('{"status":"healthy"}');
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await new Promise<void>(resolve => server.close(() => resolve()));
	await rm(home, {recursive: true, force: true});
});

async function refused(args: string[], env: Record<string, string> = {}) {
	const before = requests;
	const result = await execa('node', [cli, ...args], {reject: false, env: {LITELLM_PARITY_HOME: home, ...env}, timeout: 20_000});
	expect(result.exitCode).toBe(2);
	expect(requests).toBe(before);
	const lines = result.stderr.trim().split('\n');
	expect(lines).toHaveLength(1);
	expect(result.stderr + result.stdout).not.toContain(canary);
	return lines[0]!;
}

describe('empty values (an unset CI variable) are refused, never replaced by the demo', () => {
	it.each([
		[['run', '--baseline', '', '--candidate', 'http://127.0.0.1:1'], '--baseline is empty'],
		[['run', '--baseline', 'http://127.0.0.1:1', '--candidate', ''], '--candidate is empty'],
		[['run', '--profile', ''], '--profile is empty'],
		[['run', '--fail-on', ''], '--fail-on is empty'],
		[['run', '--profile-file', ' '], '--profile-file is empty'],
	])('%j', async (args, message) => {
		expect(await refused(args)).toBe(`litellm-parity: ${message} (an unset variable?); give a value or leave the flag out`);
	});
});

describe('target URLs that would leak or mislead', () => {
	it('credentials in the URL: refused, masked in the message', async () => {
		expect(await refused(['run', '--baseline', url.replace('http://', `http://user:${canary}@`), '--candidate', url, '--check', 'health.liveliness'])).toMatch(/baseline\.url: 'http:\/\/\*\*\*\*@127\.0\.0\.1:\d+' holds credentials/);
	});

	it('a query (key-like or not): refused, masked in the message', async () => {
		expect(await refused(['run', '--baseline', url, '--candidate', `${url}/?api_key=${canary}`])).toMatch(/candidate\.url: 'http:\/\/127\.0\.0\.1:\d+\/\?\*\*\*\*' has a query/);
	});

	it('a fragment: refused', async () => {
		expect(await refused(['run', '--baseline', `${url}#top`, '--candidate', url])).toMatch(/has a fragment/);
	});
});

describe('files that are not what they claim', () => {
	it('an --out whose folder does not exist, or that is a folder, is refused before any request', async () => {
		expect(await refused(['run', '--baseline', url, '--candidate', url, '--out', path.join(home, 'missing', 'report.json')])).toMatch(/--out .* cannot be written \(its folder does not exist\); nothing was run/);
		expect(await refused(['run', '--baseline', url, '--candidate', url, '--out', home])).toMatch(/is a folder; give a file name/);
	}, 60_000);

	it('a FIFO, a folder, /dev/zero and a binary file as a profile: exit 2 at once, saying what it is', async () => {
		const fifo = path.join(home, 'profile.fifo');
		execFileSync('mkfifo', [fifo]);
		const binary = path.join(home, 'binary.yaml');
		writeFileSync(binary, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01]));
		mkdirSync(path.join(home, 'folder.yaml'));
		expect(await refused(['run', '--profile-file', fifo])).toContain('is a FIFO (named pipe), not a regular file');
		expect(await refused(['run', '--profile-file', path.join(home, 'folder.yaml')])).toContain('is a folder, not a regular file');
		expect(await refused(['run', '--profile-file', '/dev/zero'])).toContain('/dev/zero: the profile file is a character device, not a regular file');
		expect(await refused(['run', '--profile-file', binary])).toContain('holds binary content (NUL bytes), not text');
	}, 90_000);

	it('a huge YAML file is refused by size before it is parsed', async () => {
		const huge = path.join(home, 'huge.yaml');
		writeFileSync(huge, `name: huge\ndescription: "${'x'.repeat(2 * 1024 * 1024)}"\n`);
		expect(await refused(['run', '--profile-file', huge])).toContain('the profile file is 2.0 MB; the limit is 256 KB');
	});
});

describe('history limits', () => {
	it('`history list --limit 0` and a non-number are refused', async () => {
		expect(await refused(['history', 'list', '--limit', '0'])).toBe("litellm-parity: --limit expects a whole number of 1 or more, got '0'");
		expect(await refused(['history', 'list', '--limit', 'abc'])).toBe("litellm-parity: --limit expects a whole number, got 'abc'");
	});

	it('LITELLM_PARITY_HISTORY_LIMIT=0 is refused before the run, not obeyed by deleting every run', async () => {
		expect(await refused(['run', '--baseline', url, '--candidate', url], {LITELLM_PARITY_HISTORY_LIMIT: '0'})).toContain('LITELLM_PARITY_HISTORY_LIMIT must be a whole number of 1 or more');
		expect(await refused(['run', '--baseline', url, '--candidate', url], {LITELLM_PARITY_HISTORY_LIMIT: 'lots'})).toContain("got 'lots'");
	}, 60_000);
});

describe('keys kept out of ps', () => {
	it('--key-file sends the key from the file; --help says how', async () => {
		const keyFile = path.join(home, 'key');
		writeFileSync(keyFile, `${canary}\n`, {mode: 0o600});
		const result = await execa('node', [cli, 'run', '--baseline', url, '--candidate', url, '--key-file', keyFile, '--check', 'api.models', '--no-history'], {reject: false, env: {LITELLM_PARITY_HOME: home}});
		expect(result.stdout + result.stderr).not.toContain(canary);
		expect(authorizations).toContain(`Bearer ${canary}`);
		const help = (await execa('node', [cli, '--help'])).stdout;
		expect(help).toContain('--key-file PATH');
		expect(help).toContain('visible to every user of this machine in `ps`');
	}, 60_000);
});
