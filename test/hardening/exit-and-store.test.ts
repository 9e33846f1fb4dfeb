// Nothing lost, nothing left behind: concurrent profile saves, and SIGTERM in a headless run.
import {mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {execa} from 'execa';
import {describe, expect, it} from 'vitest';
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
		const names = new ProfileStore({cwd: home}).names();
		expect(names).toHaveLength(50);
		expect(names.filter(name => name.startsWith('a-'))).toHaveLength(25);
		expect(names.filter(name => name.startsWith('b-'))).toHaveLength(25);
	}, 60_000);
});

describe('SIGTERM during a headless run', () => {
	it('aborts in-flight requests (the server sees the requests close) and exits promptly with 130', async () => {
		const hanging = await hostileServer('hostile');
		const directory = await mkdtemp(path.join(tmpdir(), 'parity-sigterm-'));
		await writeFile(path.join(directory, 'hang.yaml'), 'schemaVersion: 1\ncategory: {id: hang, title: Hang, section: core}\nrows:\n  - id: hang.row\n    feature: hangs\n    checks:\n      - {id: hang.check, probe: http, request: {path: /hostile/hang}}\n');
		try {
			const run = execa('node', [path.resolve('dist/source/cli.js'), 'run', '--checks', directory, '--baseline', hanging.url, '--candidate', hanging.url, '--no-history'], {reject: false});
			for (let attempt = 0; attempt < 1000 && hanging.openRequests() < 2; attempt++) await new Promise(resolve => setTimeout(resolve, 10));
			expect(hanging.openRequests()).toBe(2);
			const killedAt = Date.now();
			run.kill('SIGTERM');
			const result = await run;
			expect(Date.now() - killedAt).toBeLessThan(2000);
			expect(result.exitCode).toBe(130);
			for (let attempt = 0; attempt < 100 && hanging.openRequests() > 0; attempt++) await new Promise(resolve => setTimeout(resolve, 10));
			expect(hanging.openRequests()).toBe(0);
		} finally {
			await hanging.close();
		}
	}, 20_000);
});
