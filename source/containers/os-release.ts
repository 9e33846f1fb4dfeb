// /etc/os-release (freedesktop format): KEY=value lines, values optionally quoted.

export type OsRelease = Record<string, string>;

export function parseOsRelease(text: string): OsRelease {
	const out: OsRelease = {};
	for (const raw of text.split('\n')) {
		const line = raw.trim();
		if (!line || line.startsWith('#')) continue;
		const match = /^([A-Z0-9_]+)=(.*)$/.exec(line);
		if (!match) continue;
		let value = match[2]!;
		if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1).replace(/\\(["'$`\\])/g, '$1');
		out[match[1]!] = value;
	}

	return out;
}

/** A short name for the distribution: PRETTY_NAME, else NAME VERSION_ID, else ID. */
export function describeOs(release: OsRelease): string | undefined {
	return release.PRETTY_NAME ?? ([release.NAME, release.VERSION_ID].filter(Boolean).join(' ') || release.ID);
}
