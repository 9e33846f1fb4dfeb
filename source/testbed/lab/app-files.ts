// The lab images' application: the built simulator (dist/source/testbed/simulator) and the npm packages it imports, copied
// under /app with a small server entry. No bundler and no registry: only files already on this machine.
import {existsSync} from 'node:fs';
import {cp, mkdir, readdir, readFile, writeFile} from 'node:fs/promises';
import {builtinModules} from 'node:module';
import path from 'node:path';
import {packageRoot} from '../../paths.js';

const importSpecifiers = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"\s]+)['"]/g;
const packageName = /^(?:@[a-z0-9~-][\w.~-]*\/)?[a-z0-9~-][\w.~-]*$/;

/** The npm packages the built simulator imports (bare specifiers, reduced to package names; built-ins left out). */
export async function importedPackages(folder: string): Promise<string[]> {
	const names = new Set<string>();
	for (const entry of await readdir(folder, {recursive: true, withFileTypes: true})) {
		if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
		const text = await readFile(path.join(entry.parentPath, entry.name), 'utf8');
		for (const [, specifier] of text.matchAll(importSpecifiers)) {
			if (!specifier || specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) continue;
			const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
			if (packageName.test(name) && !builtinModules.includes(name)) names.add(name);
		}
	}

	return [...names].sort();
}

function findPackage(name: string, from: string): string | undefined {
	let directory = from;
	for (;;) {
		const candidate = path.join(directory, 'node_modules', name);
		if (existsSync(path.join(candidate, 'package.json'))) return candidate;
		const parent = path.dirname(directory);
		if (parent === directory) return undefined;
		directory = parent;
	}
}

/** Copy packages and their dependencies (transitively) into `modules`, nesting a package only on a version clash. */
export async function copyPackages(names: string[], from: string, modules: string): Promise<string[]> {
	const placed = new Map<string, string>();
	const copied: string[] = [];
	const visit = async (name: string, requiredFrom: string, targetModules: string): Promise<void> => {
		const source = findPackage(name, requiredFrom);
		if (!source) throw new Error(`the simulator needs the npm package '${name}', which is not installed next to litellm-parity; run npm install`);
		const known = placed.get(name);
		if (known === source) return;
		const destination = known === undefined ? path.join(modules, name) : path.join(targetModules, name);
		if (known === undefined) placed.set(name, source);
		await cp(source, destination, {recursive: true, filter: file => !file.slice(source.length).includes(`${path.sep}node_modules`)});
		copied.push(name);
		const manifest = JSON.parse(await readFile(path.join(source, 'package.json'), 'utf8')) as {dependencies?: Record<string, string>};
		for (const dependency of Object.keys(manifest.dependencies ?? {})) await visit(dependency, source, path.join(destination, 'node_modules'));
	};

	for (const name of names) await visit(name, from, modules);
	return copied;
}

export const serverEntry = `// litellm-parity lab: the embedded LiteLLM-like simulator as this container's server.
// Personality, key and port come from the environment and the command line, as LiteLLM takes them;
// LITELLM_PARITY_UPSTREAM (the lab's mock upstream) gets the chat calls without mock_response.
import http from 'node:http';
import {startSimulator} from './simulator/index.js';

const args = process.argv.slice(2);
const portAt = args.indexOf('--port');
const port = Number(portAt >= 0 ? args[portAt + 1] : process.env.PORT ?? 4000);
if (process.env.LITELLM_LOG === 'DEBUG') {
	// Deliberately leaky, like a debug log that prints request headers: lets the secret scan prove it finds keys.
	const emit = http.Server.prototype.emit;
	http.Server.prototype.emit = function (event, request, ...rest) {
		if (event === 'request') process.stdout.write('DEBUG: ' + request.method + ' ' + request.url + ' headers=' + JSON.stringify(request.headers) + '\\n');
		return emit.call(this, event, request, ...rest);
	};
}

const handle = await startSimulator({
	personality: process.env.LITELLM_PARITY_PERSONALITY === 'candidate' ? 'candidate' : 'baseline',
	host: '0.0.0.0',
	port,
	masterKey: process.env.LITELLM_MASTER_KEY || undefined,
	adminKeys: process.env.ADMIN_API_KEYS ? process.env.ADMIN_API_KEYS.split(',') : undefined,
	gaps: process.env.LITELLM_PARITY_GAPS === 'true',
	upstream: process.env.LITELLM_PARITY_UPSTREAM || undefined,
	logger: line => process.stdout.write(line + '\\n'),
});
const stop = () => void handle.close().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
`;

/** Lay out /app: simulator/, node_modules/, package.json (ESM) and server.js. */
export async function installApp(root: string): Promise<void> {
	const built = path.join(packageRoot, 'dist', 'source', 'testbed', 'simulator');
	if (!existsSync(path.join(built, 'index.js'))) throw new Error(`the built simulator is missing (${built}); run npm run build first`);
	const app = path.join(root, 'app');
	await mkdir(app, {recursive: true});
	await cp(built, path.join(app, 'simulator'), {recursive: true});
	await copyPackages(await importedPackages(built), packageRoot, path.join(app, 'node_modules'));
	await writeFile(path.join(app, 'package.json'), JSON.stringify({name: 'litellm-parity-lab-app', private: true, type: 'module'}, null, 2) + '\n');
	await writeFile(path.join(app, 'server.js'), serverEntry);
}
