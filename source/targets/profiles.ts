// Profiles come from two places: shareable files (profiles/*.yaml in the package and in the working folder) and the
// user's saved profiles in a conf store. Saved ones win on a name clash, so a user can tailor a shared profile.
import {existsSync, mkdirSync, readdirSync} from 'node:fs';
import {copyFile, readFile} from 'node:fs/promises';
import path from 'node:path';
import Conf from 'conf';
import lockfile from 'proper-lockfile';
import {stringify} from 'yaml';
import {ConfigError, UsageError, errorMessage} from '../errors.js';
import {parseYamlText} from '../config/yaml-file.js';
import {profilesDirectory} from '../paths.js';
import {profileSchema, type Profile, type ProfileInput} from './profile-schema.js';
import {isEnvReference, maskSecret} from './secrets.js';

export type ProfileSource = {kind: 'saved'} | {kind: 'file'; file: string} | {kind: 'builtin'};
export type ProfileEntry = {profile: Profile; source: ProfileSource};

type StoreShape = {active?: string; profiles: Record<string, ProfileInput>};

const lockAttempts = 100;
const lockRetryMs = 20;

/** Waiting for another process's lock inside a synchronous write (the store's API is synchronous, like conf's). */
function sleepSync(ms: number): void {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Folders searched for shareable profile files: the working folder's profiles/ first, then the package's. */
export function profileFolders(): string[] {
	const local = path.resolve('profiles');
	return local === profilesDirectory ? [local] : [local, profilesDirectory];
}

export async function loadProfileFile(file: string): Promise<Profile> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new ConfigError(code === 'ENOENT' ? 'profile file not found' : `cannot read profile file (${code})`, {file});
	}

	return parseYamlText(text, path.relative(process.cwd(), file) || file, profileSchema);
}

export function listProfileFiles(folders = profileFolders()): Array<{name: string; file: string}> {
	const seen = new Map<string, string>();
	for (const folder of folders) {
		if (!existsSync(folder)) continue;
		for (const entry of readdirSync(folder).sort()) {
			if (!/\.ya?ml$/.test(entry)) continue;
			const name = entry.replace(/\.ya?ml$/, '');
			if (!seen.has(name)) seen.set(name, path.join(folder, entry));
		}
	}

	return [...seen].map(([name, file]) => ({name, file}));
}

export class ProfileStore {
	readonly #conf: Conf<StoreShape>;

	constructor(options: {cwd?: string} = {}) {
		const cwd = options.cwd ?? process.env.LITELLM_PARITY_HOME;
		try {
			this.#conf = new Conf<StoreShape>({
				projectName: 'litellm-parity',
				projectSuffix: '',
				configName: 'profiles',
				cwd,
				defaults: {profiles: {}},
				clearInvalidConfig: false,
				// Saved profiles may hold literal keys: only the owner may read them.
				configFileMode: 0o600,
			});
		} catch (error) {
			throw corruptStoreError(storePath(cwd), error);
		}
	}

	get path(): string {
		return this.#conf.path;
	}

	#read(): StoreShape {
		try {
			return this.#conf.store;
		} catch (error) {
			throw corruptStoreError(this.#conf.path, error);
		}
	}

	names(): string[] {
		return Object.keys(this.#read().profiles ?? {}).sort();
	}

	get(name: string): Profile | undefined {
		const raw = this.#read().profiles?.[name];
		if (!raw) return undefined;
		const parsed = profileSchema.safeParse(raw);
		if (!parsed.success) {
			const issue = parsed.error.issues[0]!;
			throw new ConfigError(`${issue.message}; fix it with 'litellm-parity profiles import' or delete it`, {file: this.#conf.path, path: `profiles.${name}.${issue.path.join('.')}`});
		}

		return parsed.data;
	}

	/**
	 * Every write is a read-modify-write of one file; conf is not safe across processes, so writes hold a lock file.
	 * Another process saving at the same time is waited for (briefly), never overwritten.
	 */
	#locked<T>(write: () => T): T {
		mkdirSync(path.dirname(this.#conf.path), {recursive: true});
		let release: (() => void) | undefined;
		for (let attempt = 0; !release; attempt++) {
			try {
				release = lockfile.lockSync(this.#conf.path, {realpath: false, stale: 10_000});
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code !== 'ELOCKED' || attempt >= lockAttempts) {
					throw new ConfigError(`another litellm-parity process is saving profiles (${errorMessage(error)}); nothing was saved, try again`, {file: this.#conf.path});
				}

				sleepSync(lockRetryMs);
			}
		}

		try {
			return write();
		} finally {
			release();
		}
	}

	save(profile: ProfileInput): Profile {
		const parsed = profileSchema.parse(profile);
		return this.#locked(() => {
			const store = this.#read();
			this.#conf.set('profiles', {...store.profiles, [parsed.name]: toStorable(parsed)});
			return parsed;
		});
	}

	delete(name: string): boolean {
		return this.#locked(() => {
			const store = this.#read();
			if (!store.profiles?.[name]) return false;
			const {[name]: _removed, ...rest} = store.profiles;
			this.#conf.set('profiles', rest);
			if (store.active === name) this.#conf.delete('active');
			return true;
		});
	}

	get active(): string | undefined {
		return this.#read().active;
	}

	setActive(name: string | undefined): void {
		this.#locked(() => {
			if (name === undefined) this.#conf.delete('active');
			else this.#conf.set('active', name);
		});
	}
}

