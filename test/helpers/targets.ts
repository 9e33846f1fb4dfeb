// Test helpers: real simulators on loopback, wrapped as targets and profiles the engine accepts.
import {createServer, type Server} from 'node:net';
import {loadCatalog, selectRows, type Selection} from '../../source/catalog/catalog.js';
import type {RunEvent} from '../../source/domain.js';
import {runChecks} from '../../source/engine/run.js';
import {startSimulator, type SimulatorOptions} from '../../source/testbed/simulator/index.js';
import {profileSchema, type Profile, type ProfileInput} from '../../source/targets/profile-schema.js';
import {openTargets} from '../../source/targets/open.js';
import {standIns} from '../../source/testbed/index.js';

export const testKey = 'sk-test-master-key-1234';

export async function simulatorPair(baseline: Partial<SimulatorOptions> = {}, candidate: Partial<SimulatorOptions> = {}) {
	const [b, c] = await Promise.all([
		startSimulator({personality: 'baseline', masterKey: testKey, ...baseline}),
		startSimulator({personality: 'candidate', masterKey: testKey, ...candidate}),
	]);
	return {baseline: b, candidate: c, close: async () => void (await Promise.all([b.close(), c.close()]))};
}

export function urlProfile(baselineUrl: string, candidateUrl: string, extra: Partial<ProfileInput> = {}): Profile {
	return profileSchema.parse({
		name: 'test',
		baseline: {url: baselineUrl, key: testKey, adminKey: testKey},
		candidate: {url: candidateUrl, key: testKey, adminKey: testKey},
		...extra,
	});
}

export async function runProfile(profile: Profile, selection: Selection, options: {signal?: AbortSignal; onEvent?: (event: RunEvent) => void; checksDirectory?: string} = {}) {
	const catalog = await loadCatalog(options.checksDirectory);
	const opened = await openTargets(profile, {standIns});
	const events: RunEvent[] = [];
	try {
		const finished = await runChecks({rows: selectRows(catalog, selection), profile, targets: opened.targets, signal: options.signal}, event => {
			events.push(event);
			options.onEvent?.(event);
		});
		return {finished, events, byCheck: Object.fromEntries(finished.results.map(result => [result.check, result]))};
	} finally {
		await opened.close();
	}
}

/** A TCP server that accepts connections and never answers: the "target that never answers". */
export async function silentServer(): Promise<{url: string; close(): Promise<void>}> {
	const sockets = new Set<import('node:net').Socket>();
	const server: Server = createServer(socket => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as import('node:net').AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		close: () =>
			new Promise<void>(resolve => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}

/** A port nothing listens on. */
export async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as import('node:net').AddressInfo;
	await new Promise<void>(resolve => server.close(() => resolve()));
	return port;
}
