// Profile changes the explorer makes: the inline target form, expected differences, and the picker's list.
import path from 'node:path';
import {sides, type Side} from '../../domain.js';
import {profileSchema, type Profile} from '../../targets/profile-schema.js';
import {listProfileFiles, type ProfileStore} from '../../targets/profiles.js';
import type {FormField, PickerEntry} from '../model/state.js';

export function formFieldsFor(profile: Profile): FormField[] {
	return sides.flatMap((side): FormField[] => {
		const spec = profile[side];
		const embedded = spec.embedded ? `embedded ${typeof spec.embedded === 'string' ? spec.embedded : spec.embedded.personality} simulator` : undefined;
		return [
			{id: `${side}.url`, label: `${side} URL`, value: spec.url ?? '', secret: false, placeholder: embedded ? `(${embedded}; type a URL to use a real proxy)` : 'http://127.0.0.1:4000'},
			{id: `${side}.key`, label: `${side} key`, value: spec.key ?? '', secret: true, placeholder: '${env.LITELLM_MASTER_KEY} or sk-…'},
		];
	});
}

/** The profile with the form's URLs and keys; throws a readable message when the result is not a valid profile. */
export function applyTargetEdits(profile: Profile, fields: FormField[]): Profile {
	const value = (id: FormField['id']) => fields.find(field => field.id === id)?.value.trim() ?? '';
	const next = structuredClone(profile);
	for (const side of sides) {
		const url = value(`${side}.url`);
		const key = value(`${side}.key`);
		const spec = {...next[side]};
		if (url) {
			spec.url = url;
			delete spec.embedded;
		} else if (!spec.embedded) {
			throw new Error(`${side} URL is empty; type a URL such as http://127.0.0.1:4000`);
		}

		if (key) spec.key = key;
		else delete spec.key;
		next[side] = spec;
	}

	for (const side of sides) {
		const url = next[side].url;
		if (url && !/^https?:\/\/[^/\s]+/.test(url) && !url.includes('${env.')) throw new Error(`${side} URL '${url}' must start with http:// or https://`);
	}

	const parsed = profileSchema.safeParse(next);
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		throw new Error(`${issue.path.join('.')}: ${issue.message}`);
	}

	return parsed.data;
}

export function slug(text: string): string {
	return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'entry';
}

/** A value seen on one side, as a pin (only plain values: a preview of a list or object pins nothing). */
function pinOf(value: unknown): string | number | boolean | undefined {
	return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
}

/**
 * The profile with one more acknowledged difference (replacing an older entry for the same check and path). The
 * values each side showed when it was marked are pinned: another value later is a finding again.
 */
export function withExpectedEntry(profile: Profile, entry: {check: string; path: string; reason: string; side?: Side; baseline?: unknown; candidate?: unknown}): Profile {
	const id = slug(`${entry.check}-${entry.path}`);
	const kept = profile.expected.filter(existing => !(existing.check === entry.check && existing.path === entry.path));
	const [baseline, candidate] = [pinOf(entry.baseline), pinOf(entry.candidate)];
	return {
		...profile,
		expected: [
			...kept,
			{id, check: entry.check, path: entry.path, reason: entry.reason, ...(entry.side ? {side: entry.side} : {}), ...(baseline === undefined ? {} : {baseline}), ...(candidate === undefined ? {} : {candidate})},
		],
	};
}

/** Saved profiles first, then the shareable profiles/*.yaml files. */
export function pickerEntries(store: ProfileStore, folders?: string[]): PickerEntry[] {
	const saved = store.names().map(name => ({name, kind: 'saved' as const, description: 'saved profile'}));
	const files = listProfileFiles(folders).map(({name, file}) => ({name, kind: 'file' as const, file, description: path.relative(process.cwd(), file) || file}));
	return [...saved, ...files];
}
