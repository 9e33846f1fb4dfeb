// `probe: tls`: a TLS handshake with the target's https:// URL: protocol, cipher, certificate subject, issuer and
// expiry. Trust follows the profile: `tls.ca` (a PEM file) adds a CA, `tls.insecure: true` accepts any certificate
// (and says so). The handshake always completes far enough to read the certificate, so an untrusted one is shown.
import {readFile} from 'node:fs/promises';
import {isIP} from 'node:net';
import {performance} from 'node:perf_hooks';
import tls, {type PeerCertificate, type TLSSocket} from 'node:tls';
import type {Observation} from '../domain.js';
import {errorMessage} from '../errors.js';
import type {Probe} from './types.js';

function describeName(name: PeerCertificate['subject'] | undefined): string {
	if (!name) return '';
	return Object.entries(name)
		.map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : value}`)
		.join(', ');
}

async function handshake(options: tls.ConnectionOptions, timeoutMs: number, signal: AbortSignal): Promise<TLSSocket> {
	return new Promise((resolve, reject) => {
		const socket = tls.connect(options);
		const fail = (error: Error) => {
			socket.destroy();
			reject(error);
		};

		const timer = setTimeout(() => fail(new Error(`TLS handshake timed out after ${timeoutMs} ms`)), timeoutMs);
		const abort = () => fail(new Error('cancelled'));
		signal.addEventListener('abort', abort, {once: true});
		socket.once('secureConnect', () => {
			clearTimeout(timer);
			signal.removeEventListener('abort', abort);
			resolve(socket);
		});
		socket.once('error', error => {
			clearTimeout(timer);
			signal.removeEventListener('abort', abort);
			fail(error);
		});
	});
}

export const tlsProbe: Probe = async context => {
	const {target, side} = context;
	const start = performance.now();
	const base = {side, headers: {}};
	const url = new URL(target.url);
	if (url.protocol !== 'https:') return {...base, reached: false, timing: {totalMs: 0}, skipped: `${side} is not an https:// URL`};
	const host = url.hostname.replace(/^\[|\]$/g, '');
	const port = Number(url.port || 443);
	const insecure = target.spec.tls?.insecure === true;
	let ca: Buffer | undefined;
	if (target.spec.tls?.ca) {
		try {
			ca = await readFile(target.spec.tls.ca);
		} catch (error) {
			return {...base, reached: false, timing: {totalMs: 0}, error: `cannot read ${side}.tls.ca '${target.spec.tls.ca}': ${errorMessage(error)}`};
		}
	}

	let socket: TLSSocket;
	try {
		// Verification is judged below from socket.authorized, so an untrusted certificate can still be described.
		socket = await handshake({host, port, servername: isIP(host) ? undefined : host, ca, rejectUnauthorized: false, ALPNProtocols: ['h2', 'http/1.1']}, Math.min(context.timeoutMs, 10_000), context.signal);
	} catch (error) {
		return {...base, reached: false, timing: {totalMs: performance.now() - start}, error: `TLS handshake with ${url.host} failed: ${errorMessage(error)}`};
	}

	const certificate = socket.getPeerCertificate();
	const cipher = socket.getCipher();
	const protocol = socket.getProtocol() ?? 'unknown';
	const verified = socket.authorized;
	const authorizationError = socket.authorizationError ? String(socket.authorizationError) : undefined;
	socket.end();
	const validTo = certificate.valid_to ? new Date(certificate.valid_to) : undefined;
	const daysLeft = validTo ? Math.floor((validTo.getTime() - Date.now()) / 86_400_000) : undefined;
	const trust = insecure ? 'insecure (any certificate accepted)' : ca ? `CA file ${target.spec.tls?.ca}` : 'system CAs';
	const facts: Record<string, unknown> = {
		handshake: true,
		protocol,
		cipher: cipher?.name,
		alpn: socket.alpnProtocol || undefined,
		subject: describeName(certificate.subject),
		issuer: describeName(certificate.issuer),
		validTo: validTo?.toISOString(),
		daysLeft,
		verified,
		...(authorizationError ? {authorizationError} : {}),
		trust,
		// What the check asks for: a handshake the profile's trust settings accept.
		accepted: verified || insecure,
		summary: `${protocol} ${cipher?.name ?? ''} · ${describeName(certificate.subject) || 'no subject'} · expires ${validTo?.toISOString().slice(0, 10) ?? '?'} (${daysLeft ?? '?'} d) · ${verified ? 'verified' : insecure ? 'not verified (insecure)' : `not trusted: ${authorizationError}`}`,
	};
	const observation: Observation = {...base, reached: true, timing: {totalMs: performance.now() - start}, facts, bodyText: JSON.stringify(facts, null, 2)};
	return observation;
};
