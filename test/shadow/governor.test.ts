// The mirror governor: backs off while the proxy's event loop is saturated, never below its floor, and recovers.
import {describe, expect, test} from 'vitest';
import {MirrorGovernor} from '../../source/shadow/governor.js';

describe('mirror governor', () => {
	test('backs off while busy, keeps a floor, and comes back when the loop has room', () => {
		const governor = new MirrorGovernor({busyAbove: 0.8, minShare: 0.02});
		expect(governor.update(0.5)).toBe(1);
		expect(governor.update(0.95)).toBeCloseTo(0.5);
		for (let index = 0; index < 50; index++) governor.update(0.99);
		expect(governor.share).toBe(0.02);
		// Between the thresholds it holds still: no oscillation around the limit.
		expect(governor.update(0.75)).toBe(0.02);
		let readings = 0;
		while (governor.share < 1) {
			governor.update(0.3);
			readings++;
		}

		expect(readings).toBeGreaterThan(3);
		expect(governor.share).toBe(1);
	});

	test('sheds only while clients queue: the mean number already waiting at arrival over the last reading', () => {
		const governor = new MirrorGovernor();
		// One client at a time (500 req/s on a fast proxy): nobody is waiting when the next arrives.
		for (let index = 0; index < 50; index++) governor.arrival(index % 3 === 0 ? 1 : 0);
		expect(governor.readQueueing()).toBe(false);
		// Sixteen connections kept busy: most arrivals find several others not yet answered.
		for (let index = 0; index < 50; index++) governor.arrival(index % 4 === 0 ? 1 : 6);
		expect(governor.readQueueing()).toBe(true);
		// A reading without arrivals is not queueing, and each reading starts afresh.
		expect(governor.readQueueing()).toBe(false);
	});
});
