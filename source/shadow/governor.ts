// Mirroring must never cost the client its throughput: when the proxy's own event loop or the machine's CPUs are
// saturated, the share of requests mirrored goes down (the rest are counted as 'busy' drops), and it comes back as
// soon as there is room. The mirror runs in its own thread, so the client path's loop alone would not see it eat the
// CPU the client's answers need: the machine's CPU time is read as well (os.cpus(), the same counters as /proc/stat).
import os from 'node:os';
import {performance, type EventLoopUtilization} from 'node:perf_hooks';

type CpuTimes = {busy: number; total: number};

function cpuTimes(): CpuTimes {
	let busy = 0;
	let total = 0;
	for (const {times} of os.cpus()) {
		const all = times.user + times.nice + times.sys + times.irq + times.idle;
		total += all;
		busy += all - times.idle;
	}

	return {busy, total};
}

export type GovernorOptions = {
	/** Event-loop utilisation above which mirroring backs off (0…1). Default 0.85. */
	busyAbove?: number;
	/** The share never drops below this, so a saturated proxy still compares some traffic. Default 0.05. */
	minShare?: number;
	intervalMs?: number;
};

export class MirrorGovernor {
	share = 1;
	/** Clients queue at the proxy: on average at least this many were already waiting when one arrived (last reading). */
	queueing = false;
	#arrivals = 0;
	#waitingAtArrival = 0;
	readonly #busyAbove: number;
	readonly #minShare: number;
	#timer?: NodeJS.Timeout;
	#last?: EventLoopUtilization;
	#lastCpu?: CpuTimes;

	constructor(options: GovernorOptions = {}) {
		this.#busyAbove = options.busyAbove ?? 0.8;
		this.#minShare = options.minShare ?? 0.02;
	}

	/** A client request arrived while `waiting` others were not yet answered. */
	arrival(waiting: number): void {
		this.#arrivals++;
		this.#waitingAtArrival += waiting;
	}

	/** The mean of the arrivals since the last reading; shedding helps only when clients actually queue. */
	readQueueing(meanAbove = 2): boolean {
		this.queueing = this.#arrivals > 0 && this.#waitingAtArrival / this.#arrivals >= meanAbove;
		this.#arrivals = 0;
		this.#waitingAtArrival = 0;
		return this.queueing;
	}

	/** One reading of the loop's utilisation since the last one: back off fast, recover a little slower. */
	update(utilisation: number): number {
		if (utilisation > this.#busyAbove) this.share = Math.max(this.#minShare, this.share * 0.5);
		else if (utilisation < this.#busyAbove - 0.15) this.share = Math.min(1, this.share * 1.25 + 0.02);
		return this.share;
	}

	start(intervalMs = 100): this {
		this.#last = performance.eventLoopUtilization();
		this.#lastCpu = cpuTimes();
		this.#timer = setInterval(() => {
			const now = performance.eventLoopUtilization();
			const cpu = cpuTimes();
			const machine = cpu.total > this.#lastCpu!.total ? (cpu.busy - this.#lastCpu!.busy) / (cpu.total - this.#lastCpu!.total) : 0;
			this.update(Math.max(performance.eventLoopUtilization(now, this.#last).utilization, machine));
			this.readQueueing();
			this.#last = now;
			this.#lastCpu = cpu;
		}, intervalMs);
		this.#timer.unref();
		return this;
	}

	stop(): void {
		if (this.#timer) clearInterval(this.#timer);
	}
}
