// Nothing saved is lost: the profile store and the history on a full disk (a real small file system when one can be
// mounted, an injected short write always), corrupt and unreadable stores, crashed saves, odd profile names.
import {execFileSync} from 'node:child_process';
import {chmodSync, chownSync, existsSync, fstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync, writeSync} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import {hostname, tmpdir} from 'node:os';
import path from 'node:path';
import {execa} from 'execa';
import {afterAll, describe, expect, it} from 'vitest';
import {profilesCommand} from '../../source/commands/profiles.js';
import {ConfigError} from '../../source/errors.js';
import {saveRun} from '../../source/history/history.js';
import {ProfileStore, setStoreWriteHookForTests} from '../../source/targets/profiles.js';

const folders: string[] = [];
const temporary = async (prefix = 'parity-durable-') => {
	const folder = await mkdtemp(path.join(tmpdir(), prefix));
	folders.push(folder);
	return folder;
};

const mounts: string[] = [];
afterAll(async () => {
	for (const mount of mounts) execFileSync('umount', [mount]);
	await Promise.all(folders.map(async folder => rm(folder, {recursive: true, force: true})));
});

const profile = (name: string, description = 'a profile') => ({name, description, baseline: {url: 'http://127.0.0.1:4000', key: '${env.LITELLM_MASTER_KEY}'}, candidate: {url: 'http://127.0.0.1:4001'}});

function record(runId: string) {
	const startedAt = new Date().toISOString();
	return {runId, startedAt, finishedAt: startedAt, durationMs: 1, cancelled: false, profile: 'disk', targets: {baseline: {url: 'http://a'}, candidate: {url: 'http://b'}}, results: [], summary: {parity: 0, gap: 0, drift: 0, bonus: 0, 'both-fail': 0, expected: 0, skipped: 0, error: 0}};
}

/** A 256 KB tmpfs the test mounts itself, or the reason it cannot. */
async function smallFileSystem(): Promise<{folder?: string; reason?: string}> {
	if (process.getuid?.() !== 0) return {reason: 'not running as root, so no file system can be mounted'};
	const folder = await temporary('parity-fulldisk-');
	try {
		execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k,mode=0700', 'tmpfs', folder], {stdio: 'pipe'});
	} catch (error) {
		return {reason: `mount -t tmpfs failed: ${String((error as {stderr?: Buffer}).stderr ?? error).trim()}`};
	}

	mounts.push(folder);
	return {folder};
}

/** Fill the file system to the last byte, then free `slack` bytes (room for the lock, not for the new content). */
function fill(folder: string, slack = 0): void {
	const chunk = Buffer.alloc(4096, 1);
	writeFileSync(path.join(folder, 'slack'), Buffer.alloc(slack, 1));
	const file = path.join(folder, 'filler');
	writeFileSync(file, '');
	try {
		for (;;) writeFileSync(file, chunk, {flag: 'a'});
	} catch (error) {
		expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC');
	}

	execFileSync('rm', [path.join(folder, 'slack')]);
}

function unfill(folder: string): void {
	execFileSync('rm', ['-f', path.join(folder, 'filler')]);
}

const small = await smallFileSystem();

/** As root, the permission case runs as nobody, who must be able to load the built module. */
function permissionSkipReason(): string | undefined {
	if (process.getuid?.() !== 0) return undefined;
	try {
		execFileSync('node', ['-e', `require('fs').accessSync(${JSON.stringify(path.resolve('dist/source/targets/profiles.js'))})`], {uid: 65_534, gid: 65_534, stdio: 'pipe'});
		return undefined;
	} catch {
		return 'running as root and user nobody cannot read the built module in this checkout';
	}
}

const permissionSkip = permissionSkipReason();

