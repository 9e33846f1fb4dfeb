// Scan log text for the secrets the tool knows (the profile's keys, a canary key it sent) and for anything shaped
// like an API key. Findings carry only masked values: the secret itself never leaves this module.
import {maskSecret} from '../targets/secrets.js';

export type KnownSecret = {label: string; value: string};

export type LeakFinding = {
	/** Which secret, or which pattern, was found. */
	what: string;
	stream: 'stdout' | 'stderr';
	/** 1-based line number inside that stream's window. */
	line: number;
	/** The leaked value, masked. */
	masked: string;
	/** The log line with every secret and key-like value masked, cut to a readable length. */
	excerpt: string;
};

/** Key-like values: OpenAI/LiteLLM-style sk- keys, bearer tokens, AWS access key ids, key=value assignments. */
export const keyPatterns: Array<{what: string; pattern: RegExp}> = [
	{what: 'sk- key pattern', pattern: /\bsk-[A-Za-z0-9_-]{12,}/g},
	{what: 'bearer token pattern', pattern: /\bBearer\s+([A-Za-z0-9._~+/-]{16,}=*)/g},
	{what: 'AWS access key pattern', pattern: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g},
	{what: 'key assignment pattern', pattern: /\b(?:api[_-]?key|master[_-]?key|admin[_-]?api[_-]?keys?|secret[_-]?key|x-api-key)\b["']?\s*[:=]\s*["']?([^\s"',}*]{12,})/gi},
];

function maskAll(text: string, values: Iterable<string>): string {
	let out = text;
	for (const value of values) if (value) out = out.split(value).join(maskSecret(value));
	return out;
}

export function scanText(text: string, stream: LeakFinding['stream'], secrets: KnownSecret[], maxExcerpt = 160): LeakFinding[] {
	const findings: LeakFinding[] = [];
	const lines = text.split('\n');
	for (const [index, line] of lines.entries()) {
		if (!line) continue;
		const hits: Array<{what: string; value: string}> = [];
		for (const secret of secrets) {
			if (secret.value && line.includes(secret.value)) hits.push({what: secret.label, value: secret.value});
		}

		for (const {what, pattern} of keyPatterns) {
			for (const match of line.matchAll(pattern)) {
				const value = match[1] ?? match[0];
				// A known secret is reported once, under its own name.
				if (hits.some(hit => hit.value.includes(value) || value.includes(hit.value))) continue;
				hits.push({what, value});
			}
		}

		if (hits.length === 0) continue;
		const values = hits.map(hit => hit.value).sort((a, b) => b.length - a.length);
		let excerpt = maskAll(line.trim(), values);
		if (excerpt.length > maxExcerpt) excerpt = excerpt.slice(0, maxExcerpt - 1) + '…';
		for (const hit of hits) findings.push({what: hit.what, stream, line: index + 1, masked: maskSecret(hit.value), excerpt});
	}

	return findings;
}

export function countLines(text: string): number {
	return text.split('\n').filter(line => line.trim() !== '').length;
}
