// Keys are given as ${env.NAME} references (preferred) or literals. Every resolved secret is registered so that
// anything the tool prints or writes can be scrubbed of it.
import {ConfigError} from '../errors.js';

const envReference = /^\$\{env\.([A-Za-z_]\w*)\}$/;

export function isEnvReference(value: string): boolean {
	return envReference.test(value);
}

const knownSecrets = new Set<string>();

/** Remember a secret so redact() removes it from any output. */
export function registerSecret(secret: string | undefined): void {
	if (secret && secret.length >= 4) knownSecrets.add(secret);
}

export function maskSecret(secret: string | undefined): string {
	if (!secret) return '(none)';
	if (isEnvReference(secret)) return secret;
	if (secret.length < 12) return '****';
	return `${secret.slice(0, 3)}****${secret.slice(-4)}`;
}

/** Replace every registered secret (and anything shaped like an API key) in text with its masked form. */
export function redact(text: string): string {
	let out = text;
	for (const secret of knownSecrets) {
		if (out.includes(secret)) out = out.split(secret).join(maskSecret(secret));
	}

	return out;
}

/** Deep-redact strings inside a JSON-like value. */
export function redactValue<T>(value: T): T {
	if (typeof value === 'string') return redact(value) as T;
	if (Array.isArray(value)) return value.map(item => redactValue(item)) as T;
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, redactValue(inner)])) as T;
	}

	return value;
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
