// The tool's own benchmarks (`npm run bench`, after a build). Prints one table with the machine on top:
// (a) the load probe vs autocannon on the same local server, (b) accuracy of the measured p50 and proxy overhead
// against injected delays, (c) start-up, (d) the demo's functional run, (e) peak RSS during a 10,000-request load,
// (f) the shadow proxy vs a plain reverse proxy (scripts/bench-shadow.mjs, also alone as `npm run bench:shadow`).
import {spawn, spawnSync} from 'node:child_process';
import {existsSync} from 'node:fs';
import {createServer, request as httpRequest, Agent} from 'node:http';
import os from 'node:os';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import path from 'node:path';
import autocannon from 'autocannon';
import {runLoad} from '../dist/source/probes/load-generator.js';
import {overheadProbe} from '../dist/source/probes/overhead.js';
import {startMockUpstream} from '../dist/source/testbed/upstream/mock-openai.js';
import {checkSchema} from '../dist/source/catalog/schema.js';
import {profileSchema} from '../dist/source/targets/profile-schema.js';
import {createDispatcher} from '../dist/source/targets/target.js';
import {explorerBench} from './explorer-bench.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cli = path.join(root, 'dist/source/cli.js');
const quick = process.argv.includes('--quick');
const median = values => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const round = (value, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

// On a small machine the server and the load generator fight for cores, and the winner changes from run to run.
// Where taskset exists, the server gets core 0 and this process (the generators) core 1, so both generators are
// measured against the same, steady server.
const pinning = os.cpus().length >= 2 && spawnSync('taskset', ['-V']).status === 0;
if (pinning) spawnSync('taskset', ['-cp', '1', String(process.pid)]);

function startServerProcess(delayMs) {
	const command = pinning ? ['taskset', ['-c', '0', process.execPath]] : [process.execPath, []];
	const child = spawn(command[0], [...command[1], path.join(root, 'scripts/bench-server.mjs'), String(delayMs)], {stdio: ['ignore', 'pipe', 'inherit']});
	return new Promise(resolve => child.stdout.once('data', data => resolve({url: `http://127.0.0.1:${String(data).trim()}`, stop: () => child.kill('SIGTERM')})));
}

function target(url, extra = {}) {
	const spec = {url, ...extra};
	return {side: 'baseline', url, headers: {}, pathPrefix: '', spec, dispatcher: createDispatcher(spec), ...extra};
}

const chatRequest = {method: 'POST', path: '/v1/chat/completions', json: {model: 'bench', messages: [{role: 'user', content: 'ping'}]}, auth: 'none', base: 'proxy', llm: false};

// (a) Load probe vs autocannon: same server (own process), same connections and duration, alternating, medians.
async function loadVersusAutocannon() {
	const server = await startServerProcess(0);
	const connections = 10;
	const seconds = quick ? 2 : 4;
	const ours = async () => (await runLoad({target: target(server.url), spec: chatRequest, connections, durationMs: seconds * 1000, signal: new AbortController().signal, requestTimeoutMs: 10_000})).rate;
	const reference = async () => {
		const result = await autocannon({url: `${server.url}/v1/chat/completions`, method: 'POST', body: JSON.stringify(chatRequest.json), headers: {'content-type': 'application/json'}, connections, duration: seconds});
		return result.requests.total / result.duration;
	};

	await reference();
	await ours();
	const rounds = quick ? 1 : 3;
	const oursRates = [];
	const referenceRates = [];
	for (let index = 0; index < rounds; index++) {
		referenceRates.push(await reference());
		oursRates.push(await ours());
	}

	server.stop();
	return {ours: median(oursRates), autocannon: median(referenceRates), ratio: median(oursRates) / median(referenceRates)};
}

// (b1) A server with an injected 50 ms delay: the error of the measured p50.
async function p50Accuracy() {
	const server = await startServerProcess(50);
	const result = await runLoad({target: target(server.url), spec: chatRequest, connections: 4, requests: quick ? 100 : 400, signal: new AbortController().signal, requestTimeoutMs: 10_000});
	server.stop();
	const p50 = result.latency.percentiles['50'];
	return {p50, error: p50 - 50};
}

// (b2) A proxy that adds exactly 20 ms in front of the mock upstream: the error of the measured overhead.
async function overheadAccuracy() {
	const upstream = await startMockUpstream({latencyMs: 5});
	const upstreamUrl = new URL(upstream.url);
	const agent = new Agent({keepAlive: true, maxSockets: 16});
	const proxy = createServer((request, response) => {
		const chunks = [];
		request.on('data', chunk => chunks.push(chunk));
		request.on('end', () => {
			setTimeout(() => {
				const forward = httpRequest({host: upstreamUrl.hostname, port: upstreamUrl.port, path: request.url, method: request.method, headers: {'content-type': 'application/json'}, agent}, answer => {
					response.writeHead(answer.statusCode ?? 502, {'content-type': answer.headers['content-type'] ?? 'application/json'});
					answer.pipe(response);
				});
				forward.end(Buffer.concat(chunks));
			}, 20);
		});
	});
	await new Promise(resolve => proxy.listen(0, '127.0.0.1', resolve));
	const proxyUrl = `http://127.0.0.1:${proxy.address().port}`;
	const check = checkSchema.parse({id: 'bench.overhead', probe: 'overhead', request: {method: 'POST', path: '/v1/chat/completions', json: chatRequest.json}, options: {samples: quick ? 20 : 60, warmup: 5}});
	const profile = profileSchema.parse({name: 'bench', baseline: {url: proxyUrl}, candidate: {url: proxyUrl}});
	const observation = await overheadProbe({
		check,
		side: 'baseline',
		target: target(proxyUrl, {upstream: upstream.url}),
		profile,
		scope: {models: profile.models, env: process.env, steps: {}, run: {id: 'bench'}, side: 'baseline'},
		signal: new AbortController().signal,
		timeoutMs: 60_000,
		maxBodyBytes: 1024 * 1024,
		progress: () => undefined,
		samples: 1,
	});
	proxy.closeAllConnections();
	proxy.close();
	agent.destroy();
	await upstream.close();
	return {p50: observation.facts.med, p95: observation.facts.percentiles['95'], error: observation.facts.med - 20};
}

// (c) Start-up: `--version`, and the TUI's first frame when the first-frame script is present.
function startup() {
	const times = [];
	for (let index = 0; index < (quick ? 3 : 10); index++) {
		const started = performance.now();
		spawnSync(process.execPath, [cli, '--version']);
		times.push(performance.now() - started);
	}

	let firstFrame;
	const script = path.join(root, 'scripts/first-frame.mjs');
	if (existsSync(script)) {
		const result = spawnSync(process.execPath, [script, quick ? '3' : '9'], {encoding: 'utf8', timeout: 120_000});
		const match = /median first frame: ([\d.]+) ms/.exec(result.stdout ?? '');
		firstFrame = match ? Number(match[1]) : undefined;
	}

	return {version: median(times), firstFrame};
}

// (c) The simulator's start-up (each personality, best of three): the demo starts two of them.
async function simulatorStartup() {
	const {startSimulator} = await import(path.join(root, 'dist/source/testbed/simulator/index.js'));
	const best = {};
	for (const personality of ['baseline', 'candidate']) {
		const times = [];
		for (let attempt = 0; attempt < 3; attempt++) {
			const started = performance.now();
			const sim = await startSimulator({personality, masterKey: 'sk-bench-master-key'});
			times.push(performance.now() - started);
			await sim.close();
		}

		best[personality] = Math.min(...times);
	}

	return best;
}

// (d) The demo's full functional run: every category but the measuring ones (performance).
function demoRun() {
	const categories = ['api', 'health', 'management', 'routing', 'persistence', 'observability', 'llmrouter', 'database', 'caching', 'security', 'known-differences'];
	const args = [cli, 'run', '--profile', 'demo', '--format', 'json', '--no-history', ...categories.flatMap(category => ['--category', category])];
	const times = [];
	let checks = 0;
	for (let index = 0; index < (quick ? 1 : 3); index++) {
		const started = performance.now();
		const result = spawnSync(process.execPath, args, {encoding: 'utf8', env: {...process.env, LITELLM_PARITY_HOME: os.tmpdir()}});
		times.push(performance.now() - started);
		checks = JSON.parse(result.stdout).results.length;
	}

	return {wallMs: median(times), checks};
}

// (e) Peak RSS of a process running a 10,000-request load check.
async function peakRss() {
	const server = await startServerProcess(0);
	const code = `
		import {runLoad} from ${JSON.stringify(path.join(root, 'dist/source/probes/load-generator.js'))};
		import {createDispatcher} from ${JSON.stringify(path.join(root, 'dist/source/targets/target.js'))};
		let peak = process.memoryUsage.rss();
		const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 10);
		const spec = {url: ${JSON.stringify(server.url)}};
		const result = await runLoad({target: {side: 'baseline', url: spec.url, headers: {}, pathPrefix: '', spec, dispatcher: createDispatcher(spec)}, spec: ${JSON.stringify(chatRequest)}, connections: 10, requests: 10000, signal: new AbortController().signal, requestTimeoutMs: 10000});
		clearInterval(sampler);
		peak = Math.max(peak, process.memoryUsage.rss(), process.resourceUsage().maxRSS * 1024);
		console.log(JSON.stringify({peak, requests: result.requests}));`;
	const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], {encoding: 'utf8'});
	server.stop();
	const parsed = JSON.parse(result.stdout.trim().split('\n').pop());
	return {peakMb: parsed.peak / 1024 / 1024, requests: parsed.requests};
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`litellm-parity benchmarks — ${new Date().toISOString().slice(0, 10)}`);
console.log(`cores: ${pinning ? 'server pinned to core 0, load generators to core 1 (taskset)' : 'not pinned'}`);
console.log(`machine: ${os.type()} ${os.release()}, ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 1024 ** 3)} GiB; Node ${process.version}; load average ${os.loadavg().map(value => value.toFixed(2)).join(' ')}`);
console.log('');

