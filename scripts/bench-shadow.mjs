// Shadow proxy benchmarks (part of `npm run bench`; alone: `npm run bench:shadow [-- --quick]`), measured side by side
// against a plain reverse proxy built on the same HTTP library (undici) in the same run:
//   latency added on the client's path at 500 req/s (p50, p99), throughput with mirroring on, RSS over a long run of
//   mirrored requests, and RSS with a candidate that never answers (drops counted).
// Internal mode: node scripts/bench-shadow.mjs --serve reference|shadow BASELINE CANDIDATE → prints "PORT CONTROL_PORT".
import {spawn, spawnSync} from 'node:child_process';
import {createServer} from 'node:http';
import {createServer as createTcpServer} from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';
import {readFileSync} from 'node:fs';
import autocannon from 'autocannon';
import {Agent, Pool} from 'undici';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const chatBody = JSON.stringify({model: 'bench', messages: [{role: 'user', content: 'ping'}]});
const chatHeaders = {'content-type': 'application/json', authorization: 'Bearer sk-bench-client-key-0001'};
const hopByHop = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'host', 'content-length', 'expect']);

/** The reference: a plain reverse proxy on undici, streaming the answer back, nothing else. */
async function serveReference(baseline) {
	const origin = new URL(baseline).origin;
	const agent = new Agent({connections: null, keepAliveTimeout: 10_000});
	const server = createServer((request, response) => {
		const chunks = [];
		request.on('data', chunk => chunks.push(chunk));
		request.on('end', () => {
			const headers = {};
			for (const name in request.headers) if (!hopByHop.has(name)) headers[name] = request.headers[name];
			agent.request({origin, path: request.url, method: request.method, headers, body: chunks.length === 0 ? undefined : Buffer.concat(chunks)}).then(
				answer => {
					const out = {};
					for (const name in answer.headers) if (name !== 'connection' && name !== 'keep-alive' && name !== 'transfer-encoding') out[name] = answer.headers[name];
					response.writeHead(answer.statusCode, out);
					answer.body.pipe(response);
				},
				() => response.writeHead(502).end(),
			);
		});
	});
	server.keepAliveTimeout = 65_000;
	await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
	return {port: server.address().port, totals: () => ({})};
}

async function serveShadow(baseline, candidate, {shedWhenBusy = true} = {}) {
	const {startShadow} = await import('../dist/source/shadow/proxy.js');
	const {RouteRules} = await import('../dist/source/shadow/rules.js');
	const {loadCatalog} = await import('../dist/source/catalog/catalog.js');
	const {createDispatcher} = await import('../dist/source/targets/target.js');
	const target = (side, url) => ({side, url, key: side === 'candidate' ? 'sk-bench-candidate-key-02' : undefined, headers: {}, pathPrefix: '', spec: {url}, dispatcher: createDispatcher({url})});
	const shadow = await startShadow({targets: {baseline: target('baseline', baseline), candidate: target('candidate', candidate)}, rules: new RouteRules(await loadCatalog()), noiseFraction: 0.1, candidateTimeoutMs: 5000, shedWhenBusy});
	return {port: Number(new URL(shadow.url).port), totals: () => shadow.totals()};
}

function startProcess(args) {
	const child = spawn(process.execPath, args, {stdio: ['ignore', 'pipe', 'inherit']});
	return new Promise(resolve => child.stdout.once('data', data => resolve({child, words: String(data).trim().split(' '), stop: () => child.kill('SIGTERM')})));
}

async function startBackend() {
	const started = await startProcess([path.join(root, 'scripts/bench-server.mjs'), '0']);
	return {url: `http://127.0.0.1:${started.words[0]}`, stop: started.stop};
}

async function startProxy(kind, baseline, candidate) {
	const started = await startProcess([fileURLToPath(import.meta.url), '--serve', kind, baseline, candidate]);
	const [port, control] = started.words;
	return {
		url: `http://127.0.0.1:${port}`,
		stats: async () => JSON.parse(await (await fetch(`http://127.0.0.1:${control}/`)).text()),
		stop: started.stop,
	};
}

