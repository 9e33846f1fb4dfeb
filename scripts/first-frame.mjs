#!/usr/bin/env node
// Measures how long the explorer takes to draw its first frame: spawns the built CLI under a pseudo-terminal
// (util-linux `script`), times from spawn to the first frame on screen, quits with q, and prints the median.
// Usage: npm run build && node scripts/first-frame.mjs [runs=7]
import {spawn} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {fileURLToPath} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist/source/cli.js');
const runs = Number(process.argv[2] ?? 7);
const budgetMs = 600;
const timeoutMs = 10_000;

/** The first frame is drawn once the header's product name reaches the terminal (after the alternate screen). */
const firstFrame = /litellm-parity[^\n]*profile/;

function measureOnce() {
	// A fresh profile store, so every run starts the same way: on the embedded demo.
	const home = mkdtempSync(path.join(tmpdir(), 'parity-first-frame-'));
	return new Promise((resolve, reject) => {
		const start = performance.now();
		const child = spawn('script', ['-qfec', `stty cols 160 rows 45; exec node ${JSON.stringify(cli)}`, '/dev/null'], {
			env: {...process.env, LITELLM_PARITY_HOME: home, TERM: 'xterm-256color'},
			stdio: ['pipe', 'pipe', 'inherit'],
		});
		let output = '';
		let elapsed;
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(elapsed === undefined ? `no frame within ${timeoutMs} ms; output so far:\n${output.slice(-500)}` : `drawn after ${Math.round(elapsed)} ms, but q did not quit within ${timeoutMs} ms`));
		}, timeoutMs);
		child.stdout.on('data', chunk => {
			output += chunk.toString('utf8');
			if (elapsed === undefined && firstFrame.test(output.replace(/\u001B\[[0-9;?]*[ -/]*[@-~]/g, ''))) {
				elapsed = performance.now() - start;
				// Quit like a user does; the app must leave by itself.
				child.stdin.write('q');
			}
		});
		child.on('exit', code => {
			clearTimeout(timer);
			rmSync(home, {recursive: true, force: true});
			if (elapsed === undefined) reject(new Error(`exited (${code}) before a frame was drawn`));
			else resolve({elapsed, restored: output.includes('\u001B[?1049l'), code});
		});
	});
}

const results = [];
for (let run = 0; run < runs; run++) {
	const result = await measureOnce();
	results.push(result);
	process.stdout.write(`run ${run + 1}: ${Math.round(result.elapsed)} ms${result.restored ? '' : ' (alternate screen NOT left!)'}${result.code === 0 ? '' : ` (exit code ${result.code})`}\n`);
}

const sorted = results.map(result => result.elapsed).sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)];
process.stdout.write(`median first frame: ${Math.round(median)} ms over ${runs} runs (budget ${budgetMs} ms) — ${median <= budgetMs ? 'within budget' : 'OVER BUDGET'}\n`);
process.exitCode = median <= budgetMs && results.every(result => result.restored) ? 0 : 1;
