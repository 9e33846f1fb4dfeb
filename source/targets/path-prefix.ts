// The one place that decides whether a path prefix (or a health path) is safe to put between a target's URL and a
// check's path: it must start with `/` and can never change the host, the scheme or the port, whatever it contains.
import {ConfigError} from '../errors.js';

/** Why this prefix is unusable, or undefined when it is fine. `kind` names it in the message. */
export function pathPrefixProblem(value: string, kind = 'path prefix'): string | undefined {
	if (value === '') return undefined;
	if (!value.startsWith('/')) return `${kind} '${value}' must start with /`;
	if (value.startsWith('//')) return `${kind} '${value}' must not start with // (that would name another host)`;
	if (/[\s\\?#]/.test(value) || /\p{Cc}/u.test(value)) return `${kind} '${value}' may hold only path characters (no spaces, \\, ? or #)`;
	const segments = value.split('/').slice(1);
	for (const segment of segments) {
		let decoded = segment;
		try {
			decoded = decodeURIComponent(segment);
		} catch {
			return `${kind} '${value}' has a broken %-escape`;
		}

		if (decoded === '.' || decoded === '..') return `${kind} '${value}' must not hold . or .. segments`;
		if (decoded.includes('/') || decoded.includes('\\')) return `${kind} '${value}' must not hide a / or \\ in a %-escape`;
	}

	// The last word: joined to a URL it must leave the origin as it was.
	const base = new URL('http://gateway.invalid:4000');
	const joined = new URL(`${base.origin}${value.replace(/\/+$/, '')}/v1/models`);
	if (joined.origin !== base.origin) return `${kind} '${value}' would change the host`;
	return undefined;
}

/** A usable prefix without its trailing slash, or a ConfigError naming where it came from. */
export function checkPathPrefix(value: string | undefined, where: string, kind = 'path prefix'): string {
	if (value === undefined) return '';
	const problem = pathPrefixProblem(value, kind);
	if (problem) throw new ConfigError(`${problem}; write it like /gateway/openai`, {path: where});
	return value.replace(/\/+$/, '');
}
