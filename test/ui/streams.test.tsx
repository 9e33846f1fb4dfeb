// Stream lanes against the real simulators: the demo's chat stream grows live in both lanes, and two 2,000-chunk
// streams neither freeze the keys nor push the render rate past its cap.
import {afterEach, describe, expect, it} from 'vitest';
import {buildCatalog} from '../../source/catalog/catalog.js';
import {checkFileSchema} from '../../source/catalog/schema.js';
import {ProfileStore} from '../../source/targets/profiles.js';
import {keys, renderExplorer, temporaryFolder, type Harness} from './harness.js';

let harness: Harness | undefined;
afterEach(async () => {
	await harness?.cleanup();
	harness = undefined;
});

const ansi = /\u001B\[[0-9;?]*[ -/]*[@-~]/g;

/** Chunk counts shown in the baseline and candidate lane headers of a frame. */
function laneCounts(frame: string): {baseline?: number; candidate?: number} {
	const baseline = /baseline HTTP \S+ · chunks (\d+)/.exec(frame);
	const candidate = /candidate HTTP \S+ · chunks (\d+)/.exec(frame);
	return {baseline: baseline ? Number(baseline[1]) : undefined, candidate: candidate ? Number(candidate[1]) : undefined};
}

function framesSince(h: Harness, index: number): string[] {
	return h.stdout.frames.slice(index).map(frame => frame.replace(ansi, ''));
}

describe('stream lanes', () => {
	it('shows both lanes of the chat stream check growing live, then [DONE]', async () => {
		harness = await renderExplorer({columns: 160, rows: 45});
		await harness.waitFor(frame => /baseline http:\/\/127\.0\.0\.1:\d+/.test(frame) && frame.includes('/v1/chat/completions'), {what: 'the demo', timeout: 15_000});
		await harness.press('j', '6');
		await harness.waitForText("showing api.chat-completions.stream, the row's stream check");
		const from = harness.stdout.frames.length;
		await harness.press('r');
		await harness.waitFor(frame => (frame.match(/\[DONE\]/g) ?? []).length >= 2 && !frame.includes('streaming…'), {what: 'both lanes to end with [DONE]', timeout: 15_000});

		const seen = framesSince(harness, from).map(laneCounts);
		const growing = (side: 'baseline' | 'candidate') => [...new Set(seen.map(counts => counts[side]).filter((count): count is number => count !== undefined && count > 0))];
		for (const side of ['baseline', 'candidate'] as const) {
			const counts = growing(side);
			// Several distinct, increasing partial counts: the lane filled while the stream ran, not at the end.
			expect(counts.length, `${side} lane counts ${counts.join(',')}`).toBeGreaterThanOrEqual(3);
			expect([...counts].sort((a, b) => a - b)).toEqual(counts);
			expect(counts.at(-1)).toBeGreaterThanOrEqual(24);
		}

		const last = harness.lastFrame();
		expect(last).toMatch(/baseline HTTP 200 · chunks \d+ · ttft \d+ms/);
		expect(last).toMatch(/candidate HTTP 200 · chunks \d+ · ttft \d+ms/);
	});

	it('stays responsive while two 2,000-chunk streams arrive, with a bounded render rate', async () => {
		const home = await temporaryFolder();
		// A fast pace keeps the test short; the streams are still 2,000 chunks on each side.
		new ProfileStore({cwd: home}).save({name: 'long-streams', baseline: {embedded: {personality: 'baseline', chunkDelayMs: 1}}, candidate: {embedded: {personality: 'candidate', chunkDelayMs: 1}}});
		const file = checkFileSchema.parse({
			schemaVersion: 1,
			category: {id: 'streams', title: 'Streams', section: 'core'},
			rows: [
				{
					id: 'streams.long',
					feature: 'long chat stream',
					checks: [
						{
							id: 'streams.long.chat',
							probe: 'sse',
							request: {method: 'POST', path: '/v1/chat/completions', json: {model: 'gpt-4o-mini', messages: [{role: 'user', content: 'Count to two thousand'}], max_tokens: 2000, stream: true}},
							expect: {status: 200, asserts: [{query: 'done', equals: true}]},
							compare: {body: 'ignore', noise: false},
							timeoutMs: 60_000,
						},
					],
				},
			],
		});
		const catalog = buildCatalog([{display: 'streams.yaml', text: '', parsed: file}]);
		harness = await renderExplorer({columns: 160, rows: 45, home, choice: {profile: 'long-streams'}, loadCatalog: async () => catalog});
		await harness.waitFor(frame => /baseline http:\/\/127\.0\.0\.1:\d+/.test(frame) && frame.includes('long chat stream'), {what: 'the profile', timeout: 15_000});
		await harness.press('j', '6', 'r');
		await harness.waitFor(frame => (laneCounts(frame).baseline ?? 0) > 100, {what: 'the streams to be under way'});

		// Mid-stream, a key must get its frame promptly.
		const pressedAt = Date.now();
		await harness.press('?');
		await harness.waitForText('generated from the keymap', 2000);
		const answeredMs = Date.now() - pressedAt;
		expect(answeredMs).toBeLessThan(500);
		await harness.press(keys.escape);
		expect(laneCounts(await harness.waitFor(frame => laneCounts(frame).baseline !== undefined, {what: 'lanes back'})).baseline).toBeLessThan(2000);

		const from = harness.stdout.frames.length;
		const start = Date.now();
		const done = await harness.waitFor(frame => (frame.match(/\[DONE\]/g) ?? []).length >= 2, {what: 'both streams to finish', timeout: 60_000});
		const elapsed = Date.now() - start;
		const counts = laneCounts(done);
		expect(counts.baseline).toBeGreaterThanOrEqual(2000);
		expect(counts.candidate).toBeGreaterThanOrEqual(2000);
		// Thousands of chunk events, yet frames stay near the 20 fps batching (plus the spinner), far below one per chunk.
		const frames = harness.stdout.frames.length - from;
		expect(frames).toBeLessThan(Math.max(20, (elapsed / 1000) * 40));
		// Lanes show a bounded tail of the text, so the frame keeps the terminal's height.
		expect(done.split('\n').length).toBeLessThanOrEqual(45);
	});
});
