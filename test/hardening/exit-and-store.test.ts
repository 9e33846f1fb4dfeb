// Nothing lost, nothing left behind: concurrent profile saves, and SIGTERM in a headless run.
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {execa} from 'execa';
import {describe, expect, it, vi} from 'vitest';
import {ProfileStore} from '../../source/targets/profiles.js';
import {hostileServer} from '../helpers/hostile-server.js';

const storeModule = path.resolve('dist/source/targets/profiles.js');

describe('profile store under concurrent writers', () => {
	it('two processes saving at once lose nothing', async () => {
		const home = await mkdtemp(path.join(tmpdir(), 'parity-race-'));
		const writer = (prefix: string) => `
			const {ProfileStore} = await import(${JSON.stringify(storeModule)});
			const store = new ProfileStore({cwd: ${JSON.stringify(home)}});
			for (let index = 0; index < 25; index++) {
				store.save({name: '${prefix}-' + index, baseline: {url: 'http://127.0.0.1:1'}, candidate: {url: 'http://127.0.0.1:2'}});
			}`;
		await Promise.all(['a', 'b'].map(prefix => execa('node', ['--input-type=module', '-e', writer(prefix)])));
		try {
			const names = new ProfileStore({cwd: home}).names();
			expect(names).toHaveLength(50);
			expect(names.filter(name => name.startsWith('a-'))).toHaveLength(25);
			expect(names.filter(name => name.startsWith('b-'))).toHaveLength(25);
		} finally {
			await rm(home, {recursive: true, force: true});
		}
	}, 60_000);
});

describe('SIGTERM during a headless run', () => {
	it('aborts in-flight requests (the server sees the requests close) and exits with 130', async () => {
		const hanging = await hostileServer('hostile');
		const directory = await mkdtemp(path.join(tmpdir(), 'parity-sigterm-'));
		await writeFile(path.join(directory, 'hang.yaml'), 'schemaVersion: 1\ncategory: {id: hang, title: Hang, section: core}\nrows:\n  - id: hang.row\n    feature: hangs\n    checks:\n      - {id: hang.check, probe: http, request: {path: /hostile/hang}, timeoutMs: 600000}\n');
		try {
			const run = execa('node', [path.resolve('dist/source/cli.js'), 'run', '--checks', directory, '--baseline', hanging.url, '--candidate', hanging.url, '--no-history'], {reject: false});
			await vi.waitFor(() => expect(hanging.openRequests()).toBe(2), {timeout: 30_000, interval: 10});
			run.kill('SIGTERM');
			// The hang never ends and the check's time limit is far beyond this test's: only the signal can end the run.
			const result = await run;
			expect(result.exitCode).toBe(130);
			await vi.waitFor(() => expect(hanging.openRequests()).toBe(0), {timeout: 10_000, interval: 10});
		} finally {
			await hanging.close();
			await rm(directory, {recursive: true, force: true});
		}
	}, 60_000);
});
