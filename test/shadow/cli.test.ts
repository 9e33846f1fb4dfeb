// The shadow command as a user runs it: the built binary on the demo profile, traffic from outside, the per-route
// summary, the reports and a recording that `run --replay` turns into a run of checks.
import {mkdtemp, readFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {execa} from 'execa';
import {request} from 'undici';
import {describe, expect, it} from 'vitest';
import {closedPort} from '../helpers/targets.js';

const cli = path.resolve('dist/source/cli.js');
const demoKey = 'sk-demo-master-key-0000';

async function call(base: string, pathname: string, body?: unknown) {
	const answer = await request(base + pathname, {
		method: body === undefined ? 'GET' : 'POST',
		headers: {authorization: `Bearer ${demoKey}`, ...(body === undefined ? {} : {'content-type': 'application/json'})},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	await answer.body.arrayBuffer();
	return answer.statusCode;
}

describe('litellm-parity shadow', () => {
	it('proxies, prints the per-route summary with verdicts, writes the reports and a recording that replays', async () => {
		const folder = await mkdtemp(path.join(tmpdir(), 'parity-shadow-'));
		const port = await closedPort();
		const record = path.join(folder, 'traffic.json');
		const child = execa('node', [cli, 'shadow', '--profile', 'demo', '--listen', `127.0.0.1:${port}`, '--duration', '10m', '--record', record, '--report', folder], {
			reject: false,
			env: {LITELLM_PARITY_HOME: folder},
			timeout: 120_000,
		});
		await new Promise<void>((resolve, reject) => {
			let text = '';
			child.stderr!.on('data', (chunk: Buffer) => {
				text += chunk.toString();
				if (text.includes('shadow proxy on')) resolve();
			});
			child.once('exit', () => reject(new Error(`shadow exited early: ${text}`)));
		});
		const base = `http://127.0.0.1:${port}`;
		for (let round = 0; round < 3; round++) {
			expect(await call(base, '/v1/chat/completions', {model: 'gpt-4o-mini', messages: [{role: 'user', content: 'hi'}], mock_response: 'hello'})).toBe(200);
			expect(await call(base, '/v1/batches')).toBe(200);
			expect(await call(base, '/health/liveliness')).toBe(200);
			expect(await call(base, '/key/generate', {})).toBe(200);
		}

		child.kill('SIGINT');
		const result = await child;
		expect(result.exitCode, result.stderr).toBe(1);
		const lines = result.stdout.split('\n');
		const line = (route: string) => lines.find(text => text.startsWith(route)) ?? '';
		expect(line('GET /v1/batches')).toMatch(/^GET \/v1\/batches\s+gap\s+3\s+100% of 3/);
		expect(line('POST /v1/chat/completions')).toMatch(/\sparity\s+3\s/);
		expect(line('POST /key/generate')).toMatch(/\sskipped\s+3\s/);
		expect(result.stdout).not.toContain(demoKey);

		const report = JSON.parse(await readFile(path.join(folder, 'shadow-report.json'), 'utf8')) as {kind: string; routes: Array<{route: string; verdict: string; baseline: {p50Ms: number}}>};
		expect(report.kind).toBe('shadow');
		expect(report.routes.find(route => route.route === 'GET /v1/batches')?.verdict).toBe('gap');
		const markdown = await readFile(path.join(folder, 'shadow-report.md'), 'utf8');
		expect(markdown).toContain('| `GET /v1/batches` | gap | 3 |');
		const recording = await readFile(record, 'utf8');
		expect(recording).not.toContain(demoKey);

		const replay = await execa('node', [cli, 'run', '--profile', 'demo', '--replay', record, '--format', 'json', '--no-history'], {reject: false, env: {LITELLM_PARITY_HOME: folder}, timeout: 120_000});
		expect(replay.exitCode, replay.stderr).toBe(1);
		const results = (JSON.parse(replay.stdout) as {results: Array<{feature: string; verdict: string}>}).results;
		expect(results.filter(result => result.feature === 'GET /v1/batches').map(result => result.verdict)).toEqual(['gap', 'gap', 'gap']);
		expect(new Set(results.filter(result => result.feature !== 'GET /v1/batches').map(result => result.verdict))).toEqual(new Set(['parity']));
	}, 180_000);

	it('refuses bad options with one line naming the option, exit 2', async () => {
		const result = await execa('node', [cli, 'shadow', '--profile', 'demo', '--duration', 'soon'], {reject: false, timeout: 60_000});
		expect(result.exitCode).toBe(2);
		expect(result.stderr.trim()).toBe("litellm-parity: --duration: 'soon' is not a duration; write it like 30s, 5m or 1h");
		const fraction = await execa('node', [cli, 'shadow', '--profile', 'demo', '--noise-fraction', '2'], {reject: false, timeout: 60_000});
		expect(fraction.exitCode).toBe(2);
		expect(fraction.stderr).toContain('--noise-fraction');
	}, 60_000);
});