const rows = [];
const a = await loadVersusAutocannon();
rows.push(['(a) load probe vs autocannon (10 connections)', `${Math.round(a.ours)} vs ${Math.round(a.autocannon)} req/s = ${a.ratio.toFixed(2)}×`, '≥ 0.9×', a.ratio >= 0.9]);
const b1 = await p50Accuracy();
rows.push(['(b) p50 with an injected 50 ms delay', `${round(b1.p50, 2)} ms (error ${b1.error >= 0 ? '+' : ''}${round(b1.error, 2)} ms)`, '|error| ≤ 2 ms', Math.abs(b1.error) <= 2]);
const b2 = await overheadAccuracy();
rows.push(['(b) overhead with an injected 20 ms proxy delay', `p50 ${round(b2.p50, 2)} ms (error ${b2.error >= 0 ? '+' : ''}${round(b2.error, 2)} ms), p95 ${round(b2.p95, 2)} ms`, '|error| ≤ 3 ms', Math.abs(b2.error) <= 3]);
const c = startup();
rows.push(['(c) `litellm-parity --version`, median', `${round(c.version)} ms`, '< 200 ms', c.version < 200]);
const simulators = await simulatorStartup();
rows.push(['(c) simulator start, best of 3', `baseline ${round(simulators.baseline)} ms, candidate ${round(simulators.candidate)} ms`, '< 50 ms', Math.max(simulators.baseline, simulators.candidate) < 50]);
rows.push(['(c) TUI first frame, median', c.firstFrame === undefined ? 'not measured (scripts/first-frame.mjs missing)' : `${round(c.firstFrame)} ms`, '< 600 ms', c.firstFrame !== undefined && c.firstFrame < 600]);
const d = demoRun();
rows.push([`(d) demo functional run (${d.checks} checks), wall`, `${round(d.wallMs / 1000, 2)} s`, '< 3 s', d.wallMs < 3000]);
const e = await peakRss();
rows.push([`(e) peak RSS, ${e.requests}-request load check`, `${round(e.peakMb)} MB`, '< 200 MB', e.peakMb < 200]);

