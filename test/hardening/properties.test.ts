// Property-based tests: random and mutated input never crashes the loaders, the SSE reader or the differ; bad
// files always come back as a located ConfigError.
import {readFileSync} from 'node:fs';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {checkFileSchema} from '../../source/catalog/schema.js';
import {diffBodies, maxDifferences} from '../../source/compare/diff.js';
import {parseYamlText} from '../../source/shared/yaml-file.js';
import {ConfigError} from '../../source/errors.js';
import {createStreamReader} from '../../source/probes/sse.js';
import {profileSchema} from '../../source/targets/profile-schema.js';

const checkFile = readFileSync('checks/api.yaml', 'utf8');
const profileFile = readFileSync('profiles/demo.yaml', 'utf8');

/** Mutations a person makes by mistake: a deleted, duplicated or cut line, a stray character, a bad indent. */
const mutated = (text: string) =>
	fc
		.record({line: fc.nat(), kind: fc.constantFrom('delete', 'duplicate', 'cut', 'insert', 'indent', 'tab'), position: fc.nat(), char: fc.constantFrom(':', '-', '{', '}', '[', ']', '"', "'", '#', '&', '*', '|', '>', 'x', ' ', '\t', '%', '@')})
		.map(({line, kind, position, char}) => {
			const lines = text.split('\n');
			const index = line % lines.length;
			const target = lines[index]!;
			switch (kind) {
				case 'delete':
					lines.splice(index, 1);
					break;
				case 'duplicate':
					lines.splice(index, 0, target);
					break;
				case 'cut':
					lines[index] = target.slice(0, position % (target.length + 1));
					break;
				case 'insert': {
					const at = position % (target.length + 1);
					lines[index] = target.slice(0, at) + char + target.slice(at);
					break;
				}

				case 'indent':
					lines[index] = ' ' + target;
					break;
				default:
					lines[index] = '\t' + target;
			}

			return lines.join('\n');
		});

function loadsOrExplains(text: string, file: string, schema: typeof checkFileSchema | typeof profileSchema): void {
	try {
		parseYamlText(text, file, schema);
	} catch (error) {
		expect(error).toBeInstanceOf(ConfigError);
		const message = (error as ConfigError).message;
		expect(message.startsWith(`${file}`)).toBe(true);
		expect(message).not.toContain('\n');
		const {line, path} = (error as ConfigError).location;
		expect(line !== undefined || path !== undefined).toBe(true);
	}
}

describe('loaders under random and mutated input', () => {
	it('check files: a mutated file loads or gives a located one-line error', () => {
		fc.assert(fc.property(mutated(checkFile), text => loadsOrExplains(text, 'checks/api.yaml', checkFileSchema)), {numRuns: 300});
	});

	it('check files: arbitrary text never crashes the loader', () => {
		fc.assert(
			fc.property(fc.string({maxLength: 400}), text => {
				try {
					parseYamlText(text, 'random.yaml', checkFileSchema);
				} catch (error) {
					expect(error).toBeInstanceOf(ConfigError);
				}
			}),
			{numRuns: 300},
		);
	});

	it('profiles: a mutated file loads or gives a located one-line error', () => {
		fc.assert(fc.property(mutated(profileFile), text => loadsOrExplains(text, 'profiles/demo.yaml', profileSchema)), {numRuns: 300});
	});
});

describe('SSE reader under random bytes', () => {
	it('never throws, however the bytes are split, and counts frames', () => {
		fc.assert(
			fc.property(fc.array(fc.uint8Array({maxLength: 64}), {maxLength: 20}), chunks => {
				const reader = createStreamReader(() => undefined, () => 0);
				for (const chunk of chunks) reader.feed(chunk);
				expect(reader.chunkCount).toBeGreaterThanOrEqual(0);
				expect(typeof reader.stream.text).toBe('string');
			}),
			{numRuns: 500},
		);
	});

	it('reads the same frames whatever the chunk boundaries (multi-byte characters included)', () => {
		const body = Buffer.from('data: {"choices":[{"delta":{"content":"héllo ✓ "}}]}\n\ndata: {"choices":[{"delta":{"content":"wörld"}}]}\n\ndata: [DONE]\n\n');
		fc.assert(
			fc.property(fc.array(fc.nat({max: body.length}), {maxLength: 10}), cuts => {
				const points = [...new Set([0, ...cuts, body.length])].sort((a, b) => a - b);
				const reader = createStreamReader(() => undefined, () => 0);
				for (let index = 1; index < points.length; index++) reader.feed(body.subarray(points[index - 1], points[index]));
				expect(reader.stream.text).toBe('héllo ✓ wörld');
				expect(reader.stream.done).toBe(true);
				expect(reader.chunkCount).toBe(2);
			}),
			{numRuns: 300},
		);
	});
});

describe('differ under random JSON', () => {
	it('never throws, finds nothing between a value and itself, and stays bounded', () => {
		fc.assert(
			fc.property(fc.jsonValue(), fc.jsonValue(), fc.constantFrom('exact', 'shape') as fc.Arbitrary<'exact' | 'shape'>, (a, b, mode) => {
				expect(diffBodies(a, structuredClone(a), mode, new Set())).toEqual([]);
				const differences = diffBodies(a, b, mode, new Set());
				expect(differences.length).toBeLessThanOrEqual(maxDifferences);
				for (const difference of differences) expect(difference.path.startsWith('$')).toBe(true);
			}),
			{numRuns: 500},
		);
	});
});
