// Time limits are proved with fake timers (the clock moves when the test says so), never by sleeping and measuring.
import {getEventListeners} from 'node:events';
import {afterEach, describe, expect, it, vi} from 'vitest';
import {deadline, pause} from '../../source/shared/deadline.js';

afterEach(() => {
	vi.useRealTimers();
});

describe('deadline', () => {
	it('aborts with a TimeoutError when the time is up, not before', () => {
		vi.useFakeTimers();
		const {signal} = deadline(undefined, 30);
		vi.advanceTimersByTime(29);
		expect(signal.aborted).toBe(false);
		vi.advanceTimersByTime(1);
		expect(signal.aborted).toBe(true);
		expect((signal.reason as DOMException).name).toBe('TimeoutError');
		expect((signal.reason as DOMException).message).toBe('timed out after 30 ms');
	});

	it('aborts with the parent, and a disposed deadline never fires', () => {
		vi.useFakeTimers();
		const parent = new AbortController();
		const child = deadline(parent.signal, 10_000);
		parent.abort(new Error('cancelled'));
		expect(child.signal.aborted).toBe(true);
		expect((child.signal.reason as Error).message).toBe('cancelled');
		const other = new AbortController();
		const disposed = deadline(other.signal, 20);
		disposed.dispose();
		// Disposing clears the timer and the parent listener.
		expect(getEventListeners(other.signal, 'abort')).toHaveLength(0);
		vi.advanceTimersByTime(60);
		expect(disposed.signal.aborted).toBe(false);
		expect(vi.getTimerCount()).toBe(1); // only the first child's, never disposed
	});

	it('keeps its timer even when nothing else references the signal (AbortSignal.any holds timeouts weakly)', async () => {
		// Real timers here: the point is that a real timer outlives a garbage collection.
		const signals = Array.from({length: 50}, () => deadline(undefined, 40).signal);
		// Allocate to invite a collection; a weakly held timeout could be collected and never fire.
		const garbage = Array.from({length: 200_000}, (_, index) => ({index, text: `x${index}`}));
		expect(garbage.length).toBe(200_000);
		// Waits for the condition (as long as the machine needs), not for a fixed time.
		await vi.waitFor(() => expect(signals.every(signal => signal.aborted)).toBe(true), {timeout: 10_000, interval: 20});
	});
});

describe('pause', () => {
	it('waits its time, ends early on abort, and leaves no abort listener or timer behind', async () => {
		vi.useFakeTimers();
		const controller = new AbortController();
		for (let index = 0; index < 20; index++) {
			const waiting = pause(1, controller.signal);
			vi.advanceTimersByTime(1);
			await waiting;
		}

		expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
		let ended = false;
		const waiting = pause(5000, controller.signal).then(() => (ended = true));
		vi.advanceTimersByTime(4999);
		await Promise.resolve();
		expect(ended).toBe(false);
		controller.abort();
		await waiting;
		expect(ended).toBe(true);
		expect(vi.getTimerCount()).toBe(0);
		expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
	});
});
