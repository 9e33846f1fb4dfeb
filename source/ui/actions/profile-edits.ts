// Profile changes the explorer makes: the inline target form, expected differences, and the picker's list.
import path from 'node:path';
import {sides, type Side} from '../../domain.js';
import {profileSchema, type Profile, type TargetSpec} from '../../targets/profile-schema.js';
import {listProfileFiles, type ProfileStore} from '../../targets/profiles.js';
import {targetFields, type FormField, type PickerEntry, type TargetField} from '../model/state.js';

const fieldLabels: Record<TargetField, string> = {
	url: 'URL',
	key: 'key',
	adminKey: 'admin key',
	pathPrefix: 'path prefix',
	upstream: 'upstream',
	otlpPort: 'OTLP port',
	mlflowUrl: 'MLflow URL',
	container: 'container',
};

function currentValue(spec: TargetSpec, field: TargetField): string {
	switch (field) {
		case 'otlpPort':
			return spec.otlpPort === undefined ? '' : String(spec.otlpPort);
		case 'container':
			return spec.container?.name ?? '';
		default:
			return spec[field] ?? '';
	}
}

export function formFieldsFor(profile: Profile): FormField[] {
	return sides.flatMap((side): FormField[] => {
		const spec = profile[side];
		const embedded = spec.embedded ? `embedded ${typeof spec.embedded === 'string' ? spec.embedded : spec.embedded.personality} simulator` : undefined;
		const placeholders: Record<TargetField, string> = {
			url: embedded ? `(${embedded}; type a URL to use a real proxy)` : 'http://127.0.0.1:4000',
			key: '${env.LITELLM_MASTER_KEY} or sk-…',
			adminKey: '(the key, unless admin calls need another)',
			pathPrefix: '(none) e.g. /litellm',
			upstream: '(none) embedded or http://…',
			otlpPort: '(none) e.g. 4318',
			mlflowUrl: '(none) embedded or http://…',
			container: '(none) container name',
		};
		return targetFields.map(field => ({id: `${side}.${field}` as const, label: `${side} ${fieldLabels[field]}`, value: currentValue(spec, field), secret: field === 'key' || field === 'adminKey', placeholder: placeholders[field]}));
	});
}

/** The form field an error message points at (`… baseline.adminKey …`), so `e` opens on it. */
export function fieldIndexFor(fields: FormField[], message: string | undefined): number {
	const match = /\b(baseline|candidate)\.(url|key|adminKey|pathPrefix|upstream|otlpPort|mlflowUrl|container)\b/.exec(message ?? '');
	if (!match) return 0;
	return Math.max(0, fields.findIndex(field => field.id === `${match[1]}.${match[2]}`));
}

/** The profile with the form's values; throws a readable message when the result is not a valid profile. */
export function applyTargetEdits(profile: Profile, fields: FormField[]): Profile {
	const value = (id: FormField['id']) => fields.find(field => field.id === id)?.value.trim() ?? '';
	const next = structuredClone(profile);
	for (const side of sides) {
		const url = value(`${side}.url`);
		const spec: TargetSpec = {...next[side]};
		if (url) {
			spec.url = url;
			delete spec.embedded;
		} else if (!spec.embedded) {
			throw new Error(`${side} URL is empty; type a URL such as http://127.0.0.1:4000`);
		}

		for (const field of ['key', 'adminKey', 'pathPrefix', 'upstream', 'mlflowUrl'] as const) {
			const text = value(`${side}.${field}`);
			if (text) spec[field] = text;
			else delete spec[field];
		}

		const port = value(`${side}.otlpPort`);
		if (port && !/^\d+$/.test(port)) throw new Error(`${side} OTLP port '${port}' must be a port number`);
		if (port) spec.otlpPort = Number(port);
		else delete spec.otlpPort;
		const container = value(`${side}.container`);
		if (container) spec.container = {...spec.container, name: container} as TargetSpec['container'];
		else delete spec.container;
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