describe('a full disk', () => {
	it.skipIf(!small.folder)(`on a real 256 KB tmpfs: a save fails in plain words and no saved profile is lost${small.reason ? ` (skipped: ${small.reason})` : ''}`, () => {
		const home = path.join(small.folder!, 'home');
		mkdirSync(home);
		const store = new ProfileStore({cwd: home});
		for (const name of ['one', 'two', 'three']) store.save(profile(name));
		store.setActive('two');
		const before = readFileSync(store.path, 'utf8');
		// Room for the lock (a folder and a small file), not for the new store.
		fill(small.folder!, 12 * 1024);
		let error: unknown;
		try {
			store.save(profile('four', 'x'.repeat(64 * 1024)));
		} catch (caught) {
			error = caught;
		} finally {
			if (!error) unfill(small.folder!);
		}

		expect(error).toBeInstanceOf(ConfigError);
		expect((error as Error).message).toMatch(/could not save the profile store: the disk is full \(ENOSPC\) while writing the temporary file in .*; the saved profiles are unchanged$/);
		expect((error as Error).message).toContain(store.path);
		expect(readFileSync(store.path, 'utf8')).toBe(before);
		const reopened = new ProfileStore({cwd: home});
		expect(reopened.names()).toEqual(['one', 'three', 'two']);
		expect(reopened.active).toBe('two');
		expect(readdirSync(home).filter(name => name.endsWith('.tmp') || name.endsWith('.lock'))).toEqual([]);
		// And with no room even for the lock, it says so just as plainly.
		unfill(small.folder!);
		fill(small.folder!);
		try {
			expect(() => reopened.save(profile('four'))).toThrow(/could not save the profile store: cannot take the lock .*: the disk is full \(ENOSPC\); the saved profiles are unchanged$/);
		} finally {
			unfill(small.folder!);
		}

		expect(readFileSync(store.path, 'utf8')).toBe(before);
		reopened.save(profile('four', 'x'.repeat(64 * 1024)));
		expect(new ProfileStore({cwd: home}).names()).toEqual(['four', 'one', 'three', 'two']);
	});

	it.skipIf(!small.folder)('on a real 256 KB tmpfs: the history keeps its older runs and leaves no half-written entry', async () => {
		const directory = path.join(small.folder!, 'history');
		await saveRun(record('first') as never, {directory, limit: 5});
		fill(small.folder!);
		try {
			await expect(saveRun(record('second') as never, {directory, limit: 5})).rejects.toThrow(/disk is full/);
		} finally {
			unfill(small.folder!);
		}

		const names = readdirSync(directory);
		expect(names).toHaveLength(1);
		expect(JSON.parse(readFileSync(path.join(directory, names[0]!), 'utf8')).runId).toBe('first');
	});

	it('with an injected short write (the disk takes half, then no more): the old store is kept and the temp file removed', async () => {
		const home = await temporary();
		const store = new ProfileStore({cwd: home});
		store.save(profile('kept'));
		const before = readFileSync(store.path, 'utf8');
		const modes: number[] = [];
		setStoreWriteHookForTests((fd, data, offset, length) => {
			modes.push(fstatSync(fd).mode & 0o777);
			return offset === 0 ? writeSync(fd, data, offset, Math.floor(length / 2)) : 0;
		});
		try {
			expect(() => store.save(profile('new'))).toThrow(/the disk is full \(ENOSPC\) while writing the temporary file/);
		} finally {
			setStoreWriteHookForTests(undefined);
		}

		expect(modes[0]).toBe(0o600);
		expect(readFileSync(store.path, 'utf8')).toBe(before);
		expect(readdirSync(home).filter(name => name.endsWith('.tmp'))).toEqual([]);
		expect(new ProfileStore({cwd: home}).names()).toEqual(['kept']);
	});
});

