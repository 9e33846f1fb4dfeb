#!/usr/bin/env node
// Identical targets must give zero findings, even while other work loads the machine: the demo's baseline simulator
// on both sides, N consecutive full runs (every category, the load and overhead rows included) while a CPU-bound
// process spins on one core. Candidate-only rows are left out of the count (they judge the candidate alone). Prints each run's verdict counts and every finding; exits 1 when any run has one.
//   node scripts/identical-under-load.mjs [--runs 5] [--profile-file FILE] [--no-load]
// With --profile-file it runs that profile instead (e.g. the real pair's), same rules.
import {spawn} from 'node:child_process';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {parseArgs} from 'node:util';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const {values} = parseArgs({options: {runs: {type: 'string', default: '5'}, 'profile-file': {type: 'string'}, 'no-load': {type: 'boolean'}}});
const runs = Number(values.runs);
const findings = new Set(['gap', 'drift', 'bonus', 'both-fail', 'error']);

async function identicalProfile() {
	const directory = await mkdtemp(path.join(tmpdir(), 'parity-identical-'));
	const file = path.join(directory, 'identical.yaml');
	const side = '  embedded: baseline\n  key: sk-identical-master-key-0000\n  otlpPort: 0\n  upstream: embedded\n';
	// flavour litellm: both sides are stock LiteLLM, so the LLMRouter rows are not applicable rather than judged on the
	// candidate alone (where a stock candidate lacking them would read as a gap).
	await writeFile(file, `name: identical-demo\ndescription: the demo's baseline simulator on both sides\nflavour: litellm\nbaseline:\n${side}candidate:\n${side}`);
	return file;
}

function run(profileFile) {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [path.join(root, 'dist/source/cli.js'), 'run', '--profile-file', profileFile, '--format', 'json', '--no-history'], {stdio: ['ignore', 'pipe', 'pipe']});
		let out = '';
		let err = '';
		child.stdout.on('data', chunk => (out += chunk));
		child.stderr.on('data', chunk => (err += chunk));
		child.on('error', reject);
		child.on('close', code => (code === 2 ? reject(new Error(err.trim())) : resolve(JSON.parse(out))));
	});
}

const profileFile = values['profile-file'] ?? (await identicalProfile());
// The generated profile's folder is removed at the end; a given profile file is the caller's.
const madeFolder = values['profile-file'] ? undefined : path.dirname(profileFile);
// One core busy for the whole time: a separate process spinning, stopped by its own pid at the end.
const hog = values['no-load'] ? undefined : spawn(process.execPath, ['-e', 'for (;;) {}'], {stdio: 'ignore'});
if (hog) process.stdout.write(`CPU-bound process pid ${hog.pid} spinning on one core\n`);
let failed = 0;
try {
	for (let index = 1; index <= runs; index++) {
		const started = performance.now();
		const report = await run(profileFile);
		const seconds = ((performance.now() - started) / 1000).toFixed(1);
		const counts = Object.entries(report.summary).filter(([, count]) => count > 0).map(([verdict, count]) => `${count} ${verdict}`).join(', ');
		// Candidate-only rows (the LLMRouter additions) judge the candidate alone: a stock candidate lacks them, which is
		// not a difference between the two sides. They are counted apart.
		const compared = report.results.filter(result => result.baseline.skipped !== 'candidate-only row');
		const candidateOnly = report.results.length - compared.length;
		const found = compared.filter(result => findings.has(result.verdict));
		const latency = report.results.filter(result => result.latency).map(result => `${result.check}: ${result.latency.baselineMedianMs}/${result.latency.candidateMedianMs} ms, ±${result.latency.baselineSpreadMs}/${result.latency.candidateSpreadMs}, ${result.latency.pairs} pairs`);
		const load = report.results.filter(result => result.facts?.baseline?.rateRounds).map(result => `${result.check}: ${result.facts.baseline.rate} vs ${result.facts.candidate.rate} req/s (rounds ${result.facts.baseline.rateRounds.join('/')} vs ${result.facts.candidate.rateRounds.join('/')})`);
		process.stdout.write(`run ${index}: ${report.results.length} checks in ${seconds} s — ${counts}; findings on the ${compared.length} compared checks: ${found.length} (${candidateOnly} candidate-only checks not counted)\n`);
		for (const line of [...latency, ...load]) process.stdout.write(`    ${line}\n`);
		for (const result of found) process.stdout.write(`    ✗ ${result.verdict} ${result.check}: ${result.reason ?? ''}\n`);
		if (found.length > 0) failed++;
	}
} finally {
	if (hog) hog.kill('SIGTERM');
	if (madeFolder) await rm(madeFolder, {recursive: true, force: true});
}

process.stdout.write(`${runs - failed} of ${runs} runs without a finding${hog ? ' while one core was busy' : ''}\n`);
process.exitCode = failed > 0 ? 1 : 0;
