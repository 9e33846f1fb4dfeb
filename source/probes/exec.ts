// `probe: exec`: facts from inside the container through `docker exec` / `podman exec` (never with a TTY) and
// inspect. A check either names collectors (user, shell, os, init, image-user, package-managers), looks for the
// first existing path among `paths`, or runs its own `command` and keeps the trimmed stdout as a fact.
import {collectFirstPath, collectors} from '../containers/facts/index.js';
import {executableMissing, firstOutputLine} from '../containers/exec-outcome.js';
import {observeContainer} from './observe-container.js';
import type {ContainerRuntime} from '../containers/runtime.js';
import {execSpecSchema, type ExecSpec} from '../catalog/probe-options.js';
import {requestSchema} from '../catalog/schema.js';
import {collectSupplyChain} from '../containers/facts/supply-chain.js';
import {ConfigError, errorMessage} from '../errors.js';
import {send} from './http-client.js';
import type {Probe, ProbeContext} from './types.js';


export function parseExecSpec(raw: unknown, checkId: string): ExecSpec {
	const parsed = execSpecSchema.safeParse(raw ?? {});
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!;
		throw new ConfigError(issue.message, {path: `${checkId}.exec${issue.path.length > 0 ? '.' + issue.path.join('.') : ''}`});
	}

	return parsed.data;
}

async function runCommand(runtime: ContainerRuntime, spec: ExecSpec): Promise<Record<string, unknown>> {
	const attempts = [spec.command!, ...(spec.fallback ?? [])];
	for (const command of attempts) {
		const exec = await runtime.exec(command);
		if (executableMissing(exec) && command !== attempts.at(-1)) continue;
		const facts: Record<string, unknown> = {exitCode: exec.exitCode, summary: `${command.join(' ')} → exit ${exec.exitCode}: ${firstOutputLine(exec)}`};
		if (spec.fact && exec.exitCode === 0) facts[spec.fact] = exec.stdout.trim();
		return facts;
	}

	return {};
}

/** The version the proxy reports over HTTP (`litellm_version`), or undefined when it reports none. */
async function reportedVersion(context: ProbeContext, path: string): Promise<string | undefined> {
	try {
		const exchange = await send(context.target, requestSchema.parse({path, auth: 'none'}), {signal: context.signal, timeoutMs: Math.min(context.timeoutMs, 10_000)});
		const body = JSON.parse(exchange.body.toString('utf8')) as {litellm_version?: unknown};
		return typeof body.litellm_version === 'string' ? body.litellm_version : undefined;
	} catch {
		return undefined;
	}
}

export const execProbe: Probe = async context => {
	const spec = parseExecSpec(context.check.exec, context.check.id);
	return observeContainer(context, async runtime => {
		const facts: Record<string, unknown> = {};
		const summaries: string[] = [];
		const add = (more: Record<string, unknown>) => {
			const {summary, ...rest} = more;
			Object.assign(facts, rest);
			if (typeof summary === 'string') summaries.push(summary);
		};

		for (const name of spec.collect ?? []) add(await collectors[name](runtime));
		if (spec.paths && spec.fact) add(await collectFirstPath(runtime, spec.paths, spec.fact));
		if (spec.command) add(await runCommand(runtime, spec));
		if (spec.supplyChain) {
			const {allowedPth, compromised} = spec.supplyChain;
			for (const [index, pattern] of allowedPth.entries()) {
				try {
					new RegExp(pattern);
				} catch (error) {
					throw new ConfigError(`not a regular expression: ${errorMessage(error)}`, {path: `${context.check.id}.exec.supplyChain.allowedPth[${index}]`});
				}
			}

			add(await collectSupplyChain(runtime, {allowedPth, compromised}, await reportedVersion(context, spec.supplyChain.versionPath)));
		}
		if (summaries.length > 0) facts.summary = summaries.join(' · ');
		return {facts};
	});
};
