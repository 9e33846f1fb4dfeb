// Hostile targets: every misbehaviour gives that side an error in plain words, within the check's timeout, with
// memory bounded by the body cap — and the other side and the rest of the run carry on.
import {mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {profileSchema} from '../../source/targets/profile-schema.js';
import {closedPort, runProfile} from '../helpers/targets.js';
import {hostilePaths, hostileServer} from '../helpers/hostile-server.js';

// Generous, so a loaded machine still gets the headers in time: the drip and hang servers go on far longer, and the
// error text ("timed out after … ms reading the body") proves the deadline fired. Wall times belong to benchmarks.
const timeoutMs = 5000;

function checkFor(name: string): string {
	const stream = name === 'drip' || name === 'endless';
	return `      - id: hostile.${name}
        probe: ${stream ? 'sse' : 'http'}
        request: {method: ${stream ? 'POST' : 'GET'}, path: /hostile/${name}${stream ? ', json: {stream: true}' : ''}}
        expect:
          status: 200
${stream ? "          asserts:\n            - {query: done, equals: true}\n" : '          json: {ok: true}\n'}        compare: {body: ${stream ? 'ignore' : 'exact'}, noise: false}
`;
}

const file = `schemaVersion: 1
category: {id: hostile, title: Hostile, section: validation}
rows:
  - id: hostile.row
    feature: hostile behaviours
    checks:
${hostilePaths.map(checkFor).join('')}`;

let good: Awaited<ReturnType<typeof hostileServer>>;
let bad: Awaited<ReturnType<typeof hostileServer>>;
let result: Awaited<ReturnType<typeof runProfile>>;
let rssGrowthMb = 0;

beforeAll(async () => {
	[good, bad] = await Promise.all([hostileServer('good'), hostileServer('hostile')]);
	const directory = await mkdtemp(path.join(tmpdir(), 'parity-hostile-'));
	await writeFile(path.join(directory, 'hostile.yaml'), file);
	const profile = profileSchema.parse({name: 'hostile', baseline: {url: good.url}, candidate: {url: bad.url}, options: {timeoutMs, maxBodyBytes: 1024 * 1024, concurrency: 9}});
	const rssBefore = process.memoryUsage.rss();
	result = await runProfile(profile, {}, {checksDirectory: directory});
	rssGrowthMb = (process.memoryUsage.rss() - rssBefore) / 1024 / 1024;
}, 60_000);

afterAll(async () => {
	await Promise.all([good.close(), bad.close()]);
});

const expectedErrors: Record<string, RegExp> = {
	reset: /^connection reset by 127\.0\.0\.1:\d+ while reading the body/,
	hang: new RegExp(`^timed out after ${timeoutMs} ms reading the body`),
	drip: new RegExp(`^timed out after ${timeoutMs} ms reading the body`),
	endless: new RegExp(`^timed out after ${timeoutMs} ms reading the body`),
	'invalid-json': /^the body is not valid JSON although content-type is application\/json/,
	huge: /^response body exceeds 1 MB \(raise options\.maxBodyBytes in the profile to allow it\)$/,
	html: /^expected a JSON answer, got text\/html: <!DOCTYPE html>/,
	redirect: /^redirected \(302\) to \/hostile\/redirect; the tool does not follow redirects/,
	'wrong-type': /^expected a JSON answer, got text\/plain \(the body parses as JSON, but the content-type is wrong\)$/,
};

const unanswered = new Set(['reset', 'hang', 'drip', 'endless', 'huge']);

describe('hostile candidate, well-behaved baseline', () => {
	it.each(hostilePaths)('%s: the candidate side errors in plain words; the baseline is unaffected', name => {
		const check = result.byCheck[`hostile.${name}`]!;
		expect(check.baseline.ok).toBe(true);
		expect(check.baseline.error).toBeUndefined();
		expect(check.candidate.ok).toBe(false);
		expect(check.candidate.error).toMatch(expectedErrors[name]!);
		// No answer at all (reset, hang, a body past the cap) cannot be judged: error. A wrong answer is a gap.
		expect(check.verdict).toBe(unanswered.has(name) ? 'error' : 'gap');
		expect(check.reason).toContain(check.candidate.error!.slice(0, 30));
	});

	it('keeps memory bounded by the body cap (a 50 MB body is not held)', () => {
		expect(rssGrowthMb).toBeLessThan(40);
	});

	it('leaves no request hanging on the hostile server', async () => {
		await vi.waitFor(() => expect(bad.openRequests()).toBe(0), {timeout: 10_000, interval: 20});
	});

	it('reports a refused connection on one side without touching the other', async () => {
		const port = await closedPort();
		const directory = await mkdtemp(path.join(tmpdir(), 'parity-hostile-'));
		await writeFile(path.join(directory, 'hostile.yaml'), file);
		const profile = profileSchema.parse({name: 'refused', baseline: {url: good.url}, candidate: {url: `http://127.0.0.1:${port}`}, options: {timeoutMs}});
		const refused = await runProfile(profile, {checks: ['hostile.html']}, {checksDirectory: directory});
		const check = refused.byCheck['hostile.html']!;
		expect(check.baseline.ok).toBe(true);
		expect(check.candidate.error).toBe(`connection refused by 127.0.0.1:${port}: is the proxy running on that port?`);
	});
});
