// tls.ca is honoured by every HTTP check, not only by the TLS row: an HTTPS target signed by a throwaway CA (made
// with the openssl CLI) is reached through the profile's CA file, and refused in plain words without it.
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createServer, type Server} from 'node:https';
import type {AddressInfo} from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {ProfileInput} from '../../source/targets/profile-schema.js';
import {runProfile, urlProfile} from '../helpers/targets.js';

const folder = mkdtempSync(path.join(os.tmpdir(), 'parity-tls-ca-'));
function openssl(args: string[]): boolean {
	try {
		execFileSync('openssl', args, {cwd: folder, stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
}

writeFileSync(path.join(folder, 'san.ext'), 'subjectAltName=IP:127.0.0.1\n');
const made =
	openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=parity tls.ca test CA']) &&
	openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1']) &&
	openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.ext']);

describe.skipIf(!made)(`tls.ca on an HTTP check${made ? '' : ' (skipped: the openssl CLI could not make a certificate)'}`, () => {
	let server: Server;
	let url = '';
	beforeAll(async () => {
		server = createServer({key: readFileSync(path.join(folder, 'server.key')), cert: readFileSync(path.join(folder, 'server.pem'))}, (request, response) => {
			request.resume();
			response.writeHead(200, {'content-type': 'application/json'}).end('{"object":"list","data":[{"id":"gpt-4o-mini","object":"model"}]}');
		});
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		await new Promise<void>(resolve => server.close(() => resolve()));
		rmSync(folder, {recursive: true, force: true});
	});

	const profileWith = (tls?: {ca: string}) => {
		const target = {url, key: 'sk-test-master-key-1234', ...(tls ? {tls} : {})};
		return urlProfile(url, url, {baseline: target, candidate: target} as Partial<ProfileInput>);
	};

	it('reaches the target through the CA file', async () => {
		const {byCheck} = await runProfile(profileWith({ca: path.join(folder, 'ca.pem')}), {checks: ['api.models']});
		const result = Object.values(byCheck)[0]!;
		expect(result.baseline.error).toBeUndefined();
		expect(result.baseline.status).toBe(200);
	});

	it('without it, says the certificate was rejected and how to fix that', async () => {
		const {byCheck} = await runProfile(profileWith(), {checks: ['api.models']});
		expect(Object.values(byCheck)[0]!.baseline.error).toMatch(/^TLS certificate rejected by the tool \(UNABLE_TO_VERIFY_LEAF_SIGNATURE\); set tls\.ca or tls\.insecure in the profile$/);
	});

	it('an unreadable CA file is a configuration error naming the field', async () => {
		await expect(runProfile(profileWith({ca: path.join(folder, 'missing.pem')}), {checks: ['api.models']})).rejects.toThrow(/baseline\.tls\.ca: cannot read the CA file '.*missing\.pem'/);
	});
});
