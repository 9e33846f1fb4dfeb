// Keys are given as ${env.NAME} references (preferred) or literals. Every resolved secret is registered so that
// anything the tool prints or writes can be scrubbed of it.
//
// The rules (docs/SECRETS.md says the same to users):
// - Only values that are secret by position are registered: the target keys and admin keys, every extra header value,
//   keys given on the command line, and values a check captures under a key-like name (key, token, secret,
//   password). A value is never registered because of what it looks like.
// - Minimum lengths: 6 characters for a value the user configured, 16 for a value a server chose (so a server that
//   answers "parity" as a generated key cannot black out the report's words).
// - Forms masked besides the value itself, for values of 8 characters or more: any letter case, base64 (standard and
//   URL-safe, at any alignment inside longer base64 text, so `Basic` credentials and encoded echoes are caught), and
//   the value reversed.
// - Split across stream chunks: the joined stream text is redacted; a live stream view holds back a tail that could be
//   the start of a secret until the next chunk shows it is not (createStreamRedactor); a string value that is wholly a
//   piece (8 characters or more) of a secret is masked (a chunk that carries half a key).
import {ConfigError} from '../errors.js';
import {answerBounds, bounded, type ValueBounds} from '../values/bounded.js';
import {plainText} from '../values/plain-text.js';

const envReference = /^\$\{env\.([A-Za-z_]\w*)\}$/;

export function isEnvReference(value: string): boolean {
	return envReference.test(value);
}

/** Where a secret came from decides how short it may be. */
export type SecretSource = 'configured' | 'server';
export const minSecretLength: Record<SecretSource, number> = {configured: 6, server: 16};
/** Variants (case, base64, reversed) and piece matching only for values this long. */
const minVariantLength = 8;
const minPieceLength = 8;

type Registered = {value: string; lower: string; forms: string[]};
const knownSecrets = new Map<string, Registered>();
let pattern: RegExp | undefined;
let maskOf = new Map<string, string>();

function base64Cores(value: string): string[] {
	const bytes = Buffer.from(value, 'utf8');
	const cores: string[] = [];
	for (let offset = 0; offset < 3; offset++) {
		const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
		const total = offset + bytes.length;
		// Only characters whose 6 bits all come from the secret: they appear whatever surrounds it.
		const core = encoded.slice(Math.ceil((offset * 8) / 6), Math.floor((total * 8) / 6));
		if (core.length >= minVariantLength) cores.push(core, core.replaceAll('+', '-').replaceAll('/', '_'));
	}

	return cores;
}

function formsOf(value: string): string[] {
	if (value.length < minVariantLength) return [value];
	return [...new Set([value, ...base64Cores(value), [...value].reverse().join('')])];
}

