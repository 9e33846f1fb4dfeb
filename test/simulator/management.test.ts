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
	it('answers every management endpoint with the exact no-DB errors of LiteLLM 1.81.13', async () => {
		const sim = await start({db: false});
		const info = 'Database not connected. Connect a database to your proxy - https://docs.litellm.ai/docs/simple_proxy#managing-auth---virtual-keys';
		const common = 'DB not connected. See https://docs.litellm.ai/docs/proxy/virtual_keys';
		// Measured on the pinned real proxy without DATABASE_URL: [method, path, body, status, answer].
		const measured: Array<[string, string, unknown, number, unknown]> = [
			['POST', '/key/generate', {}, 500, {error: {message: `{'error': '${common}'}`, type: 'internal_server_error', param: 'None', code: '500'}}],
			['GET', '/key/info?key=sk-x', undefined, 500, {error: {message: `Internal Server Error, ${info}`, type: 'internal_server_error', param: 'None', code: '500'}}],
			['POST', '/key/update', {key: 'sk-x'}, 400, {error: {message: 'Authentication Error, Not connected to DB!', type: 'auth_error', param: 'None', code: '400'}}],
			['POST', '/key/delete', {keys: ['sk-x']}, 500, {error: {message: 'Internal Server Error, Not connected to DB!', type: 'internal_server_error', param: 'None', code: '500'}}],
			['GET', '/key/list', undefined, 500, {error: {message: 'Authentication Error, Database not connected', type: 'internal_server_error', param: 'None', code: '500'}}],
			['POST', '/user/new', {}, 400, {error: {message: common, type: 'internal_server_error', param: 'None', code: '400'}}],
			['GET', '/user/info?user_id=x', undefined, 500, {error: {message: `Internal Server Error, ${info}`, type: 'internal_server_error', param: 'None', code: '500'}}],
			['POST', '/user/delete', {user_ids: ['x']}, 500, {detail: {error: 'No db connected'}}],
			['POST', '/team/new', {}, 500, {error: {message: "{'error': 'No db connected'}", type: 'internal_server_error', param: 'None', code: '500'}}],
			['GET', '/team/info?team_id=x', undefined, 500, {error: {message: `{'error': '${info}'}`, type: 'auth_error', param: 'None', code: '500'}}],
			['GET', '/team/list', undefined, 400, {detail: {error: common}}],
			['POST', '/team/delete', {team_ids: ['x']}, 500, {detail: {error: 'No db connected'}}],
			['GET', '/spend/logs', undefined, 500, {error: {message: `/spend/logs Error${info}`, type: 'internal_error', param: 'None', code: '500'}}],
			['GET', '/global/spend', undefined, 500, {error: {message: "{'error': 'No db connected'}", type: 'internal_error', param: 'None', code: '500'}}],
		];
		for (const [method, path, json, status, body] of measured) {
			const answer = await call(sim, path, {method, ...(json === undefined ? {} : {json})});
			expect(answer.status, `${method} ${path}`).toBe(status);
			expect(answer.json, `${method} ${path}`).toEqual(body);
		}

		// LLM routes still work with the master key.
		expect((await call(sim, '/v1/chat/completions', {json: chatBody()})).status).toBe(200);
	});
});
