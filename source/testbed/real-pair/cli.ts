// npm run real-pair -- start|stop|status [--dir DIR] [--baseline-port N] [--candidate-port N]
// Starts (or stops) the real pair: redis-server, the mock OpenAI upstream and two real LiteLLM proxies.
import {parseArgs} from 'node:util';
import {defaultPairDir, readPairState, startRealPair, stopRealPair, type PairState} from './pair.js';
import {isAlive, RealPairError} from './processes.js';

const usage = 'usage: npm run real-pair -- start|stop|status [--dir DIR] [--baseline-port N] [--candidate-port N] [--timeout SECONDS]';

function describe(state: PairState): string {
	const alive = (pid: number) => (isAlive(pid) ? 'running' : 'NOT RUNNING');
	return [
		`baseline   ${state.baseline.url}   (pid ${state.baseline.pid}, ${alive(state.baseline.pid)}, log ${state.baseline.logPath})`,
		`candidate  ${state.candidate.url}   (pid ${state.candidate.pid}, ${alive(state.candidate.pid)}, log ${state.candidate.logPath})`,
		`upstream   ${state.upstream.url}   (pid ${state.upstream.pid}, ${alive(state.upstream.pid)})`,
		`redis      127.0.0.1:${state.redis.port}   (pid ${state.redis.pid}, ${alive(state.redis.pid)})`,
		`OTLP       the tool opens receivers on ${state.baseline.otlpPort} (baseline) and ${state.candidate.otlpPort} (candidate) during a run`,
		`profile    ${state.profilePath}`,
		`           node dist/source/cli.js run --profile-file ${state.profilePath}`,
	].join('\n');
}

function port(value: string | undefined, flag: string): number | undefined {
	if (value === undefined) return undefined;
	const number = Number(value);
	if (!Number.isInteger(number) || number < 1 || number > 65_535) throw new RealPairError(`${flag} ${value} is not a port (1–65535)`);
	return number;
}

async function main(): Promise<number> {
	const {positionals, values} = parseArgs({
		allowPositionals: true,
		options: {dir: {type: 'string'}, 'baseline-port': {type: 'string'}, 'candidate-port': {type: 'string'}, timeout: {type: 'string'}},
	});
	const dir = values.dir ?? defaultPairDir;
	switch (positionals[0]) {
		case 'start': {
			const timeout = values.timeout === undefined ? undefined : Number(values.timeout) * 1000;
			if (timeout !== undefined && !(timeout > 0)) throw new RealPairError(`--timeout ${values.timeout} is not a number of seconds`);
			const state = await startRealPair({dir, readinessTimeoutMs: timeout, ports: {baseline: port(values['baseline-port'], '--baseline-port'), candidate: port(values['candidate-port'], '--candidate-port')}});
			console.log(`real pair ready in ${state.startupSeconds} s (baseline ${state.baseline.readySeconds} s, candidate ${state.candidate.readySeconds} s to readiness)`);
			console.log(describe(state));
			return 0;
		}

		case 'stop': {
			const stopped = await stopRealPair(dir, {quiet: true});
			console.log(stopped.length > 0 ? `stopped ${stopped.join(', ')}` : `nothing to stop (no running pair recorded in ${dir})`);
			return 0;
		}

		case 'status': {
			const state = readPairState(dir);
			if (!state?.baseline) {
				console.log(`no real pair recorded in ${dir}`);
				return 1;
			}

			console.log(describe(state));
			return [state.baseline.pid, state.candidate.pid, state.upstream.pid, state.redis.pid].every(pid => isAlive(pid)) ? 0 : 1;
		}

		default:
			console.error(usage);
			return 2;
	}
}

main().then(
	code => process.exit(code),
	(error: unknown) => {
		console.error(`real-pair: ${error instanceof RealPairError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
		process.exit(error instanceof RealPairError ? 1 : 2);
	},
);
