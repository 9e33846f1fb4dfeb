// `litellm-parity simulate`: one embedded LiteLLM-like server in the foreground, until Ctrl+C.
import {UsageError} from '../errors.js';
import {personalities, type Personality} from '../targets/profile-schema.js';

export type SimulateOptions = {personality?: string; host?: string; port?: number; key?: string; seed?: number; latencyMs?: number; gaps?: boolean; db?: boolean; cache?: boolean};

export async function simulateCommand(options: SimulateOptions, out: NodeJS.WritableStream = process.stdout): Promise<number> {
	const personality = (options.personality ?? 'baseline') as Personality;
	if (!personalities.includes(personality)) throw new UsageError(`unknown personality '${options.personality}'; use baseline or candidate`);
	const {startSimulator} = await import('../testbed/index.js');
	const handle = await startSimulator({
		personality,
		host: options.host ?? '127.0.0.1',
		port: options.port ?? 0,
		masterKey: options.key ?? process.env.LITELLM_MASTER_KEY,
		seed: options.seed,
		latencyMs: options.latencyMs,
		gaps: options.gaps,
		db: options.db,
		cache: options.cache,
		logger: line => out.write(line + '\n'),
	});
	out.write(`litellm-parity simulator (${personality}) listening on ${handle.url}\n`);
	// Persistent listeners: a dependency (when-exit) re-sends the signal, which must not kill us before close().
	await new Promise<void>(resolve => {
		process.on('SIGINT', () => resolve());
		process.on('SIGTERM', () => resolve());
	});
	await handle.close();
	return 0;
}
