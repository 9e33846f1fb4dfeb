import path from 'node:path';
import {mkdtemp} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {execa} from 'execa';
import {afterAll, beforeAll, it} from 'vitest';
import {startPortkey, startStrictUpstream, type Running, type StrictUpstream} from './portkey.js';

let upstream: StrictUpstream;
let a: Running;
let b: Running;
beforeAll(async () => {
	upstream = await startStrictUpstream(['gpt-4o-mini', 'text-embedding-3-small', 'gpt-3.5-turbo-instruct', 'dall-e-3', 'whisper-1', 'tts-1']);
	[a, b] = await Promise.all([startPortkey('current'), startPortkey(process.env.OTHER === '1.9' ? '1.9' : 'current')]);
}, 60_000);
afterAll(async () => Promise.all([a?.close(), b?.close(), upstream?.close()]));

it('explore', async () => {
	const cli = path.resolve('dist/source/cli.js');
	const h = (side: string) => [`--${side}-header`, 'x-portkey-provider: openai', `--${side}-header`, `x-portkey-custom-host: ${upstream.url}/v1`];
	const extra = (process.env.ARGS ?? '').split(' ').filter(Boolean);
	const result = await execa('node', [cli, 'run', '--baseline', a.url, '--candidate', b.url, ...h('baseline'), ...h('candidate'), '--key', 'sk-client', '--no-history', ...extra], {reject: false, env: {LITELLM_PARITY_HOME: await mkdtemp(path.join(tmpdir(), 'h-'))}});
	console.log(result.stdout, result.stderr, result.exitCode);
}, 300_000);
