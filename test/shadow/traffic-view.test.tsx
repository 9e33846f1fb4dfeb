// The explorer's traffic view on the demo: T starts the shadow proxy on the open targets, one line per route appears
// as requests go through it, and the most recent differing exchanges open into the usual tabs.
import {request} from 'undici';
import {afterEach, describe, expect, it} from 'vitest';
import {keys, renderExplorer, type Harness} from '../ui/harness.js';

let harness: Harness | undefined;
afterEach(async () => {
	await harness?.cleanup();
	harness = undefined;
});

const demoKey = 'sk-demo-master-key-0000';

async function send(base: string, path: string, body?: unknown) {
	const answer = await request(base + path, {
		method: body === undefined ? 'GET' : 'POST',
		headers: {authorization: `Bearer ${demoKey}`, ...(body === undefined ? {} : {'content-type': 'application/json'})},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	await answer.body.arrayBuffer();
	return answer.statusCode;
}

describe('traffic view', () => {
	it('shows routes live and opens a differing exchange into the Diff and Baseline tabs', async () => {
		harness = await renderExplorer({columns: 160, rows: 44});
		await harness.waitFor(frame => frame.includes('API Endpoints') && /baseline http:\/\/127\.0\.0\.1:\d+/.test(frame), {what: 'the demo to open', timeout: 60_000});
		await harness.press('T');
		const frame = await harness.waitFor(text => /clients → http:\/\/127\.0\.0\.1:\d+/.test(text), {what: 'the shadow proxy URL', timeout: 30_000});
		const url = /clients → (http:\/\/127\.0\.0\.1:\d+)/.exec(frame)![1]!;
		for (let round = 0; round < 2; round++) {
			expect(await send(url, '/v1/batches')).toBe(200);
			expect(await send(url, '/health/liveliness')).toBe(200);
		}

		// One line per route, with its verdict, requests and differing share.
		await harness.waitFor(text => /GET \/v1\/batches\s+2\s+100%/.test(text) && /GET \/health\/liveliness\s+2\s+0%/.test(text), {what: 'both routes with their figures', timeout: 30_000});
		const lines = harness.lastFrame().split('\n');
		expect(lines.find(line => line.includes('GET /v1/batches'))).toMatch(/✗/);

		// The busiest route is first (both have 2 here). A route in parity says so in plain words, not as an empty row.
		const cursorOnBatches = () => harness!.lastFrame().includes('GET /v1/batches · gap');
		const batchesFirst = cursorOnBatches();
		if (batchesFirst) await harness.press(keys.down);
		const quiet = await harness.waitFor(text => text.includes('GET /health/liveliness · parity'), {what: 'the liveliness route in the detail pane', timeout: 30_000});
		expect(quiet).toContain('all 2 compared exchanges in parity');
		expect(quiet).toContain(`shadow traffic on ${url}`);
		expect(quiet).not.toContain('no checks yet');
		expect(quiet).not.toContain('traffic:GET');
		await harness.press(batchesFirst ? keys.up : keys.down);
		await harness.waitFor(cursorOnBatches, {what: 'the batches route in the detail pane', timeout: 30_000});
		await harness.press(keys.enter);
		await harness.waitFor(text => text.includes('status') && text.includes('404') && text.includes('Diff'), {what: 'the Diff tab with the status difference', timeout: 30_000});
		await harness.press('2');
		await harness.waitFor(text => /"object":\s*"list"|object.*list/.test(text), {what: "the baseline's body", timeout: 30_000});
		expect(harness.stdout.frames.join('')).not.toContain(demoKey);

		// T again: back to the matrix, the proxy keeps running.
		await harness.press(keys.escape, 'T');
		await harness.waitForText('Matrix', 30_000);
		expect(await send(url, '/v1/batches')).toBe(200);
	}, 240_000);
});
