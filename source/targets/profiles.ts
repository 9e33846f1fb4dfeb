// Profiles come from two places: shareable files (profiles/*.yaml in the package and in the working folder) and the
// user's saved profiles in one JSON store (saved durably, see files/durable-write.ts). Saved ones win on a name clash, so a user can tailor a shared profile.
import {createHash} from 'node:crypto';
import {chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync} from 'node:fs';
import path from 'node:path';
import envPaths from 'env-paths';
import {stringify} from 'yaml';
import {ConfigError, UsageError, errorMessage} from '../errors.js';
import {DurableWriteError, describeFsError, removeLeftovers, writeDurably, type WriteChunk} from '../files/durable-write.js';
import {LockError, withOwnerLock} from '../files/owner-lock.js';
import {readInputText} from '../files/read-input.js';
import {parseYamlText} from '../shared/yaml-file.js';
import {profilesDirectory} from '../paths.js';
import {profileSchema, type Profile, type ProfileInput} from './profile-schema.js';
import {isEnvReference, maskSecret, shownUrl} from './secrets.js';

export type ProfileSource = {kind: 'saved'} | {kind: 'file'; file: string} | {kind: 'builtin'};
export type ProfileEntry = {profile: Profile; source: ProfileSource};

/** Folders searched for shareable profile files: the working folder's profiles/ first, then the package's. */
export function profileFolders(): string[] {
	const local = path.resolve('profiles');
	return local === profilesDirectory ? [local] : [local, profilesDirectory];
}

export async function loadProfileFile(file: string): Promise<Profile> {
	const text = readInputText(file, {what: 'profile file'});
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

/** A store larger than this is not a profile store: refused before it is read. */
export const maxStoreBytes = 16 * 1024 * 1024;

/** The saved profiles: one JSON file, written durably (see files/durable-write.ts) under an owner lock. */
export class ProfileStore {
	readonly path: string;

	constructor(options: {cwd?: string} = {}) {
		const cwd = options.cwd ?? process.env.LITELLM_PARITY_HOME;
		// The same file conf used (its config folder, profiles.json), so existing stores keep working.
		this.path = path.join(cwd ?? envPaths('litellm-parity', {suffix: ''}).config, 'profiles.json');
	}

	#read(): {active?: string; profiles: Map<string, unknown>} {
		let text: string;
		try {
			const info = statSync(this.path, {throwIfNoEntry: false});
			if (!info) return {profiles: new Map()};
			if (!info.isFile()) throw new ConfigError(`the profile store is not a regular file; move it away`, {file: this.path});
			if (info.size > maxStoreBytes) throw corruptStoreError(this.path, `it is ${(info.size / 1024 / 1024).toFixed(0)} MB, far more than profiles take`);
			text = readFileSync(this.path, 'utf8');
		} catch (error) {
			if (error instanceof ConfigError) throw error;
			throw storeAccessError(this.path, 'reading', error);
		}

		let parsed: unknown;
		try {
			parsed = JSON.parse(text);
		} catch (error) {
			throw corruptStoreError(this.path, errorMessage(error));
		}

		const shape = parsed as {active?: unknown; profiles?: unknown};
		if (!shape || typeof shape !== 'object' || Array.isArray(shape) || (shape.profiles !== undefined && (typeof shape.profiles !== 'object' || shape.profiles === null || Array.isArray(shape.profiles)))) {
			throw corruptStoreError(this.path, 'it is not an object with a "profiles" object');
		}

		// A Map: profile names like __proto__, toString or valueOf are just names.
		return {active: typeof shape.active === 'string' ? shape.active : undefined, profiles: new Map(Object.entries((shape.profiles as Record<string, unknown>) ?? {}))};
	}

	#write(store: {active?: string; profiles: Map<string, unknown>}): void {
		const content = JSON.stringify({...(store.active === undefined ? {} : {active: store.active}), profiles: Object.fromEntries(store.profiles)}, null, '\t');
		try {
			// Saved profiles may hold literal keys: only the owner may read them (the folder and every file in it).
			mkdirSync(path.dirname(this.path), {recursive: true, mode: 0o700});
			removeLeftovers(this.path);
			writeDurably(this.path, content, {mode: 0o600, write: storeWriteHook});
		} catch (error) {
			throw storeAccessError(this.path, 'saving', error);
		}
	}

	names(): string[] {
		return [...this.#read().profiles.keys()].sort();
	}

	get(name: string): Profile | undefined {
		const profiles = this.#read().profiles;
		if (!profiles.has(name)) return undefined;
		const parsed = profileSchema.safeParse(profiles.get(name));
		if (!parsed.success) {
			const issue = parsed.error.issues[0]!;
			throw new ConfigError(`${issue.message}; fix it with 'litellm-parity profiles import' or delete it`, {file: this.path, path: `profiles.${name}${issue.path.length > 0 ? `.${issue.path.join('.')}` : ''}`});
		}

		return parsed.data;
	}

	/**
	 * Every write is a read-modify-write of one file under a lock, so two processes saving at once lose nothing; a
	 * failed write leaves the old file as it was.
	 */
	#locked<T>(change: () => T): T {
		try {
			mkdirSync(path.dirname(this.path), {recursive: true, mode: 0o700});
			return withOwnerLock(this.path, change);
		} catch (error) {
			if (error instanceof ConfigError) throw error;
			if (error instanceof LockError) {
				throw new ConfigError(error.kind === 'busy' ? error.message : `could not save the profile store: ${error.message}; the saved profiles are unchanged`, {file: this.path});
			}

			throw storeAccessError(this.path, 'saving', error);
		}
	}

	save(profile: ProfileInput): Profile {
		const parsed = profileSchema.parse(profile);
		return this.#locked(() => {
			const store = this.#read();
			store.profiles.set(parsed.name, toStorable(parsed));
			this.#write(store);
			return parsed;
		});
	}

	delete(name: string): boolean {
		return this.#locked(() => {
			const store = this.#read();
			if (!store.profiles.has(name)) return false;
			store.profiles.delete(name);
			if (store.active === name) store.active = undefined;
			this.#write(store);
			return true;
		});
	}

	get active(): string | undefined {
		return this.#read().active;
	}

	setActive(name: string | undefined): void {
		this.#locked(() => {
			const store = this.#read();
			store.active = name;
			this.#write(store);
		});
	}
}

