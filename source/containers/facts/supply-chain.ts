// Supply-chain facts from inside a container: which LiteLLM is installed (importlib.metadata, run by the very Python
// interpreter that serves the proxy), whether it is a known-compromised release (the list is data in the check file),
// which `.pth` start-up files sit in its site-packages (Python runs them at every start: a planted one runs with the
// proxy), and whether the installed version is the one the proxy reports over HTTP.
import {firstOutputLine} from '../exec-outcome.js';
import type {CallOptions, ContainerRuntime} from '../runtime.js';

export type SupplyChainSpec = {
	/** Releases known to be compromised, e.g. ['1.82.7', '1.82.8']. */
	compromised: string[];
	/** Regular expressions for the .pth files a clean install carries (setuptools, virtualenv, namespace packages). */
	allowedPth: string[];
};

const inspectScript = [
	'import json, os, site, sys, sysconfig',
	'import importlib.metadata as md',
	'dirs = set(getattr(site, "getsitepackages", lambda: [])()) | {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}',
	'pth = sorted(os.path.join(d, f) for d in dirs if os.path.isdir(d) for f in os.listdir(d) if f.endswith(".pth"))',
	'try:\n    version = md.version("litellm")\nexcept Exception:\n    version = None',
	'print(json.dumps({"version": version, "python": sys.executable, "pth": pth}))',
].join('\n');

/** The interpreter that runs the proxy: the process whose command line names litellm (`/app/.venv/bin/python3 /app/.venv/bin/litellm …`). */
function proxyInterpreter(rows: Array<{pid: number; args: string}>): string | undefined {
	for (const row of rows) {
		const words = row.args.split(/\s+/);
		const at = words.findIndex(word => /(^|\/)litellm$/.test(word));
		if (at > 0 && /(^|\/)python[\d.]*$/.test(words[at - 1]!)) return words[at - 1];
	}

	return undefined;
}

export async function collectSupplyChain(runtime: ContainerRuntime, spec: SupplyChainSpec, reportedVersion: string | undefined, options: CallOptions = {}): Promise<Record<string, unknown>> {
	const rows = await runtime.top(options);
	const interpreters = [proxyInterpreter(rows), 'python3', 'python'].filter((entry): entry is string => Boolean(entry));
	let answer: {version: string | null; python: string; pth: string[]} | undefined;
	let failure = '';
	for (const python of [...new Set(interpreters)]) {
		const exec = await runtime.exec([python, '-c', inspectScript], options);
		if (exec.exitCode === 0) {
			try {
				answer = JSON.parse(exec.stdout.trim().split('\n').at(-1) ?? '') as typeof answer;
				break;
			} catch {
				failure = `${python}: unreadable answer`;
			}
		} else failure ||= `${python}: exit ${exec.exitCode} ${firstOutputLine(exec)}`.trim();
	}

	if (!answer) return {litellmVersion: 'unknown', compromised: 'unknown', unexpectedPthCount: 'unknown', versionMatches: false, supplyChainError: `no Python in the container answered (${failure})`, summary: `no Python answered: ${failure}`};
	const allowed = spec.allowedPth.map(pattern => new RegExp(pattern));
	const unexpected = answer.pth.filter(file => !allowed.some(pattern => pattern.test(file.split('/').at(-1) ?? file)));
	const version = answer.version ?? 'not installed';
	const compromised = answer.version !== null && spec.compromised.includes(answer.version);
	const matches = answer.version !== null && reportedVersion === answer.version;
	return {
		litellmVersion: version,
		reportedVersion: reportedVersion ?? 'not reported',
		versionMatches: matches,
		compromised,
		pthFiles: answer.pth,
		unexpectedPth: unexpected,
		unexpectedPthCount: unexpected.length,
		python: answer.python,
		summary: [
			`litellm ${version}${compromised ? ' — KNOWN COMPROMISED RELEASE' : ''}`,
			matches ? 'matches /health/readiness' : `proxy reports ${reportedVersion ?? 'nothing'}`,
			unexpected.length === 0 ? `${answer.pth.length} .pth file(s), all expected` : `unexpected .pth: ${unexpected.join(', ')}`,
		].join(' · '),
	};
}
