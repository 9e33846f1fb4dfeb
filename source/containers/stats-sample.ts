// `docker stats --format '{{json .}}'` values are display strings ("12.5MiB / 23.5GiB", "0.07%"); Podman prints
// the same keys. Turned into numbers here: memory in MiB, CPU in percent.

const units: Record<string, number> = {
	b: 1 / (1024 * 1024),
	kb: 1000 / (1024 * 1024),
	kib: 1 / 1024,
	mb: 1_000_000 / (1024 * 1024),
	mib: 1,
	gb: 1_000_000_000 / (1024 * 1024),
	gib: 1024,
	tb: 1e12 / (1024 * 1024),
	tib: 1024 * 1024,
};

/** "12.5MiB" → 12.5, "1.2GB" → 1144.4, "512kB" → 0.49 (MiB). */
export function parseSize(text: string): number | undefined {
	const match = /^\s*([\d.]+)\s*([a-z]+)?\s*$/i.exec(text);
	if (!match) return undefined;
	const factor = units[(match[2] ?? 'b').toLowerCase()];
	return factor === undefined ? undefined : Number(match[1]) * factor;
}

export type StatsSample = {memoryMiB: number; memoryLimitMiB?: number; cpuPercent: number; pids?: number};

export function parseStatsSample(raw: Record<string, unknown>): StatsSample | undefined {
	const memUsage = String(raw.MemUsage ?? raw.mem_usage ?? '');
	const [used, limit] = memUsage.split('/');
	const memoryMiB = used ? parseSize(used) : undefined;
	const cpu = Number(String(raw.CPUPerc ?? raw.cpu_percent ?? raw.CPU ?? '').replace('%', '').trim());
	if (memoryMiB === undefined || Number.isNaN(cpu)) return undefined;
	const pids = Number(raw.PIDs ?? raw.pids);
	return {memoryMiB, memoryLimitMiB: limit ? parseSize(limit) : undefined, cpuPercent: cpu, ...(Number.isFinite(pids) ? {pids} : {})};
}