describe('a corrupt, unreadable or locked store', () => {
	it('a corrupt store is reported with its real path and one real backup, however often it is read', async () => {
		const home = await temporary();
		const file = path.join(home, 'profiles.json');
		writeFileSync(file, '{"profiles": {"a": ');
		const messages: string[] = [];
		for (let attempt = 0; attempt < 3; attempt++) {
			try {
				new ProfileStore({cwd: home}).names();
			} catch (error) {
				messages.push((error as Error).message);
			}
		}

		expect(messages).toHaveLength(3);
		const backups = readdirSync(home).filter(name => name.startsWith('profiles.json.corrupt-'));
		expect(backups).toHaveLength(1);
		expect(readFileSync(path.join(home, backups[0]!), 'utf8')).toBe('{"profiles": {"a": ');
		expect(messages[0]).toBe(`${file}: the profile store cannot be read (${messages[0]!.match(/\((.*?)\); it was/)![1]}); it was left as is and copied to ${path.join(home, backups[0]!)}; fix the JSON or move the file away`);
		expect(() => new ProfileStore({cwd: home}).save(profile('b'))).toThrow(/cannot be read/);
		expect(readFileSync(file, 'utf8')).toBe('{"profiles": {"a": ');
	});

	it.skipIf(Boolean(permissionSkip))(`a permission problem is called that, not corruption or another process${permissionSkip ? ` (skipped: ${permissionSkip})` : ''}`, async () => {
		const home = await temporary();
		new ProfileStore({cwd: home}).save(profile('mine'));
		chmodSync(home, 0o700);
		const script = `import('${path.resolve('dist/source/targets/profiles.js')}').then(({ProfileStore}) => { try { new ProfileStore({cwd: ${JSON.stringify(home)}}).names(); } catch (error) { console.log(error.message); } try { new ProfileStore({cwd: ${JSON.stringify(home)}}).save({name: 'x', baseline: {url: 'http://a'}, candidate: {url: 'http://b'}}); } catch (error) { console.log(error.message); } })`;
		let output: string;
		if (process.getuid?.() === 0) {
			// Root reads everything: ask as nobody instead.
			chownSync(home, 0, 0);
			output = (await execa('node', ['-e', script], {uid: 65_534, gid: 65_534, reject: false})).stdout;
		} else {
			chmodSync(home, 0o000);
			output = (await execa('node', ['-e', script], {reject: false})).stdout;
			chmodSync(home, 0o700);
		}

		const [read, save] = output.split('\n');
		expect(read).toMatch(/cannot read the profile store: permission denied \(EACCES\)/);
		expect(save).toMatch(/permission/);
		expect(output).not.toMatch(/corrupt|another litellm-parity process/);
	});

	it('a lock left by a crashed save is taken back at once when its owner is gone', async () => {
		const home = await temporary();
		const store = new ProfileStore({cwd: home});
		store.save(profile('before'));
		const dead = await execa('node', ['-e', 'console.log(process.pid)']);
		mkdirSync(`${store.path}.lock`);
		writeFileSync(`${store.path}.lock/owner.json`, JSON.stringify({pid: Number(dead.stdout), host: hostname(), at: new Date().toISOString()}));
		writeFileSync(path.join(home, `.profiles.json.${dead.stdout}.${hostname().replaceAll(/[^\w-]/g, '_')}.0badf00d.tmp`), '{"leftover": "sk-leftover-key-123456"}');
		store.save(profile('after'));
		expect(new ProfileStore({cwd: home}).names()).toEqual(['after', 'before']);
		expect(existsSync(`${store.path}.lock`)).toBe(false);
		expect(readdirSync(home).filter(name => name.endsWith('.tmp'))).toEqual([]);
	});

	it('a lock held by a live process is waited for, then reported with its owner', async () => {
		const home = await temporary();
		const store = new ProfileStore({cwd: home});
		mkdirSync(`${store.path}.lock`, {recursive: true});
		writeFileSync(`${store.path}.lock/owner.json`, JSON.stringify({pid: process.ppid, host: hostname(), at: '2026-01-01T00:00:00.000Z'}));
		expect(() => store.save(profile('blocked'))).toThrow(new RegExp(`another litellm-parity process \\(pid ${process.ppid} on .*\\) is saving`));
	}, 20_000);
});

describe('profiles that are odd or broken', () => {
	it('valueOf, toString, __proto__ and constructor are just names', async () => {
		const home = await temporary();
		const store = new ProfileStore({cwd: home});
		expect(store.get('toString')).toBeUndefined();
		expect(store.get('constructor')).toBeUndefined();
		for (const name of ['valueOf', 'toString', '__proto__']) store.save(profile(name, `named ${name}`));
		const reopened = new ProfileStore({cwd: home});
		expect(reopened.names()).toEqual(['__proto__', 'toString', 'valueOf']);
		expect(reopened.get('__proto__')!.description).toBe('named __proto__');
		expect(reopened.delete('toString')).toBe(true);
		expect(new ProfileStore({cwd: home}).names()).toEqual(['__proto__', 'valueOf']);
		expect(({} as {description?: string}).description).toBeUndefined();
	});

	it('one bad profile does not hide the others from `profiles list`', async () => {
		const home = await temporary();
		writeFileSync(path.join(home, 'profiles.json'), JSON.stringify({profiles: {good: profile('good', 'the good one'), bad: {name: 'bad', baseline: {url: 1}}, also: profile('also', 'another good one')}}));
		let out = '';
		const io = {stdout: {write: (text: string) => (out += text)}, stderr: {write: () => true}} as never;
		expect(await profilesCommand('list', undefined, {}, io, new ProfileStore({cwd: home}))).toBe(0);
		expect(out).toMatch(/good\s+saved\s+the good one/);
		expect(out).toMatch(/also\s+saved\s+another good one/);
		expect(out).toMatch(/bad\s+saved\s+\(cannot be used: .*profiles\.bad\.baseline/);
	});
});
