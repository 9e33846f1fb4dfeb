#!/usr/bin/env node
// `npm start`: builds only when a source file is newer than the last build (dist/.build-stamp, written at the end of
// `npm run build`), then runs the CLI in this same process, so an unchanged checkout starts at once.
import {spawnSync} from 'node:child_process';
import {readdirSync, statSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath, pathToFileURL} from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'dist/.build-stamp');
const inputs = ['source', 'scripts/bundle-ui.mjs', 'tsconfig.json', 'package.json', 'package-lock.json'];

function newest(file) {
	const stat = statSync(file, {throwIfNoEntry: false});
	if (!stat) return 0;
	if (!stat.isDirectory()) return stat.mtimeMs;
	return Math.max(stat.mtimeMs, ...readdirSync(file).map(name => newest(path.join(file, name))));
}

const built = statSync(stamp, {throwIfNoEntry: false})?.mtimeMs ?? 0;
if (Math.max(...inputs.map(input => newest(path.join(root, input)))) > built) {
	process.stderr.write('litellm-parity: building (sources changed since the last build)…\n');
	const result = spawnSync('npm', ['run', 'build', '--silent'], {cwd: root, stdio: 'inherit'});
	if (result.status !== 0) process.exit(result.status ?? 1);
}

await import(pathToFileURL(path.join(root, 'dist/source/cli.js')).href);
