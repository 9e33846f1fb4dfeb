#!/usr/bin/env node
// The explorer's run of everything against the headless run of the same profile (the demo), on the machine as it is
// and with one core loaded by a CPU-bound process. The explorer runs under a pseudo-terminal (util-linux `script`),
// is driven with the keys a person presses (`a`, five times), and its RSS (and its engine host's) is read from /proc
// after the fifth run. Prints a JSON line per condition and a summary; `npm run bench` includes it as (f).
// Usage: npm run build && node scripts/explorer-bench.mjs [--runs 5] [--headless-runs 2] [--quiet-only]
import {spawn, spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist/source/cli.js');
const argument = (name, fallback) => {
	const index = process.argv.indexOf(name);
	return index === -1 ? fallback : Number(process.argv[index + 1]);
};

const explorerRuns = argument('--runs', 5);
const headlessRuns = argument('--headless-runs', 2);
const quietOnly = process.argv.includes('--quiet-only');
const runTimeoutMs = 180_000;
const ansi = /\u001B\[[0-9;?]*[ -/]*[@-~]|\u001B[()][0-9A-Za-z]|\u001B[=>78]/g;
const verdictWords = ['parity', 'gap', 'drift', 'bonus', 'both-fail', 'expected', 'skipped', 'error'];

function countsFromText(text) {
	const counts = Object.fromEntries(verdictWords.map(word => [word, 0]));
	for (const match of text.matchAll(/(\d+) (parity|gap|drift|bonus|both-fail|expected|skipped|error)\b/g)) counts[match[2]] = Number(match[1]);
	return counts;
}

const sameCounts = (a, b) => verdictWords.every(word => (a[word] ?? 0) === (b[word] ?? 0));
const showCounts = counts => verdictWords.filter(word => counts[word]).map(word => `${counts[word]} ${word}`).join(', ');
const median = values => {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function headless(home) {
	const started = performance.now();
	const result = spawnSync(process.execPath, [cli, 'run', '--profile', 'demo', '--format', 'json', '--no-history'], {encoding: 'utf8', env: {...process.env, LITELLM_PARITY_HOME: home}, maxBuffer: 256 * 1024 * 1024});
	const wallMs = performance.now() - started;
	const report = JSON.parse(result.stdout);
	return {wallMs, durationMs: report.durationMs, counts: report.summary};
}

function childrenOf(pid) {
	try {
		return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
	} catch {
		return [];
	}
}

function rssMb(pid) {
	try {
		const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) / 1024 : undefined;
	} catch {
		return undefined;
	}
}

/** One explorer session: wait for open targets, press `a` `runs` times (each after the previous one is kept), read RSS, quit. */
function explorer(home, runs) {
	return new Promise((resolve, reject) => {
		const child = spawn('script', ['-qfec', `stty cols 160 rows 45; exec ${JSON.stringify(process.execPath)} ${JSON.stringify(cli)} --profile demo`, '/dev/null'], {
			env: {...process.env, LITELLM_PARITY_HOME: home, TERM: 'xterm-256color'},
			stdio: ['pipe', 'pipe', 'inherit'],
		});
		let screen = '';
		let from = 0;
		let waiting;
		const results = [];
		let pressedAt = 0;
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`explorer bench timed out; screen tail:\n${screen.slice(-800)}`));
		}, runTimeoutMs * (runs + 1));
		const waitFor = pattern =>
			new Promise(done => {
				waiting = {pattern, done};
				check();
			});
		function check() {
			if (!waiting) return;
			const match = waiting.pattern.exec(screen.slice(from));
			if (!match) return;
			const {done} = waiting;
			waiting = undefined;
			from += match.index + match[0].length;
			done(match);
		}

		child.stdout.on('data', chunk => {
			screen += chunk.toString('utf8').replace(ansi, '');
			check();
		});
		child.on('exit', () => clearTimeout(timer));
		(async () => {
			// Targets are open once the header shows a port.
			await waitFor(/baseline http:\/\/127\.0\.0\.1:\d+/);
			for (let index = 0; index < runs; index++) {
				pressedAt = performance.now();
				child.stdin.write('a');
				// The header's progress only shows while a run is in flight: what follows is this run's end, not an older toast.
				await waitFor(/everything: \d+\/\d+/);
				const finished = await waitFor(/everything finished in ([\d.]+)s: ([^│\n]*?)(?= · |\s{2}|│|$)/m);
				const wallMs = performance.now() - pressedAt;
				results.push({wallMs, durationMs: Number(finished[1]) * 1000, counts: countsFromText(finished[2])});
				await waitFor(/kept in the history/);
			}

			const node = childrenOf(child.pid)[0];
			const explorerRss = node ? rssMb(node) : undefined;
			const hosts = node ? childrenOf(node) : [];
			const hostRss = hosts.map(rssMb).filter(value => value !== undefined);
			child.stdin.write('q');
			// A quit that asks first (never during a finished run) is answered.
			setTimeout(() => child.stdin.write('y'), 500).unref();
			await new Promise(done => child.once('exit', done));
			resolve({results, explorerRss, hostRss});
		})().catch(reject);
	});
}

function startCpuHog() {
	const hog = spawn(process.execPath, ['-e', 'for(;;){}'], {stdio: 'ignore'});
	return () => hog.kill('SIGKILL');
}

async function condition(name) {
	const home = mkdtempSync(path.join(tmpdir(), 'parity-explorer-bench-'));
	try {
		const head = [];
		for (let index = 0; index < headlessRuns; index++) head.push(headless(home));
		const tui = await explorer(home, explorerRuns);
		const headlessMs = median(head.map(run => run.durationMs));
		const explorerMs = median(tui.results.map(run => run.durationMs));
		const reference = head[0].counts;
		return {
			condition: name,
			headlessMs,
			headlessWallMs: median(head.map(run => run.wallMs)),
			explorerMs,
			explorerKeyToResultMs: median(tui.results.map(run => run.wallMs)),
			ratio: explorerMs / headlessMs,
			headlessVerdicts: head.map(run => showCounts(run.counts)),
			explorerVerdicts: tui.results.map(run => showCounts(run.counts)),
			sameVerdicts: tui.results.every(run => sameCounts(run.counts, reference)) && head.every(run => sameCounts(run.counts, reference)),
			explorerRssMb: tui.explorerRss,
			engineHostRssMb: tui.hostRss,
		};
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
}

export async function explorerBench() {
	const out = [await condition('as the machine is')];
	if (!quietOnly) {
		const stop = startCpuHog();
		try {
			out.push(await condition('one core loaded by a CPU-bound process'));
		} finally {
			stop();
		}
	}

	return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	for (const result of await explorerBench()) console.log(JSON.stringify(result));
}