// (f) The shadow proxy against a plain undici reverse proxy, in its own process on all cores (scripts/bench-shadow.mjs).
const shadowRun = spawnSync(process.execPath, [path.join(root, 'scripts/bench-shadow.mjs'), '--json', ...(quick ? ['--quick'] : [])], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit']});
const shadowRows = shadowRun.status === 0 ? JSON.parse(shadowRun.stdout.trim().split('\n').pop()) : [['(f) shadow benchmarks', `failed (exit ${shadowRun.status})`, '', false]];
rows.push(...shadowRows);

if (!quick) {
	// (f) The explorer's run of everything vs the headless run of the same profile (the demo), five runs each time.
	for (const f of await explorerBench()) {
		rows.push([`(f) explorer vs headless run of everything, ${f.condition}`, `${round(f.explorerMs / 1000, 1)} vs ${round(f.headlessMs / 1000, 1)} s = ${f.ratio.toFixed(2)}×`, '≤ 1.2×', f.ratio <= 1.2]);
		rows.push([`(f) same verdicts, ${f.condition}`, f.sameVerdicts ? `yes (${f.explorerVerdicts[0]})` : `no: explorer ${f.explorerVerdicts.join(' / ')}; headless ${f.headlessVerdicts.join(' / ')}`, 'identical', f.sameVerdicts]);
		rows.push([`(f) explorer RSS after 5 runs of everything, ${f.condition}`, `${round(f.explorerRssMb)} MB (engine host ${f.engineHostRssMb.map(value => round(value)).join(', ') || '—'} MB)`, '< 250 MB', f.explorerRssMb < 250]);
	}
}

const widths = [0, 1, 2].map(index => Math.max(...rows.map(row => String(row[index]).length), ['benchmark', 'measured', 'target'][index].length));
const line = cells => cells.map((cell, index) => String(cell).padEnd(widths[index] ?? 0)).join('  ');
console.log(line(['benchmark', 'measured', 'target', 'met']));
console.log(line(widths.map(width => '-'.repeat(width)).concat('---')));
for (const row of rows) console.log(line([row[0], row[1], row[2], row[3] ? 'yes' : 'NO']));
