// Which init runs as PID 1, from its command line. Interpreters (python, node, sh) are looked through to the script
// they run, so `/usr/bin/python3 /usr/bin/supervisord -c …` counts as supervisord.

const knownInits = ['tini', 'tini-static', 'dumb-init', 'supervisord', 's6-svscan', 'runit', 'catatonit', 'docker-init', 'systemd', 'init'];
const interpreters = /^(python[\d.]*|node|nodejs|sh|bash|dash|ash|busybox|env|perl|ruby)$/;

function basename(word: string): string {
	return word.split('/').at(-1) ?? word;
}

/** /proc/PID/cmdline: arguments separated (and ended) by NUL bytes. */
export function parseCmdline(raw: string): string[] {
	return raw.split('\0').filter(word => word.length > 0);
}

/** The init's name: a known init anywhere in the leading words, else the program run (through interpreters). */
export function detectInit(args: string[]): string | undefined {
	for (const word of args.slice(0, 4)) {
		const name = basename(word);
		if (knownInits.includes(name)) return name.replace(/-static$/, '');
	}

	for (const word of args) {
		if (word.startsWith('-')) continue;
		// `sh -c "litellm --port 4000"`: the program is the first word of the script.
		const name = basename(word.trim().split(/\s+/)[0] ?? word);
		if (!interpreters.test(name)) return name;
	}

	return args[0] ? basename(args[0]) : undefined;
}
