// Hostile values: answers that arrive whole and parse, but whose value is the attack — nested thousands of levels
// deep, 7 MB of big strings, terminal escape sequences. Each runs through the real CLI (reports and history written):
// the hostile side is an error in plain words, the other side is unaffected, nothing reaches the terminal, nothing
// grows without bound. Wall time and peak memory are measured and printed (figures, not assertions on the clock).
import {mkdtemp, readdir, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {execa} from 'execa';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {loadCatalog} from '../../source/catalog/catalog.js';
import {hostileServer, hostileValuePaths} from '../helpers/hostile-server.js';
import {keys, renderExplorer} from '../ui/harness.js';

const cli = path.resolve('dist/source/cli.js');
const preload = path.resolve('test/helpers/peak-rss.mjs');
type Outcome = {table: string; stderr: string; json: string; markdown: string; history: string[]; exitCode?: number; maxRssMb: number; wallMs: number};

let good: Awaited<ReturnType<typeof hostileServer>>;
let bad: Awaited<ReturnType<typeof hostileServer>>;
const outcomes: Record<string, Outcome> = {};
const homes: string[] = [];

// eslint-disable-next-line no-control-regex
const terminalControls = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E]/;

async function checksFor(home: string, name: string): Promise<string> {
	const checks = path.join(home, 'checks');
	await execa('mkdir', ['-p', checks]);
	await writeFile(
		path.join(checks, 'hostile.yaml'),
		`schemaVersion: 1\ncategory: {id: hostile, title: Hostile, section: validation}\nrows:\n  - id: hostile.values\n    feature: hostile values\n    checks:\n      - id: hostile.${name}\n        probe: http\n        request: {path: /hostile/${name}}\n        expect: {status: 200, json: {ok: true}}\n        compare: {body: exact, noise: false}\n`,
	);
	return checks;
}

async function runCase(name: string, candidateUrl = bad.url): Promise<Outcome> {
	const home = await mkdtemp(path.join(tmpdir(), `parity-hostile-${name}-`));
	homes.push(home);
	const checks = await checksFor(home, name);
	const env = {LITELLM_PARITY_HOME: home, PEAK_RSS_FILE: path.join(home, 'peak.json')};
	const base = ['--import', preload, cli, 'run', '--checks', checks, '--baseline', good.url, '--candidate', candidateUrl];
	const table = await execa('node', [...base, '--format', 'table'], {reject: false, env});
	const figures = JSON.parse(await readFile(env.PEAK_RSS_FILE, 'utf8')) as {maxRssKb: number; wallMs: number};
	await execa('node', [...base, '--format', 'json', '--out', path.join(home, 'report.json'), '--no-history'], {reject: false, env});
	await execa('node', [...base, '--format', 'markdown', '--out', path.join(home, 'report.md'), '--no-history'], {reject: false, env});
	const historyFolder = path.join(home, 'history');
	const history = await Promise.all((await readdir(historyFolder)).map(async file => readFile(path.join(historyFolder, file), 'utf8')));
	return {
		table: table.stdout,
		stderr: table.stderr,
		exitCode: table.exitCode,
		json: await readFile(path.join(home, 'report.json'), 'utf8'),
		markdown: await readFile(path.join(home, 'report.md'), 'utf8'),
		history,
		maxRssMb: figures.maxRssKb / 1024,
		wallMs: figures.wallMs,
	};
}

beforeAll(async () => {
	[good, bad] = await Promise.all([hostileServer('good'), hostileServer('hostile')]);
	for (const name of hostileValuePaths) outcomes[name] = await runCase(name);
	// The same run against two well-behaved targets: what the tool costs anyway (start-up, catalog, one check).
	const control = await runCase('deep', good.url);
	console.info(`hostile values, one headless run each (wall ms, peak RSS MB): ${hostileValuePaths.map(name => `${name} ${outcomes[name]!.wallMs} ms ${outcomes[name]!.maxRssMb.toFixed(0)} MB`).join('; ')}; control (both well-behaved) ${control.wallMs} ms ${control.maxRssMb.toFixed(0)} MB`);
}, 180_000);

