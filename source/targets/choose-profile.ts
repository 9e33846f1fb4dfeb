// Which profile a command runs on: --profile, --profile-file, ad-hoc --baseline/--candidate URLs, the active saved
// profile, or the embedded demo when nothing else is configured.
import path from 'node:path';
import {UsageError} from '../errors.js';
import {profilesDirectory} from '../paths.js';
import {parseHeaderFlags} from './header-flag.js';
import {pathPrefixProblem} from './path-prefix.js';
import {flavours, profileSchema, type Flavour, type Profile} from './profile-schema.js';
import {findProfile, loadProfileFile, ProfileStore} from './profiles.js';

export type ProfileChoice = {
	profile?: string;
	profileFile?: string;
	baseline?: string;
	candidate?: string;
	key?: string;
	baselineKey?: string;
	candidateKey?: string;
	/** What the targets are: litellm, litellm-llmrouter or openai (overrides the profile's). */
	flavour?: string;
	/** 'name: value' headers per side, path prefixes and health paths (override the profile's). */
	baselineHeaders?: string[];
	candidateHeaders?: string[];
	baselinePrefix?: string;
	candidatePrefix?: string;
	baselineHealthPath?: string;
	candidateHealthPath?: string;
};

type SideFlags = {headers?: Record<string, string>; pathPrefix?: string; healthPath?: string};

function pathFlag(value: string | undefined, flag: string, kind: string): string | undefined {
	if (value === undefined) return undefined;
	const problem = pathPrefixProblem(value, kind);
	if (problem) throw new UsageError(`${flag}: ${problem}`);
	return value;
}

/** Validate the per-side flags up front: a bad header, prefix or flavour is one line and exit 2. */
function gatewayFlags(choice: ProfileChoice): {flavour?: Flavour; baseline: SideFlags; candidate: SideFlags} {
	if (choice.flavour !== undefined && !flavours.includes(choice.flavour as Flavour)) {
		throw new UsageError(`--flavour '${choice.flavour}' is not one of ${flavours.join(', ')}`);
	}

	return {
		flavour: choice.flavour as Flavour | undefined,
		baseline: {
			headers: parseHeaderFlags(choice.baselineHeaders, '--baseline-header'),
			pathPrefix: pathFlag(choice.baselinePrefix, '--baseline-prefix', 'path prefix'),
			healthPath: pathFlag(choice.baselineHealthPath, '--baseline-health-path', 'health path'),
		},
		candidate: {
			headers: parseHeaderFlags(choice.candidateHeaders, '--candidate-header'),
			pathPrefix: pathFlag(choice.candidatePrefix, '--candidate-prefix', 'path prefix'),
			healthPath: pathFlag(choice.candidateHealthPath, '--candidate-health-path', 'health path'),
		},
	};
}

function withFlags(profile: Profile, flags: ReturnType<typeof gatewayFlags>): Profile {
	const side = (spec: Profile['baseline'], given: SideFlags): Profile['baseline'] => ({
		...spec,
		...(given.headers ? {headers: {...spec.headers, ...given.headers}} : {}),
		...(given.pathPrefix === undefined ? {} : {pathPrefix: given.pathPrefix}),
		...(given.healthPath === undefined ? {} : {healthPath: given.healthPath}),
	});
	return {...profile, ...(flags.flavour ? {flavour: flags.flavour} : {}), baseline: side(profile.baseline, flags.baseline), candidate: side(profile.candidate, flags.candidate)};
}

export async function chooseProfile(choice: ProfileChoice, store?: ProfileStore, env: NodeJS.ProcessEnv = process.env): Promise<ChosenProfile> {
	const flags = gatewayFlags(choice);
	const chosen = await chooseBaseProfile(choice, store, env);
	return {...chosen, profile: withFlags(chosen.profile, flags)};
}

export type ChosenProfile = {profile: Profile; origin: string};

async function chooseBaseProfile(choice: ProfileChoice, store: ProfileStore | undefined, env: NodeJS.ProcessEnv): Promise<ChosenProfile> {
	const given = [choice.profile, choice.profileFile, choice.baseline ?? choice.candidate].filter(Boolean).length;
	if (given > 1) throw new UsageError('give only one of --profile, --profile-file or --baseline/--candidate');
	if (choice.baseline || choice.candidate) {
		if (!choice.baseline || !choice.candidate) throw new UsageError('ad-hoc targets need both --baseline URL and --candidate URL');
		const fallback = env.LITELLM_MASTER_KEY ? '${env.LITELLM_MASTER_KEY}' : undefined;
		const profile = profileSchema.parse({
			name: 'ad-hoc',
			baseline: {url: choice.baseline, key: choice.baselineKey ?? choice.key ?? fallback},
			candidate: {url: choice.candidate, key: choice.candidateKey ?? choice.key ?? fallback},
		});
		return {profile, origin: 'command line'};
	}

	if (choice.profileFile) return {profile: await loadProfileFile(path.resolve(choice.profileFile)), origin: choice.profileFile};
	const profileStore = store ?? new ProfileStore();
	if (choice.profile) {
		const entry = await findProfile(choice.profile, profileStore);
		return {profile: entry.profile, origin: entry.source.kind === 'file' ? path.relative(process.cwd(), entry.source.file) : 'saved profiles'};
	}

	const active = profileStore.active;
	if (active) {
		const entry = await findProfile(active, profileStore);
		return {profile: entry.profile, origin: 'active profile'};
	}

	return {profile: await loadProfileFile(path.join(profilesDirectory, 'demo.yaml')), origin: 'embedded demo'};
}
