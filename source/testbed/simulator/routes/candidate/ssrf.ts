// LLMRouter refuses to register agents or MCP servers on private, loopback or link-local addresses (SSRF guard).
import {detailError} from '../../http/errors.js';

function isPrivateHost(hostname: string): boolean {
	const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
	if (host === 'localhost' || host.endsWith('.localhost') || host === '::1' || host === '0.0.0.0' || host.startsWith('fe80:') || host.startsWith('fc') || host.startsWith('fd')) return true;
	const octets = host.split('.').map(Number);
	if (octets.length !== 4 || octets.some(octet => !Number.isInteger(octet))) return false;
	const [a, b] = octets as [number, number, number, number];
	return a === 127 || a === 10 || a === 0 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31) || (a === 169 && b === 254);
}

export function assertPublicUrl(value: unknown, requestId: string | undefined): string {
	let url: URL;
	try {
		url = new URL(String(value));
	} catch {
		throw detailError(400, {error: 'invalid_url', message: `Invalid URL: ${String(value)}`, request_id: requestId});
	}

	if (!['http:', 'https:'].includes(url.protocol) || isPrivateHost(url.hostname)) {
		throw detailError(400, {error: 'ssrf_blocked', message: `URL blocked by SSRF protection: ${url.hostname} resolves to a private or loopback address`, request_id: requestId});
	}

	return url.toString();
}
