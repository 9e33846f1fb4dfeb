// A small JSON server for the benchmarks, run in its own process so it does not share the load generator's event loop.
// Usage: node scripts/bench-server.mjs [delayMs]  → prints the port on stdout.
import {createServer} from 'node:http';

const delayMs = Number(process.argv[2] ?? 0);
const body = JSON.stringify({id: 'chatcmpl-bench', object: 'chat.completion', choices: [{index: 0, message: {role: 'assistant', content: 'pong'}, finish_reason: 'stop'}]});
const server = createServer((request, response) => {
	request.resume();
	request.on('end', () => {
		const answer = () => response.writeHead(200, {'content-type': 'application/json', 'content-length': Buffer.byteLength(body)}).end(body);
		if (delayMs > 0) setTimeout(answer, delayMs);
		else answer();
	});
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