/** Tests replace the write to inject a short write where no small file system can be mounted. */
let storeWriteHook: WriteChunk | undefined;
export function setStoreWriteHookForTests(hook: WriteChunk | undefined): void {
	storeWriteHook = hook;
}

function storeAccessError(file: string, doing: 'reading' | 'saving', error: unknown): ConfigError {
	const reason = error instanceof DurableWriteError ? error.message : describeFsError(error);
	const what = doing === 'saving' ? `could not save the profile store: ${reason}; the saved profiles are unchanged` : `cannot read the profile store: ${reason}`;
	return new ConfigError(what, {file});
}

/** One backup per distinct corrupt content (named by its hash), made before anything else touches the file. */
function corruptStoreError(file: string, why: string): ConfigError {
	let backup: string | undefined;
	try {
		const content = readFileSync(file);
		const candidate = `${file}.corrupt-${createHash('sha256').update(content).digest('hex').slice(0, 12)}`;
		if (!existsSync(candidate)) {
			copyFileSync(file, candidate);
			chmodSync(candidate, 0o600);
		}

		backup = candidate;
	} catch {
		backup = undefined;
	}

	const kept = backup ? `it was left as is and copied to ${backup}` : 'it was left as is (a copy could not be made)';
	return new ConfigError(`the profile store cannot be read (${why}); ${kept}; fix the JSON or move the file away`, {file});
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
			if (target.url) target.url = shownUrl(target.url);
			if (target.key) target.key = maskSecret(target.key);
			if (target.adminKey) target.adminKey = maskSecret(target.adminKey);
			// Header values are secrets too; a value built only from ${env.NAME} references holds none itself.
			if (target.headers) target.headers = Object.fromEntries(Object.entries(target.headers).map(([name, value]) => [name, literalPart(value) ? maskSecret(value) : value]));
		}
	}

	const {$schema: _schema, ...rest} = copy;
	return `# yaml-language-server: $schema=../schemas/profile.schema.json\n${stringify(rest, {lineWidth: 0})}`;
}

/** The part of a header value that is not an ${env.NAME} reference (or a Bearer/Basic word before one). */
function literalPart(value: string): string {
	return value.replaceAll(/\$\{env\.[A-Za-z_]\w*\}/g, '').replace(/^\s*(Bearer|Basic|Token)\s*$/i, '').trim();
}

export function hasLiteralSecrets(profile: Profile): boolean {
	return (['baseline', 'candidate'] as const).some(side => {
		const {key, adminKey, headers} = profile[side];
		return Boolean((key && !isEnvReference(key)) || (adminKey && !isEnvReference(adminKey)) || Object.values(headers ?? {}).some(value => literalPart(value) !== ''));
	});
}
