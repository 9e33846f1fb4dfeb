import {mkdtemp, readFile, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {ConfigError} from '../../source/errors.js';
import {loadProfileFile, ProfileStore, profileToYaml} from '../../source/targets/profiles.js';
import {profileSchema} from '../../source/targets/profile-schema.js';
import {maskSecret, redact, resolveSecret} from '../../source/targets/secrets.js';
import {chooseProfile} from '../../source/targets/choose-profile.js';

const temporary = () => mkdtemp(path.join(tmpdir(), 'parity-store-'));

describe('profile store', () => {
	it('saves, reads back, lists, activates and deletes profiles in its folder', async () => {
		const cwd = await temporary();
		const store = new ProfileStore({cwd});
		store.save({name: 'team', baseline: {url: 'http://127.0.0.1:4000', key: '${env.LITELLM_MASTER_KEY}'}, candidate: {url: 'http://127.0.0.1:4001', key: '${env.LITELLM_MASTER_KEY}'}, expected: [{id: 'e1', check: 'api.models', reason: 'known'}]});
		store.setActive('team');

		const reopened = new ProfileStore({cwd});
		expect(reopened.names()).toEqual(['team']);
		expect(reopened.active).toBe('team');
		const profile = reopened.get('team')!;
		expect(profile.baseline.key).toBe('${env.LITELLM_MASTER_KEY}');
		expect(profile.expected[0]!.reason).toBe('known');
		expect(profile.models.chat).toBe('gpt-4o-mini');
		expect(reopened.path.startsWith(cwd)).toBe(true);
		expect((await stat(reopened.path)).mode & 0o777).toBe(0o600);

		expect(reopened.delete('team')).toBe(true);
		expect(new ProfileStore({cwd}).names()).toEqual([]);
		expect(new ProfileStore({cwd}).active).toBeUndefined();
	});

	it('keeps a corrupt store and says how to fix it', async () => {
		const cwd = await temporary();
		await writeFile(path.join(cwd, 'profiles.json'), '{"profiles": {"a": ');
		let error: unknown;
		try {
			new ProfileStore({cwd}).names();
		} catch (caught) {
			error = caught;
		}

		expect(error).toBeInstanceOf(ConfigError);
		expect((error as Error).message).toContain('profiles.json');
		expect((error as Error).message).toContain('cannot be read');
		expect(await readFile(path.join(cwd, 'profiles.json'), 'utf8')).toBe('{"profiles": {"a": ');
	});
});

describe('profile files', () => {
	it('loads the shipped demo and local-docker profiles', async () => {
		const demo = await loadProfileFile(path.resolve('profiles/demo.yaml'));
		expect(demo.baseline.embedded).toBe('baseline');
		expect(demo.candidate.embedded).toBe('candidate');
		const local = await loadProfileFile(path.resolve('profiles/local-docker.yaml'));
		expect(local.baseline.url).toBe('http://127.0.0.1:4000');
		expect(local.candidate.url).toBe('http://127.0.0.1:4001');
		expect(local.baseline.key).toBe('${env.LITELLM_MASTER_KEY}');
	});

	it('gives file:line for a bad field', async () => {
		const directory = await temporary();
		const file = path.join(directory, 'bad.yaml');
		await writeFile(file, 'name: bad\nbaseline: {url: http://a}\ncandidate: {url: http://b}\noptions:\n  concurrency: many\n');
		const error = await loadProfileFile(file).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(ConfigError);
		expect((error as ConfigError).location.line).toBe(5);
		expect((error as ConfigError).location.path).toBe('options.concurrency');
	});

	it('shows keys masked and keeps env references', () => {
		const profile = profileSchema.parse({name: 'p', baseline: {url: 'http://a', key: 'sk-literal-secret-12345'}, candidate: {url: 'http://b', key: '${env.KEY}'}});
		const yaml = profileToYaml(profile);
		expect(yaml).not.toContain('sk-literal-secret-12345');
		expect(yaml).toContain('sk-****2345');
		expect(yaml).toContain('${env.KEY}');
	});
});

describe('secrets', () => {
	it('resolves env references, refuses unset ones by name, and redacts what it resolved', () => {
		expect(resolveSecret('${env.PARITY_TEST_KEY}', {env: {PARITY_TEST_KEY: 'sk-from-env-abcdef123'}, where: 'x'})).toBe('sk-from-env-abcdef123');
		expect(redact('header was sk-from-env-abcdef123!')).toBe(`header was ${maskSecret('sk-from-env-abcdef123')}!`);
		expect(() => resolveSecret('${env.PARITY_UNSET_VAR}', {env: {}, where: "profile 'p' baseline.key"})).toThrow(/PARITY_UNSET_VAR is not set/);
		expect(maskSecret('short')).toBe('****');
	});

	it('chooses ad-hoc targets with the key from the environment', async () => {
		const chosen = await chooseProfile({baseline: 'http://127.0.0.1:1', candidate: 'http://127.0.0.1:2'}, undefined, {LITELLM_MASTER_KEY: 'sk-x'});
		expect(chosen.profile.baseline.key).toBe('${env.LITELLM_MASTER_KEY}');
		await expect(chooseProfile({baseline: 'http://127.0.0.1:1'})).rejects.toThrow(/both --baseline URL and --candidate URL/);
	});
});
