// `litellm-parity profiles list|show|save|use|delete|import|export`.
import {chmod, writeFile} from 'node:fs/promises';
import path from 'node:path';
import {UsageError, errorMessage} from '../errors.js';
import {chooseProfile, type ProfileChoice} from '../targets/choose-profile.js';
import {findProfile, hasLiteralSecrets, listProfileFiles, loadProfileFile, profileToYaml, ProfileStore} from '../targets/profiles.js';
import {maskSecret, scrub, shownUrl} from '../targets/secrets.js';

export type ProfilesOptions = ProfileChoice & {name?: string; out?: string; use?: boolean};

type Io = {stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream};

function need(value: string | undefined, what: string): string {
	if (!value) throw new UsageError(`missing ${what}; see 'litellm-parity --help'`);
	return value;
}

export async function profilesCommand(action: string | undefined, argument: string | undefined, options: ProfilesOptions, io: Io = process, store = new ProfileStore()): Promise<number> {
	switch (action ?? 'list') {
		case 'list': {
			const active = store.active;
			const saved = store.names();
			const files = listProfileFiles().filter(entry => !saved.includes(entry.name));
			const lines = [
				...saved.map(name => {
					const mark = `${name === active ? '*' : ' '} ${name.padEnd(20)} saved   `;
					// One bad profile must not hide the others: it is listed with what is wrong.
					try {
						const profile = store.get(name)!;
						return mark + scrub(profile.description ?? `${describeTarget(profile.baseline)} ⇄ ${describeTarget(profile.candidate)}`);
					} catch (error) {
						return `${mark}(cannot be used: ${scrub(errorMessage(error))})`;
					}
				}),
				...files.map(entry => `${entry.name === active ? '*' : ' '} ${entry.name.padEnd(20)} file    ${path.relative(process.cwd(), entry.file)}`),
			];
			io.stdout.write((lines.length > 0 ? lines.join('\n') : '(no profiles)') + `\n${active ? '' : '(no active profile: the TUI and run use the embedded demo)\n'}`);
			return 0;
		}

		case 'show': {
			const entry = await findProfile(need(argument, 'profile name'), store);
			io.stdout.write(profileToYaml(entry.profile));
			return 0;
		}

		case 'save': {
			const name = need(argument, 'profile name');
			const chosen = await chooseProfile(options, store);
			const saved = store.save({...chosen.profile, name});
			if (options.use) store.setActive(name);
			io.stdout.write(`saved profile '${name}' (from ${chosen.origin}) to ${store.path}${options.use ? '; it is now active' : ''}\n`);
			warnLiteral(saved, io);
			return 0;
		}

		case 'use': {
			const name = need(argument, 'profile name');
			await findProfile(name, store);
			store.setActive(name);
			io.stdout.write(`active profile: ${name}\n`);
			return 0;
		}

		case 'delete': {
			const name = need(argument, 'profile name');
			if (!store.delete(name)) throw new UsageError(`no saved profile '${name}' (files in profiles/ are deleted by removing the file)`);
			io.stdout.write(`deleted saved profile '${name}'\n`);
			return 0;
		}

		case 'import': {
			const file = need(argument, 'profile file');
			const profile = await loadProfileFile(path.resolve(file));
			const name = options.name ?? profile.name;
			store.save({...profile, name});
			io.stdout.write(`imported ${file} as saved profile '${name}'\n`);
			warnLiteral(profile, io);
			return 0;
		}

		case 'export': {
			const entry = await findProfile(need(argument, 'profile name'), store);
			if (!options.out) {
				io.stdout.write(profileToYaml(entry.profile));
				return 0;
			}

			const literal = hasLiteralSecrets(entry.profile);
			await writeFile(options.out, profileToYaml(entry.profile, {revealSecrets: true}), {mode: literal ? 0o600 : 0o644});
			if (literal) await chmod(options.out, 0o600);
			io.stdout.write(`exported profile '${entry.profile.name}' to ${options.out}\n`);
			if (literal) io.stderr.write(`warning: ${options.out} holds literal keys; it is readable by you only. Prefer \${env.NAME} references for shared files.\n`);
			return 0;
		}

		default:
			throw new UsageError(`unknown profiles action '${action}'; use list, show, save, use, delete, import or export`);
	}
}

function describeTarget(target: {url?: string; embedded?: unknown; key?: string}): string {
	const where = target.url ? shownUrl(target.url) : `embedded ${typeof target.embedded === 'string' ? target.embedded : (target.embedded as {personality?: string})?.personality}`;
	return target.key ? `${where} (key ${maskSecret(target.key)})` : where;
}

function warnLiteral(profile: Parameters<typeof hasLiteralSecrets>[0], io: Io): void {
	if (hasLiteralSecrets(profile)) io.stderr.write('warning: this profile holds a literal key; the store is readable by you only. Prefer ${env.NAME} references.\n');
}
