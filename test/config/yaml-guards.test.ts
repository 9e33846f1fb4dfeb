// Input files that would make parsing slow or crash are refused before parsing, with a located message.
import {mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {parseYamlText} from '../../source/shared/yaml-file.js';
import {readInputText} from '../../source/files/read-input.js';
import {profileSchema} from '../../source/targets/profile-schema.js';

describe('YAML shapes that are refused before parsing', () => {
	it('flow collections nested deeper than 64 levels (10,000 levels ran the parser out of memory)', () => {
		expect(() => parseYamlText(`name: x\nbaseline: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, 'deep.yaml', profileSchema)).toThrow('deep.yaml:2: malformed YAML: [ ] or { } nested more than 64 levels deep');
	});

	it('more than 100 aliases (an alias bomb)', () => {
		const text = `a: &a [x]\n${Array.from({length: 5000}, (_, index) => `b${index}: *a`).join('\n')}\n`;
		expect(() => parseYamlText(text, 'bomb.yaml', profileSchema)).toThrow('bomb.yaml:102: malformed YAML: more than 100 aliases (*name); write the values out');
	});

	it('brackets and asterisks inside quoted text and comments do not count', () => {
		const text = `name: ok # [[[[ *x *y\ndescription: "${'['.repeat(100)} *a *b"\nbaseline: {url: 'http://a/[[[['}\ncandidate: {url: http://b}\n`;
		expect(parseYamlText(text, 'ok.yaml', profileSchema).name).toBe('ok');
	});
});

describe('files that are not YAML text', () => {
	it('refuses binary content and a file over the size cap, naming the file', async () => {
		const folder = await mkdtemp(path.join(tmpdir(), 'parity-input-'));
		const binary = path.join(folder, 'binary.yaml');
		await writeFile(binary, Buffer.from([0x6e, 0x61, 0x00, 0xff]));
		expect(() => readInputText(binary, {what: 'profile file'})).toThrow(`${binary}: the profile file holds binary content (NUL bytes), not text`);
		const latin = path.join(folder, 'latin.yaml');
		await writeFile(latin, Buffer.from([0x6e, 0x61, 0xe9]));
		expect(() => readInputText(latin, {what: 'profile file'})).toThrow(/is not UTF-8 text/);
		const huge = path.join(folder, 'huge.yaml');
		await writeFile(huge, 'a: b\n'.repeat(100_000));
		expect(() => readInputText(huge, {what: 'profile file'})).toThrow(`${huge}: the profile file is 0.5 MB; the limit is 256 KB (is it the right file?)`);
		expect(() => readInputText(folder, {what: 'profile file'})).toThrow(`${folder}: the profile file is a folder, not a regular file; give the path of a regular file`);
		expect(() => readInputText('/dev/zero', {what: 'profile file'})).toThrow('/dev/zero: the profile file is a character device, not a regular file; give the path of a regular file');
	});
});
