// Which profile a command runs on: --profile, --profile-file, ad-hoc --baseline/--candidate URLs, the active saved
// profile, or the embedded demo when nothing else is configured.
import path from 'node:path';
import {UsageError} from '../errors.js';
import {profilesDirectory} from '../paths.js';
import {profileSchema, type Profile} from './profile-schema.js';
import {findProfile, loadProfileFile, ProfileStore} from './profiles.js';

export type ProfileChoice = {
	profile?: string;
	profileFile?: string;
	baseline?: string;
	candidate?: string;
	key?: string;
	baselineKey?: string;
	candidateKey?: string;
};

export type ChosenProfile = {profile: Profile; origin: string};

export async function chooseProfile(choice: ProfileChoice, store?: ProfileStore, env: NodeJS.ProcessEnv = process.env): Promise<ChosenProfile> {
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
