// Extra request headers a gateway needs (its own routing or tenant headers), from a profile or a `'name: value'` flag.
import {UsageError} from '../errors.js';

/** RFC 9110 token characters: what a header name may hold. */
const token = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export function headerProblem(name: string, value: string): string | undefined {
	if (!token.test(name)) return `header name '${name}' is not a valid HTTP header name`;
	if (/[\r\n\0]/.test(value)) return `header '${name}' has a line break or NUL in its value`;
	return undefined;
}

/** `'x-portkey-provider: openai'` → ['x-portkey-provider', 'openai']; anything else is a one-line usage error. */
export function parseHeaderFlag(text: string, flag: string): [string, string] {
	const colon = text.indexOf(':');
	// The value may be a credential: the message never repeats what was given.
	if (colon <= 0) throw new UsageError(`${flag} needs 'name: value' and the value given has no name before a ':' (for example ${flag} 'x-portkey-provider: openai')`);
	const name = text.slice(0, colon).trim();
	const value = text.slice(colon + 1).trim();
	const problem = headerProblem(name, value);
	if (problem) throw new UsageError(`${flag}: ${problem}`);
	return [name, value];
}

export function parseHeaderFlags(values: string[] | undefined, flag: string): Record<string, string> | undefined {
	if (!values || values.length === 0) return undefined;
	return Object.fromEntries(values.map(value => parseHeaderFlag(value, flag)));
}
