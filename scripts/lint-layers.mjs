#!/usr/bin/env node
// npm run lint:layers: checks the import boundaries of .dependency-cruiser.cjs (layers, no cycles, a core without
// React or the testbed) on source/ under the current folder, and prints one line per broken rule:
//   RULE: FROM → TO (why)
// Exit 0 when none is broken, 1 when one is, 2 when the check itself could not run.
import {execFileSync} from 'node:child_process';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cli = path.join(root, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const config = path.join(root, '.dependency-cruiser.cjs');

let output;
try {
	output = execFileSync(process.execPath, [cli, 'source', '--config', config, '--output-type', 'json'], {encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe']});
} catch (error) {
	// depcruise exits non-zero when rules are broken, with the JSON still on stdout.
	output = error.stdout;
	if (!output) {
		process.stderr.write(`lint:layers: dependency-cruiser did not run: ${String(error.stderr || error.message).trim().split('\n')[0]}\n`);
		process.exit(2);
	}
}

const {summary} = JSON.parse(output);
const comments = new Map((summary.ruleSetUsed?.forbidden ?? []).map(rule => [rule.name, rule.comment]));
for (const violation of summary.violations) {
	const chain = violation.cycle?.length ? [violation.from, ...violation.cycle.map(step => step.name ?? step)] : [violation.from, violation.to];
	process.stdout.write(`${violation.rule.name}: ${chain.join(' → ')} (${comments.get(violation.rule.name) ?? violation.rule.severity})\n`);
}

const errors = summary.violations.filter(violation => violation.rule.severity === 'error').length;
process.stdout.write(`lint:layers: ${errors} violation${errors === 1 ? '' : 's'} (${summary.totalCruised} modules, ${summary.totalDependenciesCruised} imports)\n`);
process.exit(errors > 0 ? 1 : 0);
