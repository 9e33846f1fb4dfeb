// The secret registry's rules: which values are registered, and which forms of them are masked.
import {describe, expect, it} from 'vitest';
import {credentialsAfterScheme, redact, redactStreamPiece, redactValue, registerSecret, resolveHeaderValue, scrub} from '../../source/targets/secrets.js';

const canary = 'sk-Canary-7q2W9e4R1t6Y';
registerSecret(canary);
const forms = {
	lower: canary.toLowerCase(),
	upper: canary.toUpperCase(),
	reversed: [...canary].reverse().join(''),
	base64: Buffer.from(canary).toString('base64'),
	basicAuth: Buffer.from(`user:${canary}`).toString('base64'),
	base64url: Buffer.from(`xx${canary}`).toString('base64url'),
};

describe('registration', () => {
	it('ignores a server-chosen value shorter than 16 characters, so it cannot mask ordinary words', () => {
		registerSecret('parity', 'server');
		registerSecret('gap-drift-error', 'server');
		expect(redact('parity gap drift: gap-drift-error')).toBe('parity gap drift: gap-drift-error');
	});

	it('registers a configured key of 6 characters or more (sk-1234 included), not shorter ones', () => {
		registerSecret('sk-1234');
		registerSecret('abc12');
		expect(redact('key sk-1234 and abc12')).toBe('key **** and abc12');
	});

	it('registers the credential of a header value with an auth scheme on its own, so an echo without "Bearer " is masked', () => {
		resolveHeaderValue('Bearer SchemeCredential-4u7i9o', {where: 'test'}, 'x-tenant-auth');
		expect(redact('echoed SchemeCredential-4u7i9o back')).toBe('echoed Sch****7i9o back');
		// A Basic value: its base64 and the password inside it.
		const basic = `Basic ${Buffer.from('user:BasicPassword-3k5l7m').toString('base64')}`;
		resolveHeaderValue(basic, {where: 'test'}, 'authorization');
		expect(redact('password BasicPassword-3k5l7m')).toBe('password Bas****5l7m');
		// A routing header without a scheme or a key-like value stays visible.
		resolveHeaderValue('openai', {where: 'test'}, 'x-portkey-provider');
		expect(redact('provider openai')).toBe('provider openai');
		expect(credentialsAfterScheme('Bearer abc def')).toEqual([]);
		expect(credentialsAfterScheme('Token abcdef123')).toEqual(['abcdef123']);
	});

	it('never registers an ${env.NAME} reference itself', () => {
		registerSecret('${env.LITELLM_MASTER_KEY}');
		expect(redact('${env.LITELLM_MASTER_KEY}')).toBe('${env.LITELLM_MASTER_KEY}');
	});
});

describe('forms of a secret that are masked', () => {
	it.each(Object.entries(forms))('%s', (_name, form) => {
		const text = `echo: ${form} (end)`;
		const out = redact(text);
		expect(out).not.toContain(form);
		expect(out.startsWith('echo: ')).toBe(true);
		expect(out.endsWith(' (end)')).toBe(true);
	});

	it('shows the value itself in its masked form, and other forms as ****', () => {
		expect(redact(canary)).toBe('sk-****1t6Y');
		expect(redact(forms.reversed)).toBe('****');
	});

	it('masks a string value that is wholly a piece of a secret (half a key in one stream chunk)', () => {
		const value = redactValue({choices: [{delta: {content: canary.slice(0, 11)}}, {delta: {content: canary.slice(11)}}]});
		expect(JSON.stringify(value)).not.toContain(canary.slice(0, 11));
		expect(JSON.stringify(value)).not.toContain(canary.slice(11));
	});

	it('a top-level message with a key and escape sequences comes out masked and inert', () => {
		expect(scrub(`failed with ${canary}\u001B]0;title\u0007`)).toBe('failed with sk-****1t6Y␛]0;title␇');
	});
});

describe('a secret split across stream chunks', () => {
	it('is never shown in part: the tail that could start it waits for the next chunk', () => {
		const pieces = ['Here: ', canary.slice(0, 5), canary.slice(5, 14), canary.slice(14), ' done'];
		let held = '';
		let shown = '';
		const frames: string[] = [];
		for (const piece of pieces) {
			const step = redactStreamPiece(held, piece);
			held = step.held;
			shown += step.shown;
			frames.push(shown);
		}

		shown += scrub(held);
		for (const frame of frames) expect(frame).not.toMatch(/sk-C|Canary/);
		expect(shown).toBe('Here: sk-****1t6Y done');
	});

	it('lets an innocent tail through once the next chunk shows it is not a secret', () => {
		const first = redactStreamPiece('', 'ask-');
		expect(first.shown).toBe('a');
		const second = redactStreamPiece(first.held, 'me anything');
		expect(first.shown + second.shown + second.held).toBe('ask-me anything');
	});
});
