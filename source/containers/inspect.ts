// The parts of `docker inspect` / `podman inspect` the checks read. Podman gives some fields as strings where Docker
// gives arrays; both are normalised here.

export type ContainerInspect = {
	id: string;
	name: string;
	image: string;
	running: boolean;
	paused: boolean;
	restarting: boolean;
	/** created, running, paused, restarting, exited, dead (podman: also configured, stopped). */
	status: string;
	exitCode?: number;
	finishedAt?: string;
	oomKilled?: boolean;
	/** The image's healthcheck verdict, when it has one (starting, healthy, unhealthy). */
	health?: string;
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
		paused: state.Paused === true || state.Status === 'paused',
		restarting: state.Restarting === true || state.Status === 'restarting',
		status: String(state.Status ?? ''),
		exitCode: typeof state.ExitCode === 'number' ? state.ExitCode : undefined,
		finishedAt: typeof state.FinishedAt === 'string' && !state.FinishedAt.startsWith('0001-') ? state.FinishedAt : undefined,
		oomKilled: state.OOMKilled === true ? true : undefined,
		health: typeof state.Health?.Status === 'string' && state.Health.Status !== '' ? state.Health.Status : undefined,
		pid: Number(state.Pid ?? 0),
		startedAt: typeof state.StartedAt === 'string' && !state.StartedAt.startsWith('0001-') ? state.StartedAt : undefined,
		user: typeof config.User === 'string' ? config.User : '',
		entrypoint: words(config.Entrypoint),
		cmd: words(config.Cmd),
		env: Array.isArray(config.Env) ? config.Env.map(String) : [],
		labels: (config.Labels ?? {}) as Record<string, string>,
		healthcheck: config.Healthcheck?.Test ? words(config.Healthcheck.Test) : undefined,
	};
}

/** Why a container's state rules out looking inside it, or undefined when it runs (paused counts as not running). */
export function stateProblem(inspect: ContainerInspect, runtime: string): string | undefined {
	const name = `container ${inspect.name} (${runtime})`;
	if (inspect.paused) return `${name} is paused: its processes are frozen, nothing inside can answer (unpause it to check it)`;
	if (inspect.restarting) return `${name} is restarting (exit code ${inspect.exitCode ?? '?'}): it keeps crashing`;
	if (inspect.running) return undefined;
	const exited = inspect.exitCode === undefined ? '' : ` with exit code ${inspect.exitCode}${inspect.oomKilled ? ' (killed: out of memory)' : ''}`;
	const when = inspect.finishedAt ? ` at ${inspect.finishedAt.replace(/\.\d+/, '')}` : '';
	if (inspect.status === 'created' || inspect.status === 'configured') return `${name} was created but never started`;
	return `${name} is stopped (${inspect.status || 'not running'}${exited}${when}); start it to check it`;
}