/** An open-loop generator: `rate` requests a second whatever the answers do, each timed on the monotonic clock. */
async function paced(url, rate, seconds) {
	const pool = new Pool(url, {connections: 128, pipelining: 1});
	const total = Math.round(rate * seconds);
	const interval = 1000 / rate;
	const latencies = [];
	const start = performance.now();
	let sent = 0;
	await new Promise(resolve => {
		let done = 0;
		const fire = () => {
			const t0 = performance.now();
			pool.request({path: '/v1/chat/completions', method: 'POST', headers: chatHeaders, body: chatBody}).then(
				answer => answer.body.dump().then(() => {
					latencies.push(performance.now() - t0);
					if (++done === total) resolve();
				}),
				() => {
					if (++done === total) resolve();
				},
			);
		};

		const tick = () => {
			const due = Math.min(total, Math.floor((performance.now() - start) / interval) + 1);
			while (sent < due) {
				sent++;
				fire();
			}

			if (sent < total) setTimeout(tick, 1);
		};

		tick();
	});
	await pool.close();
	latencies.sort((a, b) => a - b);
	const at = percentile => latencies[Math.min(latencies.length - 1, Math.floor((percentile / 100) * latencies.length))];
	return {p50: at(50), p99: at(99), count: latencies.length};
}

async function saturate(url, seconds, connections = 16) {
	const result = await autocannon({url: `${url}/v1/chat/completions`, method: 'POST', body: chatBody, headers: chatHeaders, connections, duration: seconds});
	return {rate: result.requests.total / result.duration, errors: result.errors + result.non2xx};
}

/** Until every mirrored request has been judged or dropped (at most 10 s), so shares count one window's requests. */
async function quiesce(proxy) {
	for (let waited = 0; waited < 10_000; waited += 100) {
		const stats = await proxy.stats();
		if (stats.compared + stats.dropped >= stats.mirrored && stats.inFlight === 0) return;
		await new Promise(resolve => setTimeout(resolve, 100));
	}
}

/** req/s of each proxy in turn, `rounds` times (alternating, so drift in the machine's load hits all alike). */
async function alternating(proxies, rounds, seconds) {
	const rates = proxies.map(() => []);
	for (let index = 0; index < rounds; index++) {
		for (const [at, proxy] of proxies.entries()) rates[at].push((await saturate(proxy.url, seconds)).rate);
	}

	return rates;
}

const median = values => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const share = (part, whole) => `${whole ? Math.round((part / whole) * 100) : 0}%`;
const signed = value => `${value >= 0 ? '+' : '−'}${round(Math.abs(value))}`;