function storePath(cwd: string | undefined): string {
	return cwd ? path.join(cwd, 'profiles.json') : 'the litellm-parity profile store';
}

function corruptStoreError(file: string, error: unknown): ConfigError {
	const backup = `${file}.corrupt-${Date.now()}`;
	if (existsSync(file)) void copyFile(file, backup).catch(() => undefined);
	return new ConfigError(`the profile store cannot be read (${errorMessage(error)}); it was kept as is and copied to ${path.basename(backup)}; fix the JSON or move the file away`, {file});
}

/** Drop defaults-only noise so saved and exported profiles stay readable. */
function toStorable(profile: Profile): ProfileInput {
	return JSON.parse(JSON.stringify(profile)) as ProfileInput;
}

/** Find a profile by name: saved first, then profiles/*.yaml. */
export async function findProfile(name: string, store: ProfileStore | undefined): Promise<ProfileEntry> {
	const saved = store?.get(name);
	if (saved) return {profile: saved, source: {kind: 'saved'}};
	const file = listProfileFiles().find(entry => entry.name === name);
	if (file) return {profile: await loadProfileFile(file.file), source: {kind: 'file', file: file.file}};
	const known = [...new Set([...(store?.names() ?? []), ...listProfileFiles().map(entry => entry.name)])];
	throw new UsageError(`unknown profile '${name}'; known profiles: ${known.join(', ') || '(none)'}`);
}

/** The profile as YAML, as it would be shared: ${env} references kept, literal keys masked unless asked. */
export function profileToYaml(profile: Profile, {revealSecrets = false}: {revealSecrets?: boolean} = {}): string {
	const copy = structuredClone(profile) as Profile;
	if (!revealSecrets) {
		for (const side of ['baseline', 'candidate'] as const) {
			const target = copy[side];
			if (target.key) target.key = maskSecret(target.key);
			if (target.adminKey) target.adminKey = maskSecret(target.adminKey);
		}
	}

	const {$schema: _schema, ...rest} = copy;
	return `# yaml-language-server: $schema=../schemas/profile.schema.json\n${stringify(rest, {lineWidth: 0})}`;
}

export function hasLiteralSecrets(profile: Profile): boolean {
	return (['baseline', 'candidate'] as const).some(side => {
		const {key, adminKey} = profile[side];
		return Boolean((key && !isEnvReference(key)) || (adminKey && !isEnvReference(adminKey)));
	});
}