function escapeRegExp(text: string): string {
	return text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function rebuild(): void {
	const forms: Array<[string, string]> = [];
	for (const secret of knownSecrets.values()) {
		for (const [index, form] of secret.forms.entries()) forms.push([form, index === 0 ? maskSecret(secret.value) : '****']);
	}

	forms.sort((a, b) => b[0].length - a[0].length);
	maskOf = new Map(forms.map(([form, mask]) => [form.toLowerCase(), mask]));
	pattern = forms.length > 0 ? new RegExp(forms.map(([form]) => escapeRegExp(form)).join('|'), 'gi') : undefined;
}

/** Remember a secret so redact() removes it (and its variants) from any output. */
export function registerSecret(secret: string | undefined, source: SecretSource = 'configured'): void {
	if (!secret || secret.length < minSecretLength[source] || knownSecrets.has(secret) || isEnvReference(secret)) return;
	knownSecrets.set(secret, {value: secret, lower: secret.toLowerCase(), forms: formsOf(secret)});
	rebuild();
}

/** A URL as it may be shown: credentials (user:pass@) and the query replaced, whatever else is wrong with it. */
export function shownUrl(value: string): string {
	return value.replace(/^([a-z][\w+.-]*:\/\/)[^/?#]*@/i, '$1****@').replace(/\?[^#]*/, '?****');
}

/** Capture names that make a captured value a secret (a generated virtual key, a token). */
export const secretCaptureName = /key|token|secret|password/i;

/** Every secret registered so far, in the order learned (the explorer's engine host hands new ones to the explorer). */
export function registeredSecrets(): string[] {
	return [...knownSecrets.keys()];
}

export function maskSecret(secret: string | undefined): string {
	if (!secret) return '(none)';
	if (isEnvReference(secret)) return secret;
	if (secret.length < 12) return '****';
	return `${secret.slice(0, 3)}****${secret.slice(-4)}`;
}

/** Replace every registered secret, in any of its forms, in text with a masked form. */
export function redact(text: string): string {
	if (!pattern) return text;
	pattern.lastIndex = 0;
	if (!pattern.test(text)) return text;
	return text.replace(pattern, match => maskOf.get(match.toLowerCase()) ?? '****');
}

/** A string that is wholly a piece of a secret (half a key in one stream chunk) is masked too. */
function redactPiece(text: string): string {
	if (text.length < minPieceLength || knownSecrets.size === 0) return text;
	const lower = text.toLowerCase();
	for (const secret of knownSecrets.values()) {
		if (secret.value.length > text.length && secret.value.length >= minVariantLength && secret.lower.includes(lower)) return '****';
	}

	return text;
}

/** Everything a server sent or the tool derived from it, before it is shown or written: secrets and control characters out. */
export function scrub(text: string): string {
	return plainText(redact(text));
}

function scrubString(text: string): string {
	return plainText(redactPiece(redact(text)));
}

/**
 * Deep-redact the strings inside a JSON-like value, without recursion and within bounds (depth, size; cuts are
 * marked), with terminal control characters made visible. Safe on any value a server sent.
 */
export function redactValue<T>(value: T, bounds: ValueBounds = answerBounds): T {
	if (typeof value === 'string') return scrubString(value) as T;
	return bounded(value, bounds, scrubString);
}

/**
 * For text that arrives in pieces and is shown as it grows (a live stream): returns what can be shown now, redacted,
 * and a tail that could be the start of a secret, held back until the next piece (pass it in again) or the end
 * (show redact(held) then).
 */
export function redactStreamPiece(held: string, text: string): {shown: string; held: string} {
	const joined = redact(held + text);
	const lower = joined.toLowerCase();
	let keep = 0;
	for (const secret of knownSecrets.values()) {
		for (const form of secret.forms) {
			const formLower = form.toLowerCase();
			for (let length = Math.min(form.length - 1, lower.length); length > keep; length--) {
				if (lower.endsWith(formLower.slice(0, length))) {
					keep = length;
					break;
				}
			}
		}
	}

	return {shown: plainText(joined.slice(0, joined.length - keep)), held: joined.slice(joined.length - keep)};
}

export type SecretContext = {env?: NodeJS.ProcessEnv; where: string};

/** Resolve a literal or ${env.NAME} reference; an unset variable is a configuration error naming the field. */
export function resolveSecret(value: string | undefined, {env = process.env, where}: SecretContext): string | undefined {
	if (value === undefined || value === '') return undefined;
	const match = envReference.exec(value);
	if (!match) {
		registerSecret(value);
		return value;
	}

	const name = match[1]!;
	const resolved = env[name];
	if (resolved === undefined || resolved === '') {
		throw new ConfigError(`environment variable ${name} is not set; export it (export ${name}=sk-…) or put the key in the profile`, {path: where});
	}

	registerSecret(resolved);
	return resolved;
}

/** Expand ${env.NAME} anywhere inside a string (for URLs and headers); unset variables are errors. */
export function expandEnv(value: string, {env = process.env, where}: SecretContext): string {
	return value.replace(/\$\{env\.([A-Za-z_]\w*)\}/g, (_, name: string) => {
		const resolved = env[name];
		if (resolved === undefined) throw new ConfigError(`environment variable ${name} is not set`, {path: where});
		return resolved;
	});
}

/** Words of a header name that say it carries a credential (Authorization, x-api-key, x-gateway-token, cookies …). */
const credentialWords = new Set(['authorization', 'auth', 'key', 'apikey', 'token', 'secret', 'password', 'passwd', 'cookie', 'session', 'signature', 'credential', 'credentials', 'bearer', 'jwt']);
/** By whole words: x-portkey-provider is a routing header although "portkey" ends in "key". */
const credentialHeader = (name: string) => name.toLowerCase().split(/[-_.]/).some(word => credentialWords.has(word));

/** A value that looks like a key whatever its header: long, no spaces, not a URL, letters and digits mixed. */
function looksLikeKey(value: string): boolean {
	return value.length >= 16 && !/\s/.test(value) && !/^[a-z][\w+.-]*:\/\//i.test(value) && /\d/.test(value) && /[a-z]/i.test(value);
}

/**
 * A header value, resolved; registered as a secret when its name says it carries a credential or it looks like a key.
 * A gateway's routing headers (x-portkey-provider: openai, a custom host URL) are not secrets: masking them would
 * also blank every "openai" in the reports.
 */
export function resolveHeaderValue(value: string, context: SecretContext, name = 'authorization'): string {
	const secret = (text: string) => credentialHeader(name) || looksLikeKey(text) || credentialsAfterScheme(text).some(looksLikeKey);
	const register = (text: string) => {
		if (!secret(text)) return;
		registerSecret(text);
		for (const part of credentialsAfterScheme(text)) registerSecret(part);
	};

	register(value);
	const resolved = expandEnv(value, context);
	register(resolved);
	return resolved;
}

/**
 * The credential inside a value with an auth scheme in front ("Bearer sk-…", "Basic dXNlcjpw…"): a server may echo it
 * without the scheme, so it is a secret of its own; for Basic, the password inside the base64 too.
 */
export function credentialsAfterScheme(value: string): string[] {
	const match = /^(bearer|basic|token|api-?key|key)\s+(\S+)$/i.exec(value.trim());
	if (!match) return [];
	const credential = match[2]!;
	if (match[1]!.toLowerCase() !== 'basic') return [credential];
	const decoded = Buffer.from(credential, 'base64').toString('utf8');
	const colon = decoded.indexOf(':');
	return colon >= 0 ? [credential, decoded.slice(colon + 1)] : [credential];
}
