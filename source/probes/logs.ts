// `probe: logs`: what the container writes to its log.
//  - mode secrets: send a few requests that carry the profile's keys (and a rejected canary key), then scan the
//    container's log over the run's time window (`logs --since`) for those secrets and for key-like values.
//    Findings are reported masked; the secrets themselves never reach the observation.
//  - mode format: the recent log lines are structured (JSON) or plain text.
import {randomBytes} from 'node:crypto';
import {setTimeout as delay} from 'node:timers/promises';
import {z} from 'zod';
import {requestSchema, type RequestSpec} from '../catalog/schema.js';
import {classifyLogLines} from '../containers/log-format.js';
import {observeContainer} from '../containers/observe.js';
import {runWindowStart} from '../containers/run-window.js';
import {countLines, scanText, type KnownSecret} from '../containers/secret-scan.js';
import {ConfigError, errorMessage} from '../errors.js';
import {redact, registerSecret} from '../targets/secrets.js';
import {send} from './http-client.js';
import {interpolate} from './placeholders.js';
import type {Probe, ProbeContext} from './types.js';

const optionsSchema = z
	.object({
		mode: z.enum(['secrets', 'format']).default('secrets'),
		/** Lines read for the format check. */
		tail: z.number().int().min(1).max(10_000).default(100),
		/** Time given to the container to flush its log after the requests. */
		settleMs: z.number().int().min(0).max(10_000).default(500),
		/** Most findings kept in the observation. */
		maxFindings: z.number().int().min(1).max(100).default(10),
	})
	.strict();

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

async function sendAll(context: ProbeContext, requests: Array<{label: string; spec: RequestSpec}>): Promise<string[]> {
	const answers: string[] = [];
	for (const {label, spec} of requests) {
		try {
			const exchange = await send(context.target, interpolate(spec, context.scope, `${context.check.id}.request`), {
				signal: context.signal,
				timeoutMs: Math.min(context.timeoutMs, 10_000),
				llmExtras: context.llmExtras,
			});
			answers.push(`${label} → ${exchange.status}`);
		} catch (error) {
			answers.push(`${label} → ${redact(errorMessage(error))}`);
		}
	}

	return answers;
}

export const logsProbe: Probe = async context => {
	const parsed = optionsSchema.safeParse(context.check.options ?? {});
	if (!parsed.success) throw new ConfigError(parsed.error.issues[0]!.message, {path: `${context.check.id}.options.${parsed.error.issues[0]!.path.join('.')}`});
	const options = parsed.data;
	// A second's margin: `--since` has second-level precision on some engines.
	const since = new Date((context.runStartedAt ?? runWindowStart(context.scope.run.id)).getTime() - 1000);

	if (options.mode === 'format') {
		return observeContainer(context, async runtime => {
			await runtime.inspect();
			const requests = await sendAll(context, [{label: 'GET /health/liveliness', spec: requestSchema.parse({path: '/health/liveliness', auth: 'none'})}]);
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
	return observeContainer(context, async runtime => {
		await runtime.inspect();
		const requests = await sendAll(context, keyedRequests(context, canary));
		await delay(options.settleMs, undefined, {signal: context.signal});
		const logs = await runtime.logs({since});
		const findings = [...scanText(logs.stdout, 'stdout', secrets), ...scanText(logs.stderr, 'stderr', secrets)];
		const linesScanned = countLines(logs.stdout) + countLines(logs.stderr);
		const kinds = [...new Set(findings.map(finding => finding.what))];
		return {
			facts: {
				leaks: findings.length,
				linesScanned,
				window: `since ${since.toISOString()}`,
				lookedFor: secrets.map(secret => secret.label).concat('sk-/bearer/AWS/key= patterns'),
				...(findings.length > 0 ? {findings: findings.slice(0, options.maxFindings)} : {}),
				requests,
				summary: findings.length === 0 ? `no key in ${linesScanned} log lines ${`since ${since.toISOString().slice(11, 19)}Z`}` : `${findings.length} leak(s) in ${linesScanned} lines: ${kinds.join(', ')}`,
			},
		};
	});
};
