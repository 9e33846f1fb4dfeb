// The real pair's small node process: the mock OpenAI upstream both proxies forward to, on the port it is given.
// Runs until SIGTERM. (The OTLP receivers are opened by each run of the tool on the ports the profile names.)
import {startMockUpstream} from '../upstream/mock-openai.js';

const port = Number(process.argv[2] ?? 0);
const latencyMs = Number(process.argv[3] ?? 20);
const upstream = await startMockUpstream({port, latencyMs});
console.log(`mock upstream listening on ${upstream.url} (pid ${process.pid})`);
const stop = () => {
	void upstream.close().then(() => process.exit(0));
};

process.on('SIGTERM', stop);
process.on('SIGINT', stop);
