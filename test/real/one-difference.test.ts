// One real difference at a time: the candidate proxy restarts with one feature changed in its config, and the run
// finds it on the rows that feature belongs to, with a reason a person understands — and nowhere else.
import {afterAll, describe as suite, expect, inject, it} from 'vitest';
import {restartProxy, type ConfigVariant} from '../../source/testbed/real-pair/pair.js';
import {describe, isFinding, runPair} from './helpers.js';

type Case = {
	name: string;
	variant: ConfigVariant;
	/** check id → the verdict it must get and words its reason must contain. */
	findings: Record<string, {verdict: 'gap' | 'drift'; reason: RegExp}>;
};

const cases: Case[] = [
	{
		name: 'the speech model removed',
		variant: {removeModels: ['speech']},
		findings: {
			// The endpoint refuses the unknown model…
			'api.audio-speech.mp3': {verdict: 'gap', reason: /candidate: expected status == 200, got 400/},
			// …and every list of models lacks it: /v1/models, /models, /model/info and /health's healthy endpoints.
			'api.models.list': {verdict: 'drift', reason: /tts-1\] missing on candidate/},
			'api.models.alias': {verdict: 'drift', reason: /tts-1\] missing on candidate/},
			'api.models.info': {verdict: 'drift', reason: /tts-1\] missing on candidate/},
			'health.health.status': {verdict: 'drift', reason: /tts-1\] missing on candidate/},
		},
	},
	{
		name: 'caching off',
		variant: {cache: false},
		findings: {
			'caching.cache-hit.second-call': {verdict: 'gap', reason: /x-litellm-cache-key exists/},
			'persistence.redis-caching.configured': {verdict: 'gap', reason: /\$\.cache == "redis"/},
			'persistence.redis-caching.ping': {verdict: 'gap', reason: /got 503/},
			// Readiness reports the cache type: null instead of "redis".
			'health.readiness.body': {verdict: 'drift', reason: /\$\.cache/},
		},
	},
	{
		name: 'auth off (no master key)',
		variant: {auth: false},
		findings: {
			'api.chat-completions.missing-key': {verdict: 'gap', reason: /expected status == 401, got 200/},
			'health.health.requires-key': {verdict: 'gap', reason: /expected status == 401, got 200/},
		},
	},
	{
		name: 'the custom callback left out',
		variant: {removeCallbacks: ['custom_callbacks.proxy_handler_instance']},
		findings: {
			'routing.custom-callbacks.registered': {verdict: 'gap', reason: /MyCustomHandler/},
		},
	},
	{
		name: 'the Prometheus callback left out',
		variant: {removeCallbacks: ['prometheus']},
		findings: {
			'observability.prometheus.families': {verdict: 'gap', reason: /candidate: expected status == 200, got 404/},
		},
	},
];

suite('one real difference at a time', () => {
	const pair = inject('realPair');
	afterAll(async () => {
		// Leave the stock candidate behind for whatever runs next.
		await restartProxy(pair.dir, 'candidate', {});
	});

	for (const {name, variant, findings} of cases) {
		it(`finds ${name} on its rows only`, async () => {
			const state = await restartProxy(pair.dir, 'candidate', variant);
			const report = await runPair(pair.profilePath);
			const found = report.results.filter(isFinding);
			console.log(`[real] ${name} (candidate ready after ${state.candidate.readySeconds} s): ${JSON.stringify(report.summary)}\n  ${describe(found).join('\n  ')}`);
			expect(describe(found.filter(result => !(result.check in findings))), `${name}: findings on rows the change does not touch`).toEqual([]);
			for (const [check, {verdict, reason}] of Object.entries(findings)) {
				const result = report.results.find(entry => entry.check === check);
				expect(result ? `${result.verdict}: ${result.reason}` : 'missing', `${name}: ${check}`).toMatch(new RegExp(`^${verdict}: .*${reason.source}`));
			}
		});
	}
});
