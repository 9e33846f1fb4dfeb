// The bounded walker every step uses on a server's value, and the control-character filter.
import {describe, expect, it} from 'vitest';
import {boundValue, cutMarker, keptBounds} from '../../source/values/bounded.js';
import {plainText} from '../../source/values/plain-text.js';

function nested(levels: number): unknown {
	return JSON.parse('['.repeat(levels) + ']'.repeat(levels));
}

describe('boundValue', () => {
	it('copies a value nested 100,000 levels deep without overflowing, cut at the depth limit with a marker', () => {
		const {value, report} = boundValue(nested(100_000), {...keptBounds, maxDepth: 5});
		expect(report.tooDeep).toBe(true);
		expect(JSON.stringify(value)).toBe(`[[[[["${cutMarker}: nested deeper than 5 levels]"]]]]]`);
	});

	it('cuts long strings and stops at the character budget, saying how much was left', () => {
		const {value, report} = boundValue({a: 'x'.repeat(5000), list: Array.from({length: 100}, () => 'y'.repeat(500))}, keptBounds);
		expect(report.stringsCut).toBe(1);
		expect(report.tooBig).toBe(true);
		const text = JSON.stringify(value);
		expect(text).toContain(`${cutMarker}: 3976 more characters]`);
		expect(text).toMatch(/…\[cut: \d+ more items\]/);
		expect(text.length).toBeLessThan(keptBounds.maxTotalChars + 2 * keptBounds.maxStringChars);
	});

	it('treats __proto__, toString and valueOf as ordinary keys', () => {
		const source = JSON.parse('{"__proto__": {"polluted": true}, "toString": 1, "valueOf": "v"}');
		const {value} = boundValue(source);
		expect(Object.keys(value)).toEqual(['__proto__', 'toString', 'valueOf']);
		expect(({} as {polluted?: boolean}).polluted).toBeUndefined();
		expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
	});

	it('applies the string mapping to keys and values', () => {
		expect(boundValue({'a\u001B': 'b\u0007'}, keptBounds, plainText).value).toEqual({'a␛': 'b␇'});
	});
});

describe('plainText', () => {
	it('makes escape sequences, C1 controls, DEL, lone CRs and bidi overrides visible and keeps tabs and line breaks', () => {
		expect(plainText('a\u001B]52;c;eA==\u0007b\u009B2J\u007F\r\n\tc\rd\u202Ee')).toBe('a␛]52;c;eA==␇b<U+009B>2J␡\r\n\tc␍d<U+202E>e');
	});

	it('leaves ordinary text (accents, emoji, CJK) alone', () => {
		const text = 'héllo ✓ 🙂 世界';
		expect(plainText(text)).toBe(text);
	});
});
