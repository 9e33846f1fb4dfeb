// The parts of `docker inspect` / `podman inspect` the checks read. Podman gives some fields as strings where Docker
// gives arrays; both are normalised here.

export type ContainerInspect = {
	id: string;
	name: string;
	image: string;
	running: boolean;
	status: string;
	/** The init process's PID on the host (0 when stopped). */
	pid: number;
	startedAt?: string;
	user: string;
	entrypoint: string[];
	cmd: string[];
	env: string[];
	labels: Record<string, string>;
	healthcheck?: string[];
};

function words(value: unknown): string[] {
	if (Array.isArray(value)) return value.map(String);
	if (typeof value === 'string' && value !== '') return value.split(' ');
	return [];
}

export function parseInspect(stdout: string): ContainerInspect | undefined {
	let parsed: unknown;
	try {
		parsed = JSON.parse(stdout);
	} catch {
		return undefined;
	}

	const entry = (Array.isArray(parsed) ? parsed[0] : parsed) as Record<string, any> | undefined;
	if (!entry || typeof entry !== 'object') return undefined;
	const config = (entry.Config ?? {}) as Record<string, any>;
	const state = (entry.State ?? {}) as Record<string, any>;
	return {
		id: String(entry.Id ?? ''),
		name: String(entry.Name ?? '').replace(/^\//, ''),
		image: String(config.Image ?? entry.ImageName ?? entry.Image ?? ''),
		running: state.Running === true,
		status: String(state.Status ?? ''),
		pid: Number(state.Pid ?? 0),
		startedAt: typeof state.StartedAt === 'string' ? state.StartedAt : undefined,
		user: typeof config.User === 'string' ? config.User : '',
		entrypoint: words(config.Entrypoint),
		cmd: words(config.Cmd),
		env: Array.isArray(config.Env) ? config.Env.map(String) : [],
		labels: (config.Labels ?? {}) as Record<string, string>,
		healthcheck: config.Healthcheck?.Test ? words(config.Healthcheck.Test) : undefined,
	};
}
