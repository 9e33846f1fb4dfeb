import {describe, expect, it} from 'vitest';
import {deadline} from '../../source/engine/deadline.js';

describe('deadline', () => {
	it('aborts with a TimeoutError when the time is up', async () => {
		const {signal} = deadline(undefined, 30);
		await new Promise(resolve => setTimeout(resolve, 80));
		expect(signal.aborted).toBe(true);
		expect((signal.reason as DOMException).name).toBe('TimeoutError');
	});

	it('aborts with the parent, and a disposed deadline never fires', async () => {
		const parent = new AbortController();
		const child = deadline(parent.signal, 10_000);
		parent.abort(new Error('cancelled'));
		expect(child.signal.aborted).toBe(true);
		expect((child.signal.reason as Error).message).toBe('cancelled');
		const quiet = deadline(undefined, 20);
		quiet.dispose();
		await new Promise(resolve => setTimeout(resolve, 60));
		expect(quiet.signal.aborted).toBe(false);
	});

	it('keeps its timer even when nothing else references the signal (AbortSignal.any holds timeouts weakly)', async () => {
		const signals = Array.from({length: 50}, () => deadline(undefined, 40).signal);
		// Allocate to invite a collection; a weakly held timeout could be collected and never fire.
		const garbage = Array.from({length: 200_000}, (_, index) => ({index, text: `x${index}`}));
		expect(garbage.length).toBe(200_000);
		await new Promise(resolve => setTimeout(resolve, 120));
		expect(signals.every(signal => signal.aborted)).toBe(true);
	});
});

describe('pause', () => {
	it('waits, ends early on abort, and leaves no abort listener behind', async () => {
		const {pause} = await import('../../source/engine/deadline.js');
		const controller = new AbortController();
		const {getEventListeners} = await import('node:events');
		for (let index = 0; index < 20; index++) await pause(1, controller.signal);
		expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
		const started = Date.now();
		setTimeout(() => controller.abort(), 20);
		await pause(5000, controller.signal);
		expect(Date.now() - started).toBeLessThan(1000);
	});
});
