// A disposable copy of a user's container: the same image and configuration (entrypoint, command, user, working
// folder, environment, init, limits, networks, mounts read-only), a fresh name, the served port published on a free
// loopback port, and the tool's label. The cold-start row runs it, times `run → healthy`, stops and removes it: the
// user's own container is never stopped, started, unpaused or removed.
import {randomBytes} from 'node:crypto';

/** The label `lab up` puts on what it creates (its value: the lab's name); a copy of a lab container keeps it, so `lab down` removes the copy too. */
export const labLabel = 'io.litellm-parity.lab';

/** The label on every container the tool creates to measure with (removed after; `lab down` also clears leftovers). */
export const disposableLabel = 'io.litellm-parity.disposable';

export type RunPlan = {
	name: string;
	args: string[];
	/** The environment as `--env-file` lines (the caller writes them to a file only its user can read). */
	envFile: string;
	containerPort: string;
};

type Raw = Record<string, any>;

/** The container port behind a host port, from inspect's NetworkSettings.Ports ("4000/tcp" → [{HostPort: "4123"}]). */
export function containerPortFor(raw: Raw, hostPort: number): string | undefined {
	const ports = (raw.NetworkSettings?.Ports ?? {}) as Record<string, Array<{HostPort?: string}> | null>;
	for (const [port, bindings] of Object.entries(ports)) {
		if ((bindings ?? []).some(binding => Number(binding.HostPort) === hostPort)) return port;
	}

	// Host networking (or an unpublished target): the URL's port is the container's own.
	if ((raw.HostConfig?.NetworkMode as string | undefined) === 'host') return undefined;
	const exposed = Object.keys(raw.Config?.ExposedPorts ?? {});
	return exposed.length === 1 ? exposed[0] : undefined;
}

export function planDisposableCopy(raw: Raw, hostPort: number): RunPlan | {problem: string} {
	const config = (raw.Config ?? {}) as Raw;
	const host = (raw.HostConfig ?? {}) as Raw;
	const original = String(raw.Name ?? '').replace(/^\//, '') || 'container';
	if (host.NetworkMode === 'host') return {problem: `${original} uses the host's network: a copy could not listen on the same port beside it`};
	const containerPort = containerPortFor(raw, hostPort);
	if (!containerPort) return {problem: `cannot tell which port of ${original} serves the target URL (no published port ${hostPort})`};
	const name = `${original}-parity-coldstart-${randomBytes(3).toString('hex')}`.slice(-63).replace(/^[^a-zA-Z0-9]+/, '');
	const args = ['run', '-d', '--name', name, '--label', `${disposableLabel}=${original}`];
	// A lab container's copy also carries the lab's label, so `lab down` finds any copy a crash left behind.
	const lab = (config.Labels as Record<string, string> | undefined)?.[labLabel];
	if (lab) args.push('--label', `${labLabel}=${lab}`);
	// Keys often travel in the environment: through a file, never on a command line other users could read. An env
	// file holds one line per variable, so a value with a line break cannot be copied (and is named).
	const lines: string[] = [];
	for (const entry of (config.Env ?? []) as string[]) {
		if (entry.indexOf('=') <= 0) continue;
		if (/[\r\n]/.test(entry)) return {problem: `the environment variable ${entry.slice(0, entry.indexOf('='))} of ${original} spans several lines and cannot be copied`};
		lines.push(entry);
	}

	if (config.User) args.push('--user', String(config.User));
	if (config.WorkingDir) args.push('--workdir', String(config.WorkingDir));
	if (host.Init === true) args.push('--init');
	if (Number(host.Memory) > 0) args.push('--memory', String(host.Memory));
	if (Number(host.NanoCpus) > 0) args.push('--cpus', String(Number(host.NanoCpus) / 1e9));
	const networks = Object.keys(raw.NetworkSettings?.Networks ?? {}).filter(network => !['bridge', 'default', 'podman'].includes(network));
	if (networks[0]) args.push('--network', networks[0]);
	for (const mount of (raw.Mounts ?? []) as Raw[]) {
		const source = mount.Type === 'volume' ? mount.Name : mount.Source;
		if (!source || !mount.Destination) continue;
		// Read-only: the copy must not write into the user's data while it runs beside the original.
		args.push('-v', `${source}:${mount.Destination}:ro`);
	}

	args.push('-p', `127.0.0.1::${containerPort.replace(/\/tcp$/, '')}`);
	const entrypoint = Array.isArray(config.Entrypoint) ? (config.Entrypoint as string[]) : typeof config.Entrypoint === 'string' && config.Entrypoint ? config.Entrypoint.split(' ') : [];
	const cmd = Array.isArray(config.Cmd) ? (config.Cmd as string[]) : typeof config.Cmd === 'string' && config.Cmd ? config.Cmd.split(' ') : [];
	if (entrypoint[0]) args.push('--entrypoint', entrypoint[0]);
	args.push(String(config.Image ?? raw.Image), ...entrypoint.slice(1), ...cmd);
	return {name, args, envFile: lines.length > 0 ? lines.join('\n') + '\n' : '', containerPort};
}