export async function shadowBenchmarks({quick = false} = {}) {
	const rows = [];
	const baseline = await startBackend();
	const candidate = await startBackend();
	const reference = await startProxy('reference', baseline.url, candidate.url);
	const shadow = await startProxy('shadow', baseline.url, candidate.url);
	try {
		// Warm both up (JIT, connection pools).
		await saturate(reference.url, 1, 8);
		await saturate(shadow.url, 1, 8);

		// Latency added on the client's path at 500 req/s, alternating rounds, medians of the per-round figures.
		const rounds = quick ? 1 : 3;
		const seconds = quick ? 4 : 8;
		const referenceRuns = [];
		const shadowRuns = [];
		await quiesce(shadow);
		const pacedBefore = await shadow.stats();
		for (let index = 0; index < rounds; index++) {
			referenceRuns.push(await paced(reference.url, 500, seconds));
			shadowRuns.push(await paced(shadow.url, 500, seconds));
		}

		await quiesce(shadow);
		const pacedAfter = await shadow.stats();
		const pacedShare = `${share(pacedAfter.compared - pacedBefore.compared, pacedAfter.requests - pacedBefore.requests)} compared`;

		const ref = {p50: median(referenceRuns.map(run => run.p50)), p99: median(referenceRuns.map(run => run.p99))};
		const sh = {p50: median(shadowRuns.map(run => run.p50)), p99: median(shadowRuns.map(run => run.p99))};
		const addedP50 = sh.p50 - ref.p50;
		const addedP99 = sh.p99 - ref.p99;
		rows.push(['(f) shadow: added latency p50 at 500 req/s', `${round(sh.p50)} vs ${round(ref.p50)} ms = ${signed(addedP50)} ms (${pacedShare})`, '< 1 ms', addedP50 < 1]);
		rows.push(['(f) shadow: added latency p99 at 500 req/s', `${round(sh.p99)} vs ${round(ref.p99)} ms = ${signed(addedP99)} ms (${pacedShare})`, '< 5 ms', addedP99 < 5]);

		// Throughput with mirroring on: closed loop, 16 connections, alternating, medians.
		const before = await shadow.stats();
		const [referenceRates, shadowRates] = await alternating([reference, shadow], rounds, quick ? 3 : 5);

		const after = await shadow.stats();
		const requests = after.requests - before.requests;
		const compared = after.compared - before.compared;
		const dropped = after.dropped - before.dropped;
		const ratio = median(shadowRates) / median(referenceRates);
		rows.push([
			'(f) shadow: throughput with mirroring on',
			`${Math.round(median(shadowRates))} vs ${Math.round(median(referenceRates))} req/s = ${ratio.toFixed(2)}× (${share(compared, requests)} compared, ${share(dropped, requests)} dropped)`,
			'≥ 0.8×',
			ratio >= 0.8,
		]);

		// The same with the governor off: nothing shed on purpose, only what the mirror's bounded queue cannot hold. On
		// 2 cores already saturated by the client, the proxy and the baseline, this shows what a full mirror costs.
		const everything = await startProxy('shadow-all', baseline.url, candidate.url);
		try {
			await saturate(everything.url, 1, 8);
			const [againRates, allRates] = await alternating([reference, everything], rounds, quick ? 3 : 5);

			const allAfter = await everything.stats();
			const allRatio = median(allRates) / median(againRates);
			rows.push([
				'(f) shadow: throughput with the governor off',
				`${Math.round(median(allRates))} vs ${Math.round(median(againRates))} req/s = ${allRatio.toFixed(2)}× (${share(allAfter.compared, allAfter.requests)} compared)`,
				'(for information)',
				true,
			]);
		} finally {
			everything.stop();
		}

		reference.stop();

		// Memory over a long run of mirrored requests: until 1,000,000 have gone through (50,000 with --quick) or the
		// time cap, RSS sampled as it goes.
		const soakTarget = quick ? 50_000 : Number(process.env.SHADOW_SOAK_REQUESTS ?? 1_000_000);
		const soakCapSeconds = quick ? 30 : Number(process.env.SHADOW_SOAK_SECONDS ?? 600);
		const samples = [];
		const soakStart = performance.now();
		const soak = autocannon({url: `${shadow.url}/v1/chat/completions`, method: 'POST', body: chatBody, headers: chatHeaders, connections: 16, duration: soakCapSeconds});
		const startMirrored = (await shadow.stats()).mirrored;
		for (;;) {
			await new Promise(resolve => setTimeout(resolve, quick ? 2000 : 10_000));
			const stats = await shadow.stats();
			samples.push(`${Math.round(stats.mirrored / 1000)}k→${Math.round(stats.rssMb)} MB`);
			if (stats.mirrored - startMirrored >= soakTarget || performance.now() - soakStart > soakCapSeconds * 1000) break;
		}

		soak.stop?.();
		await soak;
		await new Promise(resolve => setTimeout(resolve, 1000));
		const end = await shadow.stats();
		rows.push([
			`(f) shadow: RSS after ${end.mirrored.toLocaleString('en')} mirrored requests`,
			`${Math.round(end.rssMb)} MB (${end.compared.toLocaleString('en')} compared, ${end.dropped.toLocaleString('en')} dropped; trend ${samples.length > 8 ? [...samples.slice(0, 4), '…', ...samples.slice(-4)].join(', ') : samples.join(', ')})`,
			'< 300 MB (1,000,000)',
			end.rssMb < 300,
		]);
	} finally {
		reference.stop();
		shadow.stop();
	}

	// A candidate that never answers: accepted connections, no bytes back.
	const sockets = new Set();
	const silent = createTcpServer(socket => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => undefined);
	});
	await new Promise(resolve => silent.listen(0, '127.0.0.1', resolve));
	const hanging = await startProxy('shadow', baseline.url, `http://127.0.0.1:${silent.address().port}`);
	try {
		const result = await saturate(hanging.url, quick ? 5 : 20, 16);
		const stats = await hanging.stats();
		rows.push([
			'(f) shadow: candidate never answers',
			`${Math.round(result.rate)} req/s to clients, ${result.errors} client errors, ${stats.dropped.toLocaleString('en')} of ${stats.mirrored.toLocaleString('en')} mirrors dropped, ${stats.inFlight} in flight, ${stats.queued} queued, RSS ${Math.round(stats.rssMb)} MB`,
			'bounded memory, drops counted',
			result.errors === 0 && stats.rssMb < 300 && stats.dropped > 0,
		]);
	} finally {
		hanging.stop();
		for (const socket of sockets) socket.destroy();
		silent.close();
		baseline.stop();
		candidate.stop();
	}

	return rows;
}

