// `probe: logs`: what the container writes to its log.
//  - mode secrets: send a few requests that carry the profile's keys (and a rejected canary key) — each must get an
//    answer, or the scan proves nothing —, then scan the container's whole log (every line the engine keeps, with its
//    time: a key printed before the run counts too) for those secrets and for key-like values. The facts say how many
//    lines and which time span were scanned. Findings are reported masked; the secrets never reach the observation.
//  - mode format: the recent log lines are structured (JSON) or plain text.
import {randomBytes} from 'node:crypto';
import {setTimeout as delay} from 'node:timers/promises';
import {logsOptionsSchema} from '../catalog/probe-options.js';
import {requestSchema, type RequestSpec} from '../catalog/schema.js';
import {classifyLogLines} from '../containers/log-format.js';
import {observeContainer} from './observe-container.js';
import {splitTimestamps} from '../containers/runtime.js';
import {countLines, scanText, type KnownSecret} from '../containers/secret-scan.js';
import {ConfigError, errorMessage} from '../errors.js';
import {redact, registerSecret} from '../targets/secrets.js';
import {send} from './http-client.js';
import {interpolate} from './placeholders.js';
import type {Probe, ProbeContext} from './types.js';


/** Requests that carry keys: the master key on a read and on a (mocked) LLM call, then a canary key that is refused. */
function keyedRequests(context: ProbeContext, canary: string): Array<{label: string; spec: RequestSpec}> {
	const chat = requestSchema.parse({
		method: 'POST',
		path: '/v1/chat/completions',
		llm: true,
		json: {model: context.scope.models.chat, messages: [{role: 'user', content: 'parity log scan'}], max_tokens: 5},
	});
	return [
		{label: 'GET /v1/models (profile key)', spec: requestSchema.parse({path: '/v1/models'})},
		{label: 'POST /v1/chat/completions (profile key)', spec: chat},
		{label: 'GET /v1/models (canary key)', spec: requestSchema.parse({path: '/v1/models', auth: {header: 'authorization', value: `Bearer ${canary}`}})},
		...(context.target.adminKey ? [{label: 'GET /router/info (admin key)', spec: requestSchema.parse({path: '/router/info', auth: 'admin'})}] : []),
	];
}

type Sent = {label: string; status?: number; error?: string};

async function sendAll(context: ProbeContext, requests: Array<{label: string; spec: RequestSpec}>): Promise<Sent[]> {
	const answers: Sent[] = [];
	for (const {label, spec} of requests) {
		try {
			const exchange = await send(context.target, interpolate(spec, context.scope, `${context.check.id}.request`), {
				signal: context.signal,
				timeoutMs: Math.min(context.timeoutMs, 10_000),
				llmExtras: context.llmExtras,
			});
			answers.push({label, status: exchange.status});
		} catch (error) {
			answers.push({label, error: redact(errorMessage(error))});
		}
	}

	return answers;
}

function describeSent(sent: Sent): string {
	return `${sent.label} → ${sent.status ?? sent.error}`;
}

/** `2026-11-29T15:40:01.123456789Z` → `2026-11-29T15:40:01Z` (what a person reads). */
function shortTime(at: string | undefined): string | undefined {
	return at?.replace(/\.\d+/, '');
}

export const logsProbe: Probe = async context => {
	const parsed = logsOptionsSchema.safeParse(context.check.options ?? {});
	if (!parsed.success) throw new ConfigError(parsed.error.issues[0]!.message, {path: `${context.check.id}.options.${parsed.error.issues[0]!.path.join('.')}`});
	const options = parsed.data;

	if (options.mode === 'format') {
		return observeContainer(context, async runtime => {
			const requests = (await sendAll(context, [{label: 'GET /health/liveliness', spec: requestSchema.parse({path: '/health/liveliness', auth: 'none'})}])).map(describeSent);
			await delay(options.settleMs, undefined, {signal: context.signal});
			const logs = await runtime.logs({tail: options.tail});
			const text = `${logs.stdout}\n${logs.stderr}`;
			const format = classifyLogLines(text);
			const sample = text.split('\n').map(line => line.trim()).find(Boolean)?.slice(0, 160);
			return {facts: {...format, sample: sample ? redact(sample).replace(/sk-[A-Za-z0-9_-]{8,}/g, 'sk-****') : undefined, requests, summary: `${format.format}: ${format.jsonLines}/${format.lines} JSON lines`}};
		});
	}

	const canary = `sk-parity-canary-${randomBytes(12).toString('hex')}`;
	registerSecret(canary);
	const secrets: KnownSecret[] = [
		...(context.target.key ? [{label: 'profile key', value: context.target.key}] : []),
		...(context.target.adminKey && context.target.adminKey !== context.target.key ? [{label: 'admin key', value: context.target.adminKey}] : []),
		{label: 'canary key (sent, refused)', value: canary},
	];
	return observeContainer(context, async (runtime, state) => {
		const sent = await sendAll(context, keyedRequests(context, canary));
		await delay(options.settleMs, undefined, {signal: context.signal});
		// Everything the engine keeps for this container, from its first line: a key printed before the run (or before
		// a restart) counts as much as one printed during it.
		const logs = await runtime.logs({timestamps: true}, {maxBuffer: 512 * 1024 * 1024});
		const lines = [...splitTimestamps(logs.stdout, 'stdout'), ...splitTimestamps(logs.stderr, 'stderr')];
		const findings = lines.flatMap(line => scanText(line.text, line.stream, secrets).map(finding => ({...finding, line: line.number, ...(line.at ? {at: shortTime(line.at)} : {})})));
		const times = lines.map(line => line.at).filter((at): at is string => at !== undefined).sort();
		const linesScanned = lines.filter(line => line.text.trim() !== '').length;
		const unanswered = sent.filter(entry => entry.status === undefined);
		const kinds = [...new Set(findings.map(finding => finding.what))];
		const span = times.length > 0 ? `${shortTime(times[0])} → ${shortTime(times.at(-1))}` : 'no lines';
		return {
			facts: {
				leaks: findings.length,
				linesScanned,
				firstLineAt: shortTime(times[0]),
				lastLineAt: shortTime(times.at(-1)),
				containerStartedAt: shortTime(state.startedAt),
				window: 'the whole log the engine keeps for the container',
				lookedFor: secrets.map(secret => secret.label).concat('sk-/bearer/AWS/key= patterns'),
				...(findings.length > 0 ? {findings: findings.slice(0, options.maxFindings)} : {}),
				requests: sent.map(describeSent),
				requestsSent: sent.length,
				unanswered: unanswered.length,
				summary:
					(unanswered.length > 0 ? `${unanswered.length} of ${sent.length} keyed requests got no answer (the scan proves nothing): ${unanswered.map(describeSent).join('; ')} · ` : '') +
					(findings.length === 0 ? `no key in ${linesScanned} log lines (${span})` : `${findings.length} leak(s) in ${linesScanned} lines (${span}): ${kinds.join(', ')}`),
			},
		};
	});
};

