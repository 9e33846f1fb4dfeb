// The import-boundary check (npm run lint:layers, scripts/lint-layers.mjs with .dependency-cruiser.cjs) can fail:
// a small tree that breaks each boundary once gets exit 1 and exactly one line per broken import, naming the rule;
// the same tree with the boundaries kept passes. The real source/ is checked by `npm test` itself.
import {execFile} from 'node:child_process';
import {mkdir, mkdtemp, rm, symlink, writeFile, copyFile} from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, describe, expect, it} from 'vitest';

const run = promisify(execFile);
const repo = path.resolve(import.meta.dirname, '../..');
const script = path.join(repo, 'scripts', 'lint-layers.mjs');
const folders: string[] = [];

afterAll(async () => {
	await Promise.all(folders.map(folder => rm(folder, {recursive: true, force: true})));
});

/** A tree shaped like this repository: source/ files, the repo's tsconfig and node_modules (for react). */
async function tree(files: Record<string, string>): Promise<string> {
	const folder = await mkdtemp(path.join(os.tmpdir(), 'litellm-parity-layers-'));
	folders.push(folder);
	await copyFile(path.join(repo, 'tsconfig.json'), path.join(folder, 'tsconfig.json'));
	await symlink(path.join(repo, 'node_modules'), path.join(folder, 'node_modules'), 'dir');
	for (const [name, text] of Object.entries(files)) {
		await mkdir(path.dirname(path.join(folder, name)), {recursive: true});
		await writeFile(path.join(folder, name), text);
	}

	return folder;
}

async function lint(cwd: string): Promise<{code: number; lines: string[]}> {
	try {
		const {stdout} = await run(process.execPath, [script], {cwd});
		return {code: 0, lines: stdout.trim().split('\n')};
	} catch (error) {
		const failed = error as {code?: number; stdout?: string};
		return {code: failed.code ?? -1, lines: String(failed.stdout ?? '').trim().split('\n')};
	}
}

/** Every layer once, each importing only downward; the explorer uses React, the commands use the testbed's entry. */
const kept: Record<string, string> = {
	'source/errors.ts': `export class UsageError extends Error {}\n`,
	'source/shared/deadline.ts': `import {UsageError} from '../errors.js';\nexport const limit = (ms: number) => (ms > 0 ? ms : Promise.reject(new UsageError('ms')));\n`,
	'source/targets/target.ts': `import {limit} from '../shared/deadline.js';\nexport const target = () => limit(1);\n`,
	'source/engine/run.ts': `import {target} from '../targets/target.js';\nexport const runRows = () => target();\n`,
	'source/report/json.ts': `import {runRows} from '../engine/run.js';\nexport const report = () => runRows();\n`,
	// a cycle of type imports only is erased by the compiler: allowed inside a layer
	'source/report/record.ts': `import type {Row} from './rows.js';\nexport type RunRecord = {rows: Row[]};\n`,
	'source/report/rows.ts': `import type {RunRecord} from './record.js';\nexport type Row = {of?: RunRecord};\n`,
	'source/testbed/index.ts': `import {target} from '../targets/target.js';\nexport const standIns = {target};\n`,
	'source/testbed/lab/up.ts': `export const labUp = () => 0;\n`,
	'source/ui/view.tsx': `import React from 'react';\nimport {report} from '../report/json.js';\nexport const view = () => React.createElement('x', null, String(report()));\n`,
	'source/commands/run.ts': `import {report} from '../report/json.js';\nimport {standIns} from '../testbed/index.js';\nexport const runCommand = () => [report(), standIns];\n`,
	'source/cli.tsx': `import {runCommand} from './commands/run.js';\nimport {view} from './ui/view.js';\nexport const main = () => [runCommand(), view()];\n`,
};

describe('lint:layers', () => {
	it('passes a tree whose imports all go downward', async () => {
		const result = await lint(await tree(kept));
		expect(result).toEqual({code: 0, lines: [expect.stringMatching(/^lint:layers: 0 violations \(\d+ modules, \d+ imports\)$/)]});
	}, 120_000);

	it('fails with one line per broken boundary: an upward import, a cycle, the testbed or React in the core, a testbed module past its entry', async () => {
		const broken = {
			...kept,
			// engine reaches up into the report
			'source/engine/banner.ts': `import {report} from '../report/json.js';\nexport const banner = () => report();\n`,
			// two engine modules need each other at run time
			'source/engine/a.ts': `import {b} from './b.js';\nexport const a = () => b;\n`,
			'source/engine/b.ts': `import {a} from './a.js';\nexport const b = () => a;\n`,
			// the core starts a stand-in itself
			'source/targets/open.ts': `import {standIns} from '../testbed/index.js';\nexport const open = () => standIns;\n`,
			// the report draws with React
			'source/report/table.ts': `import React from 'react';\nexport const table = () => React.createElement('t');\n`,
			// a command goes around the testbed's entry
			'source/commands/lab.ts': `import {labUp} from '../testbed/lab/up.js';\nexport const lab = () => labUp();\n`,
		};
		const result = await lint(await tree(broken));
		expect(result.code).toBe(1);
		// A package resolves to its real folder (the tree links the repo's node_modules): keep from node_modules/ on.
		const rules = result.lines.slice(0, -1).map(line => line.replace(/ \(.*\)$/, '').replace(/→ \S*?node_modules\//, '→ node_modules/')).sort();
		expect(rules).toEqual(
			[
				'core-without-ui: source/report/table.ts → node_modules/react/index.js',
				'layer-engine: source/engine/banner.ts → source/report/json.ts',
				'no-circular: source/engine/a.ts → source/engine/b.ts → source/engine/a.ts',
				'product-without-testbed: source/targets/open.ts → source/testbed/index.ts',
				'testbed-through-its-entry: source/commands/lab.ts → source/testbed/lab/up.ts',
			].sort(),
		);
		expect(result.lines.at(-1)).toMatch(/^lint:layers: 5 violations /);
	}, 120_000);
});
