import {describe, expect, it} from 'vitest';
import {call, chatBody, masterKey, start} from './helpers.js';
import {createHash} from 'node:crypto';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('keys, users, teams and spend (§5)', () => {
	it('generates, reads, updates, lists and deletes keys', async () => {
		const sim = await start();
		const created = await call(sim, '/key/generate', {json: {key_alias: 'ci-key', models: ['gpt-4o-mini'], max_budget: 5, metadata: {team: 'qa'}}});
		expect(created.status).toBe(200);
		const key: string = created.json.key;
		expect(created.json).toMatchObject({key_alias: 'ci-key', models: ['gpt-4o-mini'], max_budget: 5, key_name: `sk-...${key.slice(-4)}`, token: sha(key), expires: null});
		const info = await call(sim, `/key/info?key=${key}`);
		expect(info.json.key).toBe(key);
		expect(info.json.info).toMatchObject({key_alias: 'ci-key', spend: 0, max_budget: 5});
		expect(info.json.info).not.toHaveProperty('token');
		// A virtual key may read its own info (no key query = the caller's key).
		expect((await call(sim, '/key/info', {key})).json.info.key_alias).toBe('ci-key');
		const updated = await call(sim, '/key/update', {json: {key, key_alias: 'renamed', max_budget: 9}});
		expect(updated.json).toMatchObject({key, key_alias: 'renamed', max_budget: 9});
		expect((await call(sim, `/key/info?key=${key}`)).json.info.key_alias).toBe('renamed');
		const listed = await call(sim, '/key/list');
		expect(listed.json.keys).toContain(sha(key));
		expect(listed.json.keys).toContain(sha(masterKey));
		expect(listed.json).toMatchObject({current_page: 1, total_count: 2});
		expect((await call(sim, '/key/delete', {json: {keys: [key]}})).json).toEqual({deleted_keys: [key]});
		expect((await call(sim, `/key/info?key=${key}`)).status).toBe(404);
		expect((await call(sim, '/key/update', {json: {key_alias: 'no key'}})).status).toBe(422);
		expect((await call(sim, '/key/generate', {body: ''})).status).toBe(422);
	});

	it('creates a user with a key, reads it, and deletes user and key together', async () => {
		const sim = await start();
		const user = await call(sim, '/user/new', {json: {user_id: 'ada', user_email: 'ada@example.com', user_role: 'internal_user'}});
		expect(user.status).toBe(200);
		expect(user.json).toMatchObject({user_id: 'ada', user_email: 'ada@example.com', user_role: 'internal_user', teams: [], models: []});
		expect(user.json.key).toMatch(/^sk-/);
		const info = await call(sim, '/user/info?user_id=ada');
		expect(info.json.user_id).toBe('ada');
		expect(info.json.user_info.user_email).toBe('ada@example.com');
		expect(info.json.keys).toHaveLength(1);
		const badRole = await call(sim, '/user/new', {json: {user_role: 'wizard'}});
		expect(badRole.status).toBe(422);
		expect((await call(sim, '/user/delete', {json: {user_ids: ['ada']}})).status).toBe(200);
		expect((await call(sim, '/v1/models', {key: user.json.key})).status).toBe(401);
	});

	it('creates a team with the caller as admin, refuses a duplicate id, reads and deletes it', async () => {
		const sim = await start();
		const team = await call(sim, '/team/new', {json: {team_id: 'qa', team_alias: 'Quality'}});
		expect(team.status).toBe(200);
		expect(team.json).toMatchObject({team_id: 'qa', team_alias: 'Quality', spend: 0, blocked: false, admins: ['default_user_id']});
		expect(team.json.members_with_roles).toEqual([{role: 'admin', user_id: 'default_user_id', user_email: null}]);
		const duplicate = await call(sim, '/team/new', {json: {team_id: 'qa'}});
		expect(duplicate.status).toBe(400);
		expect(duplicate.json.error.message).toContain('Team id = qa already exists');
		const info = await call(sim, '/team/info?team_id=qa');
		expect(info.json).toMatchObject({team_id: 'qa', team_info: {team_alias: 'Quality'}, keys: []});
		expect((await call(sim, '/team/delete', {json: {team_ids: ['qa']}})).status).toBe(200);
		expect((await call(sim, '/team/info?team_id=qa')).status).toBe(404);
	});

	it('logs spend rows for calls and filters them by api_key', async () => {
		const sim = await start({cache: false});
		const key = (await call(sim, '/key/generate', {json: {}})).json.key;
		const other = (await call(sim, '/key/generate', {json: {}})).json.key;
		const chat = await call(sim, '/v1/chat/completions', {key, json: chatBody({max_tokens: 4})});
		await call(sim, '/v1/embeddings', {key, json: {model: 'text-embedding-3-small', input: 'x'}});
		await call(sim, '/v1/chat/completions', {key: other, json: chatBody()});
		const rows = (await call(sim, `/spend/logs?api_key=${key}`)).json;
		expect(rows).toHaveLength(2);
		expect(rows[0]).toMatchObject({request_id: chat.headers['x-litellm-call-id'], api_key: sha(key), call_type: 'acompletion', model: 'gpt-4o-mini', cache_hit: 'False', completion_tokens: 4});
		expect(rows[0].spend).toBeCloseTo(Number(chat.headers['x-litellm-response-cost']), 12);
		expect((await call(sim, `/spend/logs?api_key=${sha(other)}`)).json).toHaveLength(1);
		// A virtual key only sees its own rows.
		expect((await call(sim, '/spend/logs', {key: other})).json).toHaveLength(1);
		const total = (await call(sim, '/global/spend')).json;
		expect(total.spend).toBeGreaterThan(0);
	});
});

describe('without a database (§7)', () => {
	it('answers every management endpoint with the exact no-DB errors', async () => {
		const sim = await start({db: false});
		const expectA = async (path: string, options: Parameters<typeof call>[2], message: string) => {
			const answer = await call(sim, path, options);
			expect(answer.status, path).toBe(500);
			expect(answer.json.error.message, path).toBe(message);
			expect(answer.json.error.code, path).toBe('500');
		};

		const generate = 'Connect Proxy to database to generate keys - https://docs.litellm.ai/docs/proxy/virtual_keys ';
		const info = 'Database not connected. Connect a database to your proxy - https://docs.litellm.ai/docs/simple_proxy#managing-auth---virtual-keys';
		await expectA('/key/generate', {json: {}}, generate);
		await expectA('/user/new', {json: {}}, generate);
		await expectA(`/key/info?key=sk-x`, {}, info);
		await expectA('/user/info?user_id=x', {}, info);
		await expectA('/spend/logs', {}, `/spend/logs Error${info}`);
		await expectA('/team/new', {json: {}}, "{'error': 'No db connected'}");
		const global = await call(sim, '/global/spend');
		expect(global.status).toBe(500);
		expect(global.json).toEqual({detail: {error: 'No db connected'}});
		// LLM routes still work with the master key.
		expect((await call(sim, '/v1/chat/completions', {json: chatBody()})).status).toBe(200);
	});
});
