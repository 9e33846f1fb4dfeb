import {describe, expect, it, vi} from 'vitest';
import {call, chatBody, masterKey, start} from './helpers.js';

const authError = (message: string) => ({error: {message, type: 'auth_error', param: 'None', code: '401'}});

describe('auth (§1.2)', () => {
	it('answers the exact 401 body when no key is sent', async () => {
		const sim = await start();
		const answer = await call(sim, '/v1/models', {key: null});
		expect(answer.status).toBe(401);
		expect(answer.json).toEqual(authError('Authentication Error, No api key passed in.'));
	});

	it('reports an Authorization header without Bearer as malformed', async () => {
		const sim = await start();
		const answer = await call(sim, '/v1/models', {key: null, headers: {authorization: masterKey}});
		expect(answer.status).toBe(401);
		expect(answer.json).toEqual(authError('Authentication Error, Malformed API Key passed in. Ensure Key has `Bearer ` prefix.'));
	});

	it('masks a key that does not start with sk-', async () => {
		const sim = await start();
		const answer = await call(sim, '/v1/models', {key: 'invalid-key'});
		expect(answer.status).toBe(401);
		expect(answer.json).toEqual(authError("Authentication Error, LiteLLM Virtual Key expected. Received=inva****-key, expected to start with 'sk-'."));
		expect(answer.text).not.toContain('invalid-key');
	});

	it('refuses an unknown sk- key with the token-not-found message', async () => {
		const sim = await start();
		const answer = await call(sim, '/v1/chat/completions', {key: 'sk-unknown-key-0000', json: chatBody()});
		expect(answer.status).toBe(401);
		expect(answer.json.error.message).toContain('Invalid proxy server token passed');
		expect(answer.json.error.message).toContain('Unable to find token in cache or LiteLLM_VerificationTokenTable');
		expect(answer.json.error.code).toBe('401');
		expect(answer.json.error.type).toBe('auth_error');
		// Auth fails before the LLM call starts: no x-litellm headers.
		expect(answer.headers['x-litellm-call-id']).toBeUndefined();
	});

	it('answers "No connected db." for an sk- key when the DB is off', async () => {
		const sim = await start({db: false});
		const answer = await call(sim, '/v1/models', {key: 'sk-some-virtual-key'});
		expect(answer.status).toBe(401);
		expect(answer.json).toEqual(authError('Authentication Error, No connected db.'));
	});

	it('checks the key headers in LiteLLM order, the first present winning', async () => {
		const sim = await start();
		const ok = async (headers: Record<string, string>) => (await call(sim, '/v1/models', {key: null, headers})).status;
		expect(await ok({'x-litellm-api-key': `Bearer ${masterKey}`})).toBe(200);
		expect(await ok({'x-litellm-api-key': masterKey})).toBe(200);
		// x-litellm-api-key overrides a bad Authorization…
		expect(await ok({'x-litellm-api-key': masterKey, authorization: 'Bearer sk-wrong'})).toBe(200);
		// …and a bad x-litellm-api-key is not rescued by a good Authorization.
		expect(await ok({'x-litellm-api-key': 'sk-wrong', authorization: `Bearer ${masterKey}`})).toBe(401);
		expect(await ok({authorization: `bearer ${masterKey}`})).toBe(200);
		expect(await ok({authorization: `Basic ${masterKey}`})).toBe(200);
		expect(await ok({'api-key': masterKey})).toBe(200);
		expect(await ok({'x-api-key': masterKey})).toBe(200);
		expect(await ok({'x-goog-api-key': masterKey})).toBe(200);
		expect(await ok({'ocp-apim-subscription-key': masterKey})).toBe(200);
		// Authorization comes before API-Key: a malformed Authorization wins over a good API-Key.
		expect(await ok({authorization: masterKey, 'api-key': masterKey})).toBe(401);
		// API-Key comes before x-api-key.
		expect(await ok({'api-key': 'sk-wrong', 'x-api-key': masterKey})).toBe(401);
	});

	it('lets public routes through without a key, even with an invalid one', async () => {
		const sim = await start();
		for (const path of ['/routes', '/', '/health/liveliness', '/health/liveness', '/health/readiness', '/test', '/.well-known/litellm-ui-config', '/litellm/.well-known/litellm-ui-config', '/public/model_hub']) {
			expect((await call(sim, path, {key: null})).status, path).toBe(200);
			expect((await call(sim, path, {key: 'not-a-key'})).status, path).toBe(200);
		}

		// /metrics is a mount at /metrics/ (307 there), public too.
		expect((await call(sim, '/metrics', {key: null})).status).toBe(307);
		expect((await call(sim, '/metrics/', {key: null})).status).toBe(200);

		// /config/yaml is public too: without a body FastAPI's 422, not a 401.
		expect((await call(sim, '/config/yaml', {key: null})).status).toBe(422);
	});

	it('treats every caller as admin when no master key is configured', async () => {
		const sim = await start({masterKey: undefined});
		expect((await call(sim, '/v1/models', {key: null})).status).toBe(200);
		expect((await call(sim, '/key/generate', {key: 'garbage', json: {}})).status).toBe(200);
	});

	it('accepts virtual keys on LLM routes, keeps them off admin routes, and refuses them once deleted', async () => {
		const sim = await start();
		const created = await call(sim, '/key/generate', {json: {key_alias: 'ci'}});
		expect(created.status).toBe(200);
		const key: string = created.json.key;
		expect(key).toMatch(/^sk-/);
		expect((await call(sim, '/v1/chat/completions', {key, json: chatBody()})).status).toBe(200);
		expect((await call(sim, '/v1/models', {key})).status).toBe(200);
		const admin = await call(sim, '/key/generate', {key, json: {}});
		expect(admin.status).toBe(401);
		expect(admin.json.error.message).toContain('Only proxy admin can be used to generate, delete, update info for new keys/users/teams');
		expect((await call(sim, '/key/delete', {json: {keys: [key]}})).status).toBe(200);
		const refused = await call(sim, '/v1/chat/completions', {key, json: chatBody()});
		expect(refused.status).toBe(401);
		expect(refused.json.error.message).toContain('Invalid proxy server token passed');
	});

	it('accepts the key made by /user/new', async () => {
		const sim = await start();
		const user = await call(sim, '/user/new', {json: {user_email: 'ada@example.com'}});
		expect(user.status).toBe(200);
		expect((await call(sim, '/v1/chat/completions', {key: user.json.key, json: chatBody()})).status).toBe(200);
	});

	it('enforces a key model list and budget like user_api_key_auth', async () => {
		const sim = await start();
		const limited = (await call(sim, '/key/generate', {json: {models: ['text-embedding-3-small']}})).json.key;
		const denied = await call(sim, '/v1/chat/completions', {key: limited, json: chatBody()});
		expect(denied.status).toBe(401);
		expect(denied.json.error.type).toBe('key_model_access_denied');
		const models = await call(sim, '/v1/models', {key: limited});
		expect(models.json.data.map((model: {id: string}) => model.id)).toEqual(['text-embedding-3-small']);
		// A key without its own list inherits its team's.
		await call(sim, '/team/new', {json: {team_id: 'embedders', models: ['text-embedding-3-small']}});
		const teamKey = (await call(sim, '/key/generate', {json: {team_id: 'embedders'}})).json.key;
		const teamDenied = await call(sim, '/v1/chat/completions', {key: teamKey, json: chatBody()});
		expect(teamDenied.status).toBe(401);
		expect(teamDenied.json.error.type).toBe('team_model_access_denied');
		expect((await call(sim, '/v1/embeddings', {key: teamKey, json: {model: 'text-embedding-3-small', input: 'x'}})).status).toBe(200);
		const broke = (await call(sim, '/key/generate', {json: {max_budget: 0}})).json.key;
		const over = await call(sim, '/v1/chat/completions', {key: broke, json: chatBody()});
		expect(over.status).toBe(400);
		expect(over.json.error).toMatchObject({type: 'budget_exceeded', code: '400'});
	});

	it('refuses an expired key with type expired_key', async () => {
		const sim = await start();
		const key = (await call(sim, '/key/generate', {json: {duration: '1s'}})).json.key;
		expect((await call(sim, '/v1/models', {key})).status).toBe(200);
		// Only the clock is faked (timers and sockets stay real): two seconds later the key has expired.
		vi.useFakeTimers({toFake: ['Date'], now: Date.now() + 2000});
		try {
			const answer = await call(sim, '/v1/models', {key});
			expect(answer.status).toBe(401);
			expect(answer.json.error.type).toBe('expired_key');
		} finally {
			vi.useRealTimers();
		}
	});
});
