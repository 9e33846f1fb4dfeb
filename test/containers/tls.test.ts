// security.tls against a real HTTPS server with a certificate from a throwaway CA (made with the openssl CLI):
// trusted through the profile's tls.ca, untrusted without it, accepted but unverified with tls.insecure, skipped on http.
import {execFileSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';
import {createServer, type Server} from 'node:https';
import os from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {ProfileInput} from '../../source/targets/profile-schema.js';
import {runProfile, urlProfile} from '../helpers/targets.js';
import {tempFolder} from '../helpers/temp-folder.js';

function openssl(args: string[], cwd: string): boolean {
	try {
		execFileSync('openssl', args, {cwd, stdio: 'ignore'});
		return true;
	} catch {
		return false;
	}
}

const folder = tempFolder('litellm-parity-tls-');
writeFileSync(path.join(folder, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
const made =
	openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=litellm-parity test CA'], folder) &&
	openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost/O=litellm-parity'], folder) &&
	openssl(['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.ext'], folder);
if (!made) console.warn('security.tls tests SKIPPED: the openssl CLI could not make a test certificate');

describe.skipIf(!made)('security.tls against a local HTTPS server', () => {
	let server: Server;
	let url = '';
	beforeAll(async () => {
		server = createServer({key: readFileSync(path.join(folder, 'server.key')), cert: readFileSync(path.join(folder, 'server.pem'))}, (_request, response) => response.end('{}'));
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		url = `https://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}`;
	});
	afterAll(async () => {
		await new Promise<void>(resolve => server.close(() => resolve()));
	});

	const profileWith = (tls: {ca?: string; insecure?: boolean} | undefined) => {
		const target = {url, key: 'sk-test-master-key-1234', ...(tls ? {tls} : {})};
		return urlProfile(url, url, {baseline: target, candidate: target} as Partial<ProfileInput>);
	};

	it('reports protocol, cipher, subject and expiry, verified through the profile CA', async () => {
		const {byCheck} = await runProfile(profileWith({ca: path.join(folder, 'ca.pem')}), {checks: ['security.tls']});
		const result = byCheck['security.tls.handshake']!;
		expect(result.verdict).toBe('parity');
		expect(result.facts?.candidate).toMatchObject({handshake: true, verified: true, accepted: true, protocol: expect.stringMatching(/^TLSv1\.[23]$/), subject: expect.stringContaining('CN=localhost')});
		expect(result.facts?.candidate?.daysLeft).toBeGreaterThanOrEqual(0);
		expect(String(result.facts?.candidate?.cipher)).not.toBe('');
	});

	it('fails both sides without the CA, naming why the certificate is not trusted', async () => {
		const {byCheck} = await runProfile(profileWith(undefined), {checks: ['security.tls']});
		const result = byCheck['security.tls.handshake']!;
		expect(result.verdict).toBe('both-fail');
		expect(result.facts?.baseline).toMatchObject({handshake: true, verified: false, accepted: false});
		expect(String(result.facts?.baseline?.authorizationError)).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED|unable to verify/i);
	});

	it('accepts an unverified certificate only with an explicit tls.insecure, and says so', async () => {
		const {byCheck} = await runProfile(profileWith({insecure: true}), {checks: ['security.tls']});
		const result = byCheck['security.tls.handshake']!;
		expect(result.verdict).toBe('parity');
		expect(result.facts?.baseline).toMatchObject({verified: false, accepted: true, trust: 'insecure (any certificate accepted)'});
	});

	it('is skipped with the reason on http:// targets', async () => {
		const {byCheck} = await runProfile(urlProfile('http://127.0.0.1:9', 'http://127.0.0.1:9'), {checks: ['security.tls']});
		expect(byCheck['security.tls.handshake']).toMatchObject({verdict: 'skipped', reason: 'baseline is not an https:// URL; candidate is not an https:// URL'});
	});
});
