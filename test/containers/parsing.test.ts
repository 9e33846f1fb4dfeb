// The container layer's pure parts: what the runtime CLI and the images print, turned into facts and skip reasons.
import {execFileSync} from 'node:child_process';
import {symlinkSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {parse as parseYaml} from 'yaml';
import type {CliResult} from '../../source/containers/cli.js';
import {executableMissing} from '../../source/containers/exec-outcome.js';
import {detectInit, parseCmdline} from '../../source/containers/init-process.js';
import {planDisposableCopy} from '../../source/containers/disposable-copy.js';
import {parseInspect, stateProblem} from '../../source/containers/inspect.js';
import {parseStatsOutput, splitTimestamps} from '../../source/containers/runtime.js';
import {classifyLogLines} from '../../source/containers/log-format.js';
import {describeOs, parseOsRelease} from '../../source/containers/os-release.js';
import {scanText} from '../../source/containers/secret-scan.js';
import {parseSize, parseStatsSample} from '../../source/containers/stats-sample.js';
import {firstTarEntry} from '../../source/containers/tar-entry.js';
import {unavailableReason} from '../../source/containers/unavailable.js';
import {labChatModel, labMockResponse, litellmConfig} from '../../source/testbed/lab/litellm-config.js';
import {countUpstreamCalls} from '../../source/testbed/lab/upstream-calls.js';
import {tempFolder} from '../helpers/temp-folder.js';

function cli(partial: Partial<CliResult>): CliResult {
	return {runtime: 'docker', args: ['exec'], stdout: '', stderr: '', timedOut: false, cancelled: false, durationMs: 1, ...partial};
}

describe('causes from the runtime CLI', () => {
	it('names a missing CLI, a daemon that is down, a missing, paused or stopped container in plain words', () => {
		expect(unavailableReason(cli({spawnError: 'ENOENT'}))).toBe('docker: command not found');
		expect(unavailableReason(cli({runtime: 'podman', spawnError: 'ENOENT'}))).toBe('podman: command not found');
		expect(unavailableReason(cli({exitCode: 1, stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n'}))).toBe(
			'cannot connect to the Docker daemon: the engine is down (Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?)',
		);
		expect(unavailableReason(cli({exitCode: 1, stderr: 'Error response from daemon: No such container: lab-x\n'}), 'lab-x')).toBe('container lab-x does not exist (docker)');
		expect(unavailableReason(cli({exitCode: 1, stderr: 'Error: No such object: lab-x\n'}), 'lab-x')).toBe('container lab-x does not exist (docker)');
		expect(unavailableReason(cli({exitCode: 1, stderr: 'Error response from daemon: Container 3f2a is not running\n'}), 'lab-x')).toBe('container lab-x is not running (docker)');
		expect(unavailableReason(cli({exitCode: 1, stderr: 'Error response from daemon: Container 3f2a is paused, unpause the container before exec\n'}), 'lab-x')).toBe('container lab-x is paused (docker)');
		expect(unavailableReason(cli({exitCode: 0, stdout: 'root\n'}), 'lab-x')).toBeUndefined();
	});

	it('counts exit 126 and 127 and the OCI "executable file not found" text as a missing program', () => {
		const oci = 'OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown';
		expect(executableMissing({command: ['sh'], exitCode: 126, stdout: oci, stderr: ''})).toBe(true);
		expect(executableMissing({command: ['sh'], exitCode: 127, stdout: '', stderr: 'sh: not found'})).toBe(true);
		expect(executableMissing({command: ['sh'], exitCode: 1, stdout: '', stderr: oci})).toBe(true);
		expect(executableMissing({command: ['cat', '/x'], exitCode: 1, stdout: '', stderr: 'cat: /x: No such file or directory'})).toBe(false);
		expect(executableMissing({command: ['sh'], exitCode: 0, stdout: 'ok', stderr: ''})).toBe(false);
	});
});

describe('facts from what the images print', () => {
	it('reads /etc/os-release with quoted and bare values', () => {
		const release = parseOsRelease('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n# comment\n');
		expect(release.ID).toBe('debian');
		expect(describeOs(release)).toBe('Debian GNU/Linux 12 (bookworm)');
		expect(describeOs(parseOsRelease('ID=wolfi\nNAME="Wolfi"\n'))).toBe('Wolfi');
	});

	it('finds the init in PID 1 through interpreters', () => {
		expect(detectInit(parseCmdline('/usr/bin/tini\0--\0/app/entrypoint.sh\0--config\0/app/config/config.yaml\0'))).toBe('tini');
		expect(detectInit(['/usr/bin/python3', '/usr/bin/supervisord', '-c', '/etc/supervisord.conf'])).toBe('supervisord');
		expect(detectInit(['/usr/bin/python3', '/usr/bin/litellm', '--port', '4000'])).toBe('litellm');
		expect(detectInit(['/bin/sh', '-c', 'litellm --port 4000'])).toBe('litellm');
		expect(detectInit([])).toBeUndefined();
	});

	it('turns docker stats strings into MiB and percent', () => {
		expect(parseSize('12.5MiB')).toBe(12.5);
		expect(parseSize('1GiB')).toBe(1024);
		expect(parseSize('512KiB')).toBe(0.5);
		expect(parseStatsSample({MemUsage: '28.9MiB / 23.54GiB', CPUPerc: '0.32%', PIDs: '7'})).toEqual({memoryMiB: 28.9, memoryLimitMiB: 23.54 * 1024, cpuPercent: 0.32, pids: 7});
		expect(parseStatsSample({MemUsage: '--', CPUPerc: '--'})).toBeUndefined();
	});

	it('normalises inspect from Docker (arrays) and Podman (strings)', () => {
		const docker = parseInspect(JSON.stringify([{Id: 'abc', Name: '/lab', State: {Running: true, Pid: 42}, Config: {User: 'litellm', Entrypoint: ['/usr/bin/tini', '--'], Cmd: ['--port', '4000']}}]));
		expect(docker).toMatchObject({name: 'lab', running: true, pid: 42, user: 'litellm', entrypoint: ['/usr/bin/tini', '--'], cmd: ['--port', '4000']});
		const podman = parseInspect(JSON.stringify([{Id: 'abc', Name: 'lab', State: {Running: false, Pid: 0}, Config: {User: '', Entrypoint: '/usr/bin/tini --', Cmd: null}}]));
		expect(podman).toMatchObject({user: '', entrypoint: ['/usr/bin/tini', '--'], cmd: []});
		expect(parseInspect('not json')).toBeUndefined();
	});

	it('says why a container\'s state rules out looking inside: paused, stopped (with its exit), restarting, never started', () => {
		const state = (State: Record<string, unknown>) => parseInspect(JSON.stringify([{Id: 'a', Name: '/lab-c', State, Config: {}}]))!;
		expect(stateProblem(state({Status: 'running', Running: true}), 'docker')).toBeUndefined();
		// Docker reports a paused container as Running: true, Paused: true.
		expect(stateProblem(state({Status: 'paused', Running: true, Paused: true}), 'docker')).toMatch(/^container lab-c \(docker\) is paused/);
		expect(stateProblem(state({Status: 'exited', Running: false, ExitCode: 137, FinishedAt: '2026-11-29T15:00:01.123Z'}), 'docker')).toBe(
			'container lab-c (docker) is stopped (exited with exit code 137 at 2026-11-29T15:00:01Z); start it to check it',
		);
		expect(stateProblem(state({Status: 'restarting', Restarting: true, ExitCode: 1}), 'docker')).toMatch(/is restarting \(exit code 1\): it keeps crashing/);
		expect(stateProblem(state({Status: 'created', Running: false, FinishedAt: '0001-01-01T00:00:00Z'}), 'podman')).toBe('container lab-c (podman) was created but never started');
		// Podman: Status "paused" without a Paused flag.
		expect(stateProblem(state({Status: 'paused', Running: false}), 'podman')).toMatch(/is paused/);
	});

	it('reads stats from Docker (an object per line) and Podman (one pretty-printed array)', () => {
		expect(parseStatsOutput('{"MemUsage":"12MiB / 1GiB","CPUPerc":"0.50%"}\n')).toEqual({MemUsage: '12MiB / 1GiB', CPUPerc: '0.50%'});
		const podman = '[\n {\n  "id": "3f2a",\n  "name": "lab",\n  "cpu_percent": "1.25%",\n  "mem_usage": "48.3MB / 24.3GB",\n  "pids": "11"\n }\n]\n';
		const sample = parseStatsOutput(podman)!;
		expect(parseStatsSample(sample)).toMatchObject({cpuPercent: 1.25, pids: 11});
		expect(parseStatsSample(sample)!.memoryMiB).toBeCloseTo(46.06, 1);
		expect(parseStatsOutput('')).toBeUndefined();
		expect(parseStatsOutput('[]')).toBeUndefined();
	});

	it('splits `logs --timestamps` lines into time and text, numbering lines per stream', () => {
		const lines = splitTimestamps('2026-11-29T15:40:01.123456789Z boot: ready\n2026-11-29T15:40:02.5Z GET /health\nno time here\n', 'stderr');
		expect(lines).toEqual([
			{stream: 'stderr', number: 1, at: '2026-11-29T15:40:01.123456789Z', text: 'boot: ready'},
			{stream: 'stderr', number: 2, at: '2026-11-29T15:40:02.5Z', text: 'GET /health'},
			{stream: 'stderr', number: 3, text: 'no time here'},
		]);
	});

	it('plans a disposable copy of a container: same image and configuration, its port on a free loopback port, mounts read-only', () => {
		const raw = {
			Name: '/my-proxy',
			Config: {Image: 'ghcr.io/x/litellm:1', User: 'litellm', WorkingDir: '/app', Env: ['LITELLM_MASTER_KEY=sk-secret-value-123456', 'PATH=/usr/bin'], Entrypoint: ['/usr/bin/tini', '--', 'litellm'], Cmd: ['--port', '4000'], ExposedPorts: {'4000/tcp': {}}, Labels: {}},
			HostConfig: {NetworkMode: 'my-net', Init: false, Memory: 1073741824},
			NetworkSettings: {Ports: {'4000/tcp': [{HostIp: '127.0.0.1', HostPort: '4123'}]}, Networks: {'my-net': {}}},
			Mounts: [{Type: 'bind', Source: '/srv/config.yaml', Destination: '/app/config.yaml'}],
		};
		const plan = planDisposableCopy(raw, 4123);
		if ('problem' in plan) throw new Error(plan.problem);
		expect(plan.name).toMatch(/^my-proxy-parity-coldstart-[0-9a-f]{6}$/);
		expect(plan.containerPort).toBe('4000/tcp');
		expect(plan.args).toEqual([
			'run', '-d', '--name', plan.name, '--label', 'io.litellm-parity.disposable=my-proxy',
			'--user', 'litellm', '--workdir', '/app', '--memory', '1073741824', '--network', 'my-net',
			'-v', '/srv/config.yaml:/app/config.yaml:ro', '-p', '127.0.0.1::4000',
			'--entrypoint', '/usr/bin/tini', 'ghcr.io/x/litellm:1', '--', 'litellm', '--port', '4000',
		]);
		// The key goes to an env file, never onto a command line.
		expect(plan.args.join(' ')).not.toContain('sk-secret');
		expect(plan.envFile).toBe('LITELLM_MASTER_KEY=sk-secret-value-123456\nPATH=/usr/bin\n');
		expect(planDisposableCopy({...raw, HostConfig: {NetworkMode: 'host'}}, 4123)).toEqual({problem: "my-proxy uses the host's network: a copy could not listen on the same port beside it"});
		expect(planDisposableCopy({...raw, Config: {...raw.Config, ExposedPorts: {'4000/tcp': {}, '9090/tcp': {}}}}, 9999)).toEqual({problem: 'cannot tell which port of my-proxy serves the target URL (no published port 9999)'});
	});

	it('reads the first entry of a tar stream, files and links alike', () => {
		const folder = tempFolder('litellm-parity-tar-');
		writeFileSync(path.join(folder, 'os-release'), 'ID=debian\n');
		symlinkSync('../usr/lib/os-release', path.join(folder, 'link'));
		const file = firstTarEntry(execFileSync('tar', ['-C', folder, '-cf', '-', 'os-release']));
		expect(file).toMatchObject({name: 'os-release', type: 'file'});
		expect(file?.content.toString()).toBe('ID=debian\n');
		expect(firstTarEntry(execFileSync('tar', ['-C', folder, '-cf', '-', 'link']))).toMatchObject({type: 'symlink', linkName: '../usr/lib/os-release'});
		expect(firstTarEntry(Buffer.alloc(1024))).toBeUndefined();
	});

	it('tells JSON log lines from plain text', () => {
		expect(classifyLogLines('{"level":"INFO","message":"a"}\n{"level":"INFO","message":"b"}\n')).toEqual({lines: 2, jsonLines: 2, format: 'json', structured: true});
		expect(classifyLogLines('INFO:     Started server process [7]\nINFO:     Uvicorn running\n')).toMatchObject({format: 'text', structured: false});
		expect(classifyLogLines('')).toMatchObject({lines: 0, format: 'none', structured: false});
	});
});

describe('secret scan', () => {
	const key = 'sk-profile-master-key-0123456789';
	const canary = 'sk-parity-canary-abcdef0123456789abcdef01';

	it('finds known secrets and key-like values, and reports them only masked', () => {
		const log = [
			'INFO: GET /v1/models 200',
			`DEBUG: headers={"authorization":"Bearer ${key}"}`,
			`WARNING: rejected key ${canary}`,
			'ERROR: provider said: invalid api_key=abcd1234efgh5678ijkl',
			'INFO: masked already sk-****6789',
			'INFO: AWS AKIAABCDEFGHIJKLMNOP in use',
		].join('\n');
		const findings = scanText(log, 'stdout', [{label: 'profile key', value: key}, {label: 'canary key', value: canary}]);
		expect(findings.map(finding => [finding.what, finding.line])).toEqual([
			['profile key', 2],
			['canary key', 3],
			['key assignment pattern', 4],
			['AWS access key pattern', 6],
		]);
		const text = JSON.stringify(findings);
		expect(text).not.toContain(key);
		expect(text).not.toContain(canary);
		expect(text).not.toContain('abcd1234efgh5678ijkl');
		expect(findings[0]!.masked).toBe('sk-****6789');
		expect(findings[0]!.excerpt).toContain('Bearer sk-****6789');
	});

	it('finds nothing in a clean log', () => {
		expect(scanText('INFO: 127.0.0.1 - "GET /v1/models?key=**** HTTP/1.1" 200\n', 'stderr', [{label: 'profile key', value: key}])).toEqual([]);
	});
});

describe('the lab\'s mock upstream', () => {
	it('generated LiteLLM config: the chat model calls the upstream without mock_response, the rest answer through it', () => {
		const config = parseYaml(litellmConfig('http://litellm-parity-lab-upstream:4000')) as {model_list: Array<{model_name: string; litellm_params: Record<string, string>}>; general_settings: Record<string, string>};
		const [chat, ...rest] = config.model_list;
		expect(chat).toEqual({model_name: labChatModel, litellm_params: {model: `openai/${labChatModel}`, api_base: 'http://litellm-parity-lab-upstream:4000/v1', api_key: 'fake-provider-key-for-the-mock-upstream'}});
		expect(rest.map(model => model.model_name)).toEqual(['gpt-3.5-turbo-instruct', 'text-embedding-3-small']);
		for (const model of rest) expect(model.litellm_params.mock_response).toBe(labMockResponse);
		expect(config.general_settings.master_key).toBe('os.environ/LITELLM_MASTER_KEY');
	});

	it('counts chat calls per caller address from the upstream\'s log', () => {
		const log = [
			'mock-upstream: listening on 0.0.0.0:4000, latency 5 ms',
			'mock-upstream: 172.20.0.1 GET /health',
			'mock-upstream: 172.20.0.1 POST /v1/chat/completions',
			'mock-upstream: 172.20.0.3 POST /v1/chat/completions',
			'mock-upstream: 172.20.0.3 POST /v1/chat/completions',
			'mock-upstream: 172.20.0.4 POST /v1/embeddings',
			'',
		].join('\n');
		expect(countUpstreamCalls(log)).toEqual({total: 3, byAddress: {'172.20.0.1': 1, '172.20.0.3': 2}});
	});
});
