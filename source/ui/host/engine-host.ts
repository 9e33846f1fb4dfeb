// The explorer's engine host: a child process that opens the targets (starting the embedded simulators, mock
// upstream, OTLP receivers and MLflow stand-in a profile asks for) and runs the engine exactly as a headless run
// does, streaming run events to the explorer over IPC. Rendering lives in another process, so it cannot delay a probe.
import type {RunEvent} from '../../domain.js';
import {preflightPair, preflightRunOptions} from '../../engine/preflight.js';
import {startRun} from '../../engine/run.js';
import {ConfigError, errorMessage} from '../../errors.js';
import {checkLiveness} from '../../targets/health.js';
import {openTargets, type OpenTargets} from '../../targets/open.js';
import {standIns} from '../../testbed/index.js';
import {registeredSecrets} from '../../targets/secrets.js';
import type {ShadowProxy} from '../../shadow/proxy.js';
import type {HostMessage, HostRequest} from './protocol.js';

let opened: OpenTargets | undefined;
let shadow: {proxy: ShadowProxy; timer: NodeJS.Timeout} | undefined;
const shadowPushMs = 250;
let run: {id: number; controller: AbortController; finished: Promise<unknown>} | undefined;
let sentSecrets = 0;

function send(message: HostMessage): void {
	process.send?.(message);
}

/** New secrets go out before the events that might carry them (IPC keeps order). */
function shareSecrets(): void {
	const all = registeredSecrets();
	if (all.length === sentSecrets) return;
	send({type: 'secrets', values: all.slice(sentSecrets)});
	sentSecrets = all.length;
}

function reply(id: number, work: () => Promise<unknown>): void {
	work().then(
		value => {
			shareSecrets();
			send({type: 'reply', id, ok: true, value});
		},
		(error: unknown) => {
			shareSecrets();
			send({type: 'reply', id, ok: false, message: errorMessage(error), path: error instanceof ConfigError ? error.location.path : undefined});
		},
	);
}

async function stopShadow(): Promise<void> {
	const current = shadow;
	shadow = undefined;
	if (!current) return;
	clearInterval(current.timer);
	await current.proxy.close();
}

async function startHostedShadow(request: Extract<HostRequest, {type: 'shadow'}>): Promise<{url: string}> {
	if (!opened) throw new Error('no targets are open');
	if (shadow) return {url: shadow.proxy.url};
	const [{startShadow}, {RouteRules}, {loadCatalog}] = await Promise.all([import('../../shadow/proxy.js'), import('../../shadow/rules.js'), import('../../catalog/catalog.js')]);
	const rules = new RouteRules(await loadCatalog(request.checksDirectory));
	const proxy = await startShadow({targets: opened.targets, rules, expected: request.expected, candidateTimeoutMs: request.candidateTimeoutMs});
	let last = '';
	const push = () => {
		const routes = proxy.routes();
		const snapshot = {totals: proxy.totals(), routes, recent: Object.fromEntries(routes.map(route => [route.route, proxy.recent(route.route)]))};
		const text = JSON.stringify(snapshot);
		if (text === last) return;
		last = text;
		shareSecrets();
		send({type: 'shadow-snapshot', snapshot});
	};

	push();
	shadow = {proxy, timer: setInterval(push, shadowPushMs)};
	return {url: proxy.url};
}

async function closeTargets(): Promise<void> {
	await stopShadow();
	if (run) {
		run.controller.abort();
		await run.finished.catch(() => undefined);
	}

	const current = opened;
	opened = undefined;
	await current?.close();
}

function startHostedRun(id: number, request: Extract<HostRequest, {type: 'run'}>): void {
	if (!opened) return send({type: 'failed', run: id, message: 'no targets are open'});
	if (run) return send({type: 'failed', run: id, message: 'a run is already in flight'});
	const controller = new AbortController();
	// Judged exactly as a headless run: the pre-flight's versions and gateway identity go with the request.
	const {events, finished} = startRun({rows: request.rows, profile: request.profile, targets: opened.targets, signal: controller.signal, ...preflightRunOptions(request.profile, request.preflight)});
	run = {id, controller, finished};
	// Events go out in batches, one per turn of the event loop: thousands of stream chunks cost a few messages.
	let batch: RunEvent[] = [];
	let scheduled = false;
	const flush = () => {
		scheduled = false;
		if (batch.length === 0) return;
		shareSecrets();
		send({type: 'events', run: id, events: batch});
		batch = [];
	};

	void (async () => {
		for await (const event of events) {
			batch.push(event);
			if (!scheduled) {
				scheduled = true;
				setImmediate(flush);
			}
		}

		flush();
		try {
			const result = await finished;
			shareSecrets();
			send({type: 'finished', run: id, finished: result});
		} catch (error) {
			send({type: 'failed', run: id, message: errorMessage(error)});
		} finally {
			if (run?.id === id) run = undefined;
		}
	})();
}

process.on('message', (request: HostRequest) => {
	switch (request.type) {
		case 'open':
			return reply(request.id, async () => {
				await closeTargets();
				opened = await openTargets(request.profile, {quietSimulators: true, standIns});
				const {baseline, candidate} = opened.targets;
				return {baseline: {url: baseline.url}, candidate: {url: candidate.url}};
			});
		case 'close':
			return reply(request.id, closeTargets);
		case 'preflight':
			return reply(request.id, async () => {
				if (!opened) throw new Error('no targets are open');
				return preflightPair(opened.targets, request.profile);
			});
		case 'run':
			return startHostedRun(request.id, request);
		case 'cancel':
			run?.controller.abort();
			return;
		case 'shadow':
			return reply(request.id, async () => startHostedShadow(request));
		case 'shadow-close':
			return reply(request.id, stopShadow);
		case 'health':
			return reply(request.id, async () => {
				if (!opened) return undefined;
				const [baseline, candidate] = await Promise.all([checkLiveness(opened.targets.baseline), checkLiveness(opened.targets.candidate)]);
				return {baseline, candidate};
			});
	}
});

// The explorer went away (quit, crash, kill): stop the simulators and leave.
process.on('disconnect', () => {
	void closeTargets().finally(() => process.exit(0));
});
