import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {describe, expect, it} from 'vitest';
import {evaluateThreshold, parseThreshold} from '../../source/shared/thresholds.js';
import {LatencyHistogram, statsOf} from '../../source/shared/latency-histogram.js';
import {runLoad} from '../../source/probes/load-generator.js';
import {createDispatcher, type Target} from '../../source/targets/target.js';
import {closedPort} from '../helpers/targets.js';

async function server(delayMs = 0, status = 200) {
	let seen = 0;
	const instance = createServer((request, response) => {
		request.resume();
		request.on('end', () => setTimeout(() => {
			seen++;
			response.writeHead(status, {'content-type': 'application/json'}).end('{"ok":true}');
		}, delayMs));
	});
	await new Promise<void>(resolve => instance.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(instance.address() as AddressInfo).port}`;
	return {url, seen: () => seen, close: () => new Promise<void>(resolve => (instance.closeAllConnections(), instance.close(() => resolve())))};
}

function target(url: string): Target {
	const spec = {url};
	return {side: 'baseline', url, headers: {}, pathPrefix: '', spec, dispatcher: createDispatcher(spec)};
}

const request = {method: 'POST' as const, path: '/v1/chat/completions', json: {model: 'm'}, auth: 'none' as const, base: 'proxy' as const, llm: false};

describe('thresholds (k6 grammar)', () => {
	const facts = {...statsOf([10, 20, 30, 40, 50]), rate: 120, errors: 0, errorRate: 0};

	it('parses and evaluates percentiles, averages, rates and errors', () => {
		expect(parseThreshold('p(95)<500')).toMatchObject({aggregation: 'p', percentile: 95, operator: '<', value: 500});
		const median = evaluateThreshold('p(50)<31', facts);
		expect(median.passed).toBe(true);
		// HDR histograms keep 3 significant digits: 30 ms reads back within 0.1 %.
		expect(median.actual as number).toBeCloseTo(30, 1);
		expect(evaluateThreshold('p(50)<29.9', facts).passed).toBe(false);
		expect(evaluateThreshold('rate>100', facts).passed).toBe(true);
		expect(evaluateThreshold('avg<=30', facts).passed).toBe(true);
		expect(evaluateThreshold('errors==0', facts).passed).toBe(true);
	});

	it('explains a malformed threshold or an unmeasured percentile', () => {
		expect(evaluateThreshold('p95 < 500', facts).actual).toContain('is not of the form');
		expect(evaluateThreshold('p(42)<1', facts).actual).toContain('not measured');
	});

	it('keeps percentiles accurate to the microsecond scale', () => {
		const histogram = new LatencyHistogram();
		for (let ms = 1; ms <= 100; ms++) histogram.recordMs(ms);
		const stats = histogram.stats();
		expect(stats.count).toBe(100);
		expect(Math.abs(stats.percentiles['50']! - 50)).toBeLessThan(0.1);
		expect(Math.abs(stats.percentiles['99']! - 99)).toBeLessThan(0.1);
	});
});

describe('load generator', () => {
	it('sends exactly the requested count over N connections and measures the server delay', async () => {
		const slow = await server(20);
		try {
			const result = await runLoad({target: target(slow.url), spec: request, connections: 5, requests: 100, signal: new AbortController().signal, requestTimeoutMs: 5000});
			expect(result.requests).toBe(100);
			expect(slow.seen()).toBe(100);
			expect(result.errors).toBe(0);
			expect(result.non2xx).toBe(0);
			// Bounds a busy machine cannot break: it only adds time. How close the figures get is `npm run bench` (b).
			expect(result.latency.percentiles['50']).toBeGreaterThanOrEqual(20);
			// 5 connections × at least 20 ms per answer: 250 req/s at most.
			expect(result.rate).toBeLessThan(260);
			expect(result.rate).toBeGreaterThan(0);
		} finally {
			await slow.close();
		}
	});

	it('counts non-2xx answers and connection errors', async () => {
		const failing = await server(0, 503);
		try {
			const result = await runLoad({target: target(failing.url), spec: request, connections: 2, requests: 20, signal: new AbortController().signal, requestTimeoutMs: 5000});
			expect(result.non2xx).toBe(20);
			expect(result.statusCounts).toEqual({503: 20});
		} finally {
			await failing.close();
		}

		const port = await closedPort();
		const refused = await runLoad({target: target(`http://127.0.0.1:${port}`), spec: request, connections: 2, requests: 10, signal: new AbortController().signal, requestTimeoutMs: 5000});
		expect(refused.errors).toBe(10);
		expect(refused.firstError).toContain('connection refused');
	});

	it('stops when cancelled, with progress reported on the way', async () => {
		const slow = await server(50);
		try {
			const controller = new AbortController();
			const progress: number[] = [];
			// Ten minutes of load, cancelled once progress has come in three times: ending at all proves the cancel.
			const result = await runLoad({
				target: target(slow.url),
				spec: request,
				connections: 4,
				durationMs: 600_000,
				signal: controller.signal,
				requestTimeoutMs: 5000,
				progressIntervalMs: 50,
				onProgress: p => {
					progress.push(p.completed);
					if (progress.length === 3) controller.abort();
				},
			});
			expect(result.requests).toBeGreaterThan(0);
			expect(progress.length).toBeGreaterThanOrEqual(3);
		} finally {
			await slow.close();
		}
	});
});
