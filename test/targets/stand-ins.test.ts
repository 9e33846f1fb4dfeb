// The targets layer starts no stand-in of its own: a profile's `embedded:`, `upstream: embedded` and
// `mlflowUrl: embedded` go through the StandIns it is given (the testbed's, from the commands and the explorer), and
// without them the profile is refused with the field named. The real testbed's stand-ins answer and are stopped by close().
import {request} from 'undici';
import {describe, expect, it} from 'vitest';
import {ConfigError} from '../../source/errors.js';
import {openTargets, type StandIns} from '../../source/targets/open.js';
import {profileSchema} from '../../source/targets/profile-schema.js';
import {standIns} from '../../source/testbed/index.js';

const demoLike = profileSchema.parse({
	name: 'stand-ins',
	baseline: {embedded: 'baseline', key: 'sk-stand-in-key-1', upstream: 'embedded', mlflowUrl: 'embedded'},
	candidate: {url: 'http://127.0.0.1:9'},
});

describe('openTargets and the stand-ins', () => {
	it('refuses an embedded target when no stand-ins are given, naming the field', async () => {
		const refused = await openTargets(demoLike).catch((error: unknown) => error);
		expect(refused).toBeInstanceOf(ConfigError);
		expect((refused as ConfigError).message).toMatch(/profile 'stand-ins' baseline\.(upstream|embedded|mlflowUrl)/);
	});

	it('starts exactly what the profile asks for through the given stand-ins, and close() stops each', async () => {
		const calls: string[] = [];
		const fake = (name: string) => async () => {
			calls.push(`start ${name}`);
			return {url: `http://127.0.0.1:1/${name}`, close: async () => void calls.push(`close ${name}`)};
		};
		const recording: StandIns = {
			simulator: async requested => {
				calls.push(`start simulator ${requested.personality} key=${requested.masterKey === 'sk-stand-in-key-1'} upstream=${requested.upstream}`);
				return {url: 'http://127.0.0.1:1', close: async () => void calls.push('close simulator')};
			},
			upstream: fake('upstream'),
			mlflow: fake('mlflow'),
		};
		const opened = await openTargets(demoLike, {standIns: recording});
		expect(opened.targets.baseline.url).toBe('http://127.0.0.1:1');
		expect(opened.targets.baseline.mlflow).toBe('http://127.0.0.1:1/mlflow');
		await opened.close();
		expect(calls).toEqual(['start upstream', 'start mlflow', 'start simulator baseline key=true upstream=http://127.0.0.1:1/upstream', 'close simulator', 'close mlflow', 'close upstream']);
	});

	it("the testbed's stand-ins are real servers, stopped by close()", async () => {
		const opened = await openTargets(demoLike, {standIns});
		const {baseline} = opened.targets;
		const readiness = await request(`${baseline.url}/health/readiness`);
		expect(readiness.statusCode).toBe(200);
		await readiness.body.dump();
		const mlflow = await request(`${baseline.mlflow}/health`);
		expect(mlflow.statusCode).toBe(200);
		await mlflow.body.dump();
		await opened.close();
		await expect(request(`${baseline.url}/health/readiness`)).rejects.toThrow();
	});
});
