// When the two sides report different LiteLLM versions, every output says so first: differences that come from the
// version must not be read as customisation. One wording for the reports, the headless run and the explorer.
import type {SideVersions} from '../domain.js';

export type Versions = SideVersions;

/** The sides' versions when they differ (a banner on every output), else undefined. */
export function differentVersions(versions: Versions | undefined): Required<Versions> | undefined {
	if (!versions?.baseline || !versions.candidate || versions.baseline === versions.candidate) return undefined;
	return {baseline: versions.baseline, candidate: versions.candidate};
}

export function versionBanner(versions: Versions | undefined): string | undefined {
	const differ = differentVersions(versions);
	if (!differ) return undefined;
	return `different LiteLLM versions: baseline ${differ.baseline}, candidate ${differ.candidate} — differences may come from the version, not from the customisation`;
}
