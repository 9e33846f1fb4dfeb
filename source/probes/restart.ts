// `probe: restart` (cold start, the plan's "time from docker run to healthy", < 30 s). Non-destructive: the user's
// container is only inspected. The tool runs a disposable copy of it (same image and configuration, a fresh name, its
// port on a free loopback port), times `run` until the readiness path answers 200, then stops the copy — a stop that
// lasts the whole grace period (killed, exit 137) means the process ignores SIGTERM, which an init such as tini
// prevents — and removes it. The engine runs these checks alone, after the functional ones.
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {restartOptionsSchema} from '../catalog/probe-options.js';
import {runCli} from '../containers/cli.js';
import {disposableLabel, planDisposableCopy} from '../containers/disposable-copy.js';
import {observeContainer} from './observe-container.js';
import {waitUntilReady} from '../containers/readiness.js';
import type {ContainerRuntime} from '../containers/runtime.js';
import {assertSucceeded, ContainerCommandError} from '../containers/unavailable.js';
import {ConfigError} from '../errors.js';
import type {Probe} from './types.js';


function seconds(ms: number): number {
	return Math.round(ms / 10) / 100;
}

/** Cleanup must finish even when the run was cancelled: its own time limit, never the run's signal. */
async function removeCopy(runtime: ContainerRuntime, name: string): Promise<void> {
	// Only a container that carries the copy's label is removed: whatever the name, nothing else is touched.
	const label = await runCli(runtime.kind, ['inspect', '--type', 'container', '--format', `{{index .Config.Labels "${disposableLabel}"}}`, name], {timeoutMs: 15_000});
	if (label.exitCode === 0 && !['', '<no value>'].includes(label.stdout.trim())) await runCli(runtime.kind, ['rm', '-f', name], {timeoutMs: 30_000});
}

export const restartProbe: Probe = async context => {
	const parsed = restartOptionsSchema.safeParse(context.check.options ?? {});
	if (!parsed.success) throw new ConfigError(parsed.error.issues[0]!.message, {path: `${context.check.id}.options.${parsed.error.issues[0]!.path.join('.')}`});
	const options = parsed.data;
	return observeContainer(
		context,
		async runtime => {
			const raw = await runtime.cli(['inspect', '--type', 'container', runtime.name], {timeoutMs: 15_000});
			assertSucceeded(raw, runtime.name);
			const entry = (JSON.parse(raw.stdout) as Array<Record<string, unknown>>)[0] ?? {};
			const url = new URL(context.target.url);
			const plan = planDisposableCopy(entry, Number(url.port || (url.protocol === 'https:' ? 443 : 80)));
			if ('problem' in plan) throw new ContainerCommandError(`no cold start measured: ${plan.problem}`);
			const folder = await mkdtemp(path.join(os.tmpdir(), 'litellm-parity-coldstart-'));
			const args = [...plan.args];
			try {
				if (plan.envFile) {
					const file = path.join(folder, 'copy.env');
					await writeFile(file, plan.envFile, {mode: 0o600});
					args.splice(2, 0, '--env-file', file);
				}

				const startAt = performance.now();
				const run = await runtime.cli(args, {timeoutMs: 120_000});
				assertSucceeded(run, plan.name);
				const port = await runtime.cli(['port', plan.name, plan.containerPort], {timeoutMs: 15_000});
				assertSucceeded(port, plan.name);
				const published = /:(\d+)\s*$/m.exec(port.stdout.trim().split('\n')[0] ?? '')?.[1];
				if (!published) throw new ContainerCommandError(`the copy's port ${plan.containerPort} was not published: ${port.stdout.trim()}`);
				const copyUrl = `${url.protocol}//127.0.0.1:${published}${options.readiness}`;
				const watch = new AbortController();
				const stopWatching = () => watch.abort();
				context.signal.addEventListener('abort', stopWatching, {once: true});
				// A copy that exits while booting ends the wait at once, with its exit code.
				const exited = runtime.cli(['wait', plan.name], {timeoutMs: options.limitSeconds * 1000 + 5_000, signal: watch.signal});
				const readiness = await Promise.race([
					waitUntilReady(copyUrl, {limitMs: options.limitSeconds * 1000, intervalMs: options.pollMs, signal: watch.signal, dispatcher: context.target.dispatcher, headers: context.target.headers}).catch(() => undefined),
					exited.then(result => (result.cancelled ? undefined : {ready: false, polls: 0, afterMs: 0, lastAnswer: `the copy exited (code ${result.stdout.trim() || '?'})`})),
				]);
				const coldMs = performance.now() - startAt;
				watch.abort();
				context.signal.removeEventListener('abort', stopWatching);
				context.signal.throwIfAborted();

				// Stop the copy as an orchestrator would: SIGTERM, then SIGKILL after the grace period.
				const stopAt = performance.now();
				const stop = await runtime.cli(['stop', '-t', String(options.graceSeconds), plan.name], {timeoutMs: (options.graceSeconds + 30) * 1000});
				const stopMs = performance.now() - stopAt;
				const after = await runtime.cli(['inspect', '--type', 'container', '--format', '{{.State.ExitCode}}', plan.name], {timeoutMs: 15_000});
				const exitCode = Number(after.stdout.trim());
				const ignoredSigterm = stop.exitCode === 0 && (exitCode === 137 || stopMs >= options.graceSeconds * 1000);
				const logs = readiness?.ready ? undefined : await runtime.cli(['logs', '--tail', '5', plan.name], {timeoutMs: 15_000});
				const facts: Record<string, unknown> = {
					ready: readiness?.ready ?? false,
					readiness: options.readiness,
					...(readiness?.ready ? {coldStartSeconds: seconds(coldMs)} : {lastAnswer: readiness?.lastAnswer, lastLogLines: `${logs?.stdout ?? ''}${logs?.stderr ?? ''}`.trim().slice(-400)}),
					measuredOn: `disposable copy ${plan.name} of ${runtime.name} (removed after)`,
					stopSeconds: seconds(stopMs),
					stopExitCode: Number.isFinite(exitCode) ? exitCode : undefined,
					ignoredSigterm,
					graceSeconds: options.graceSeconds,
					summary:
						(readiness?.ready ? `run → ready in ${seconds(coldMs).toFixed(2)} s` : `not ready after ${options.limitSeconds} s: ${readiness?.lastAnswer ?? 'no answer'}`) +
						(ignoredSigterm
							? ` · ignored SIGTERM: the stop lasted the whole ${options.graceSeconds} s grace period and ended in SIGKILL (exit ${exitCode}); an init such as tini forwards the signal`
							: ` · stopped on SIGTERM in ${seconds(stopMs).toFixed(2)} s (exit ${exitCode})`),
				};
				return {facts, totalMs: coldMs};
			} finally {
				await removeCopy(runtime, plan.name);
				await rm(folder, {recursive: true, force: true});
			}
		},
		{exclusive: true},
	);
};