afterAll(async () => {
	await Promise.all([good?.close(), bad?.close(), ...homes.map(async home => rm(home, {recursive: true, force: true}))]);
});

const plainWords: Record<(typeof hostileValuePaths)[number], RegExp> = {
	deep: /^the answer nests deeper than 64 levels; the tool compares 64 levels and cut the rest$/,
	'big-strings': /^the answer is too big to compare \(6\.8 MB of JSON\); the tool keeps/,
	escapes: /^the answer contains \d+ terminal control characters \(escape sequences can retitle, clear or write to the clipboard of a terminal\)/,
};

describe.each(hostileValuePaths)('hostile value: %s', name => {
	it('the run finishes with exit 1 and a report; the candidate side is an error in plain words, the baseline is unaffected', () => {
		const outcome = outcomes[name]!;
		expect(outcome.exitCode).toBe(1);
		const result = JSON.parse(outcome.json).results[0];
		expect(result.baseline).toMatchObject({ok: true, status: 200});
		expect(result.baseline.error).toBeUndefined();
		expect(result.candidate.ok).toBe(false);
		expect(result.candidate.error).toMatch(plainWords[name]);
		expect(result.verdict).toBe('gap');
		expect(outcome.table).toContain('hostile.' + name);
		expect(outcome.markdown).toContain(`**gap** \`hostile.${name}\``);
	});

	it('keeps the history entry', () => {
		const [entry] = outcomes[name]!.history;
		expect(JSON.parse(entry!).results[0].candidate.error).toMatch(plainWords[name]);
	});

	it('writes no terminal control character to stdout, stderr, the reports or the history', () => {
		const outcome = outcomes[name]!;
		for (const text of [outcome.table, outcome.stderr, outcome.json, outcome.markdown, ...outcome.history]) expect(text).not.toMatch(terminalControls);
	});

	it('keeps every output small (values cut with a marker) and the tool within 300 MB', () => {
		const outcome = outcomes[name]!;
		for (const text of [outcome.table, outcome.json, outcome.markdown, ...outcome.history]) expect(text.length).toBeLessThan(256 * 1024);
		expect(outcome.maxRssMb).toBeLessThan(300);
	});
});

describe('what the escape sequences look like once made harmless', () => {
	it('never reach the terminal through the explorer either: every tab of the row drawn, no escape sequence in any frame', async () => {
		const home = await mkdtemp(path.join(tmpdir(), 'parity-hostile-ui-'));
		homes.push(home);
		const checks = await checksFor(home, 'escapes');
		const harness = await renderExplorer({home, choice: {baseline: good.url, candidate: bad.url}, columns: 160, rows: 40, loadCatalog: () => loadCatalog(checks)});
		try {
			await harness.waitFor(frame => frame.includes('hostile values') && frame.includes(bad.url), {what: 'the hostile targets', timeout: 20_000});
			await harness.press('a');
			await harness.waitForText('finished in', 20_000);
			await harness.press('j', keys.enter);
			await harness.waitForText('Tab/. check');
			for (const tab of ['1', '2', '3', '4', '5', '6', '7']) {
				await harness.press(tab);
				for (let line = 0; line < 10; line++) await harness.press(keys.down);
			}

			const frames = harness.stdout.frames.join('\n');
			expect(frames).toContain('␛]0;pwned-title␇');
			// Ink's own colour codes are CSI sequences; what must never appear is what the server sent: OSC (title,
			// clipboard), BEL, screen clears, 8-bit CSI and bidi overrides.
			expect(frames).not.toMatch(/\u001B\]|\u0007|\u001B\[[23]J|\u009B|\u202E/);
		} finally {
			await harness.cleanup();
		}
	}, 60_000);

	it('shows them as visible stand-ins in the differences, keeping the text around them', () => {
		const json = JSON.stringify(JSON.parse(outcomes.escapes!.json).results[0].differences);
		expect(json).toContain('hello ␛]0;pwned-title␇␛[2J␛[3J␛]52;c;cHduZWQ=␇<U+009B>31mred<U+202E>evil world');
	});
});