export function printRows(rows) {
	const widths = [0, 1, 2].map(index => Math.max(...rows.map(row => String(row[index]).length), ['benchmark', 'measured', 'target'][index].length));
	const line = cells => cells.map((cell, index) => String(cell).padEnd(widths[index] ?? 0)).join('  ');
	console.log(line(['benchmark', 'measured', 'target', 'met']));
	console.log(line(widths.map(width => '-'.repeat(width)).concat('---')));
	for (const row of rows) console.log(line([row[0], row[1], row[2], row[3] ? 'yes' : 'NO']));
}


export const machine = () => `${os.type()} ${os.release()}, ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores; Node ${process.version}; load average ${os.loadavg().map(value => value.toFixed(2)).join(' ')}`;

if (process.argv[2] === '--serve') {
	const [, , , kind, baseline, candidate] = process.argv;
	const served = kind === 'shadow' ? await serveShadow(baseline, candidate) : kind === 'shadow-all' ? await serveShadow(baseline, candidate, {shedWhenBusy: false}) : await serveReference(baseline);
	const control = createServer((request, response) => {
		const status = readFileSync('/proc/self/status', 'utf8');
		const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
		const cpu = process.cpuUsage();
		response.end(JSON.stringify({rssMb: rssKb / 1024, heapMb: process.memoryUsage().heapUsed / 1024 / 1024, cpuMs: (cpu.user + cpu.system) / 1000, ...served.totals()}));
	});
	await new Promise(resolve => control.listen(0, '127.0.0.1', resolve));
	process.stdout.write(`${served.port} ${control.address().port}\n`);
	process.on('SIGTERM', () => process.exit(0));
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
	// `npm run bench` pins itself to one core; the shadow benchmarks are measured on all of them (2 on the reference machine).
	if (spawnSync('taskset', ['-V']).status === 0) spawnSync('taskset', ['-acp', `0-${os.cpus().length - 1}`, String(process.pid)]);
	const rows = await shadowBenchmarks({quick: process.argv.includes('--quick')});
	if (process.argv.includes('--json')) console.log(JSON.stringify(rows));
	else {
		console.log(`shadow benchmarks — ${machine()}`);
		console.log('');
		printRows(rows);
	}
}

