// Stream lanes, driven by a scripted event stream (no live simulators, no clocks): the chat stream grows live in
// both lanes as chunks arrive and ends with [DONE]; two 2,000-chunk streams cost a handful of frames, keys keep
// working mid-stream, and the lanes keep a bounded tail.
import {afterEach, describe, expect, it} from 'vitest';
import {keys, renderExplorer, shippedCatalog, type Harness} from './harness.js';
import {ScriptedBackend} from './scripted-backend.js';

let harness: Harness | undefined;
afterEach(async () => {
	await harness?.cleanup();
	harness = undefined;
});

const streamCheck = 'api.chat-completions.stream';

/** Chunk counts shown in the baseline and candidate lane headers of a frame. */
function laneCounts(frame: string): {baseline?: number; candidate?: number} {
	const baseline = /baseline HTTP \S+ · chunks (\d+)/.exec(frame);
	const candidate = /candidate HTTP \S+ · chunks (\d+)/.exec(frame);
	return {baseline: baseline ? Number(baseline[1]) : undefined, candidate: candidate ? Number(candidate[1]) : undefined};
}

async function openStreamRow(backend: ScriptedBackend) {
	const catalog = await shippedCatalog({rows: ['api.chat-completions']});
	harness = await renderExplorer({columns: 160, rows: 45, backend, loadCatalog: async () => catalog});
	await harness.waitFor(frame => frame.includes('127.0.0.1:4001') && frame.includes('/v1/chat/completions'), {what: 'the scripted targets'});
	await harness.press('j', '6');
	await harness.waitForText("showing api.chat-completions.stream, the row's stream check");
	await harness.press('r');
	const run = await backend.nextRun(0);
	run.start();
	run.push({type: 'check-started', check: streamCheck});
	for (const side of ['baseline', 'candidate'] as const) run.progress(streamCheck, side, {kind: 'headers', status: 200, atMs: 5});
	return {h: harness, run};
}

describe('stream lanes', () => {
	it('shows both lanes growing live as chunks arrive, then [DONE]', async () => {
		const backend = new ScriptedBackend();
		const {h, run} = await openStreamRow(backend);
		let sent = 0;
		for (const total of [4, 12, 24]) {
			for (; sent < total; sent++) for (const side of ['baseline', 'candidate'] as const) run.chunk(streamCheck, side, `word${sent} `, 10 + sent);
			// The frame shows this partial count while the stream is still open: the lane fills live, not at the end.
			const frame = await h.waitFor(f => laneCounts(f).baseline === total && laneCounts(f).candidate === total, {what: `${total} chunks in both lanes`});
			expect(frame).toContain('streaming…');
			expect(frame).not.toContain('[DONE]');
		}

		const observation = (side: 'baseline' | 'candidate') => ({side, reached: true, status: 200, headers: {}, timing: {totalMs: 40}, stream: {chunks: [], done: true, ttftMs: 14, text: ''}});
		for (const side of ['baseline', 'candidate'] as const) run.push({type: 'side-finished', check: streamCheck, side, observation: observation(side)});
		run.finishCheck(streamCheck, {verdict: 'parity'}, {baseline: observation('baseline'), candidate: observation('candidate')});
		run.finish();
		const last = await h.waitFor(frame => (frame.match(/\[DONE\]/g) ?? []).length >= 2 && !frame.includes('streaming…'), {what: 'both lanes to end with [DONE]'});
		expect(last).toMatch(/baseline HTTP 200 · chunks 24 · ttft \d+ms/);
		expect(last).toMatch(/candidate HTTP 200 · chunks 24 · ttft \d+ms/);
	});

	it('draws two 2,000-chunk streams in a handful of frames, answers keys mid-stream and keeps a bounded tail', async () => {
		const backend = new ScriptedBackend();
		const {h, run} = await openStreamRow(backend);
		for (let index = 0; index < 1000; index++) for (const side of ['baseline', 'candidate'] as const) run.chunk(streamCheck, side, `${index} `);
		await h.waitFor(frame => laneCounts(frame).baseline === 1000 && laneCounts(frame).candidate === 1000, {what: 'the first half'});

		// Mid-stream, a key gets its frame and Esc closes the overlay without cancelling the run.
		await h.press('?');
		await h.waitForText('generated from the keymap');
		await h.press(keys.escape);
		await h.waitFor(frame => laneCounts(frame).baseline === 1000, {what: 'lanes back'});
		expect(run.signal.aborted).toBe(false);

		const from = h.stdout.frames.length;
		for (let index = 1000; index < 2000; index++) for (const side of ['baseline', 'candidate'] as const) run.chunk(streamCheck, side, `${index} `);
		const done = await h.waitFor(frame => laneCounts(frame).baseline === 2000 && laneCounts(frame).candidate === 2000, {what: 'both streams complete'});
		// 2,000 chunk events arrived: they are folded in batches, far fewer frames than events.
		expect(h.stdout.frames.length - from).toBeLessThan(50);
		// Lanes show a bounded tail of the text, so the frame keeps the terminal's height.
		expect(done.split('\n').length).toBeLessThanOrEqual(45);
		const lane = h.store.getState().checks[streamCheck]!.live!.baseline;
		expect(lane.text.length).toBeLessThanOrEqual(12_000);
		run.finishCheck(streamCheck, {verdict: 'parity'});
		run.finish();
		await h.waitForText('finished in');
	});
});
