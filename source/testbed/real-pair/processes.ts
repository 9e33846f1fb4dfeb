// Small process helpers for the real pair: free ports, detached children with their own log file, waiting on a
// condition with a deadline (never a fixed sleep), and stopping exactly one recorded process group.
import {spawn} from 'node:child_process';
import {closeSync, existsSync, openSync, readFileSync} from 'node:fs';
import {createConnection, createServer} from 'node:net';
import {setTimeout as delay} from 'node:timers/promises';

export class RealPairError extends Error {
	override name = 'RealPairError';
}

/** A free loopback port, from the OS (port 0). */
export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/** Throws a clear message when something already listens on the port. */
export async function assertPortFree(port: number, what: string): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		const server = createServer();
		server.once('error', (error: NodeJS.ErrnoException) =>
			reject(new RealPairError(error.code === 'EADDRINUSE' ? `port ${port} for ${what} is taken by another process: choose another port or leave it out (a free one is picked)` : `cannot use port ${port} for ${what}: ${error.message}`)),
		);
		server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
	});
}

export type Spawned = {pid: number; logPath: string};

/** Start a detached process group writing stdout and stderr to logPath; it outlives this process until stopped. */
export function spawnDetached(command: string, args: string[], {logPath, cwd, env}: {logPath: string; cwd?: string; env?: NodeJS.ProcessEnv}): Spawned {
	const fd = openSync(logPath, 'a');
	try {
		const child = spawn(command, args, {cwd, env, detached: true, stdio: ['ignore', fd, fd]});
		if (child.pid === undefined) throw new RealPairError(`could not start ${command} (is it installed?)`);
		child.on('error', () => {});
		child.unref();
		return {pid: child.pid, logPath};
	} finally {
		closeSync(fd);
	}
}

export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Is pid still the process we started? A recorded PID may have been reused after a reboot or a crash: where /proc
 * exists, the command line must mention what we started (redis-server, litellm, services.js).
 */
export function isOurs(pid: number, marker: string): boolean {
	if (!isAlive(pid)) return false;
	const cmdline = `/proc/${pid}/cmdline`;
	if (!existsSync(cmdline)) return true;
	try {
		return readFileSync(cmdline, 'utf8').includes(marker);
	} catch {
		return false;
	}
}

/** The last lines of a log file, indented, for error messages. */
export function logTail(logPath: string, lines = 25): string {
	if (!existsSync(logPath)) return `  (no log at ${logPath})`;
	const text = readFileSync(logPath, 'utf8').trimEnd().split('\n');
	return text
		.slice(-lines)
		.map(line => `  | ${line}`)
		.join('\n');
}

/**
 * Poll `ready` until it holds, the process dies or the deadline passes. Each failure names the process and shows
 * its log's last lines, so a proxy that never gets ready explains itself.
 */
export async function waitUntil(ready: () => Promise<boolean>, {pid, name, logPath, timeoutMs, intervalMs = 500}: {pid: number; name: string; logPath: string; timeoutMs: number; intervalMs?: number}): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await ready().catch(() => false)) return;
		if (!isAlive(pid)) {
			const tail = logTail(logPath);
			const taken = /address already in use|errno 98/i.test(tail) ? ' (its port is taken by another process)' : '';
			throw new RealPairError(`${name} (pid ${pid}) exited before it was ready${taken}. Last lines of ${logPath}:\n${tail}`);
		}

		if (Date.now() > deadline) throw new RealPairError(`${name} (pid ${pid}) was not ready within ${Math.round(timeoutMs / 1000)} s. Last lines of ${logPath}:\n${logTail(logPath)}`);
		await delay(intervalMs);
	}
}

/** Ask a process group to stop (SIGTERM), then SIGKILL it after graceMs; resolves when the leader is gone. */
export async function stopGroup(pid: number, graceMs = 10_000): Promise<void> {
	const signal = (name: NodeJS.Signals) => {
		try {
			process.kill(-pid, name);
		} catch {
			try {
				process.kill(pid, name);
			} catch {}
		}
	};

	if (!isAlive(pid)) return;
	signal('SIGTERM');
	const deadline = Date.now() + graceMs;
	while (isAlive(pid) && Date.now() < deadline) await delay(100);
	if (isAlive(pid)) {
		signal('SIGKILL');
		while (isAlive(pid)) await delay(50);
	}
}

/** GET url → true on a 2xx answer. */
export async function answers(url: string, timeoutMs = 2000): Promise<boolean> {
	const response = await fetch(url, {signal: AbortSignal.timeout(timeoutMs)});
	await response.arrayBuffer();
	return response.ok;
}

/** A Redis PING over a plain socket (no client library needed for one command). */
export async function redisPing(port: number, timeoutMs = 1000): Promise<boolean> {
	return new Promise(resolve => {
		const socket = createConnection({host: '127.0.0.1', port});
		const done = (value: boolean) => {
			socket.destroy();
			resolve(value);
		};

		socket.setTimeout(timeoutMs, () => done(false));
		socket.once('error', () => done(false));
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', data => done(data.toString().startsWith('+PONG')));
	});
}
