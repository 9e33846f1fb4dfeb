// A server that misbehaves on purpose, one way per path — or, in good mode, answers every path properly — so a
// run can pit a well-behaved baseline against a hostile candidate.
import {createServer, type ServerResponse} from 'node:http';
import type {AddressInfo, Socket} from 'node:net';

export const hostilePaths = ['reset', 'hang', 'drip', 'endless', 'invalid-json', 'huge', 'html', 'redirect', 'wrong-type'] as const;

/** Answers that arrive whole and parse, but whose value is the attack: walked, stored and shown by the tool. */
export const hostileValuePaths = ['deep', 'big-strings', 'escapes'] as const;

/** Title change, screen clear, an OSC 52 clipboard write and an 8-bit CSI, inside otherwise ordinary text. */
export const terminalAttack = '\u001B]0;pwned-title\u0007\u001B[2J\u001B[3J\u001B]52;c;cHduZWQ=\u0007\u009B31mred\u202Eevil';

/** A JSON answer nested this deep (JSON.parse copes; a recursive walker overflows its stack). */
export const deepLevels = 20_000;

function hostileValue(name: string): string | undefined {
	switch (name) {
		case 'deep':
			return `{"ok":true,"nest":${'['.repeat(deepLevels)}${']'.repeat(deepLevels)}}`;
		case 'big-strings': {
			// About 7 MB: seventy strings of 100 KB, under the default 8 MB body cap.
			const big = JSON.stringify('x'.repeat(100 * 1024));
			return `{"ok":true,"data":[${Array.from({length: 70}, () => big).join(',')}]}`;
		}

		case 'escapes':
			return JSON.stringify({ok: true, message: `hello ${terminalAttack} world`, [terminalAttack]: 'key'});
		default:
			return undefined;
	}
}

export async function hostileServer(mode: 'hostile' | 'good') {
	const sockets = new Set<Socket>();
	const timers = new Set<NodeJS.Timeout>();
	let openRequests = 0;
	const every = (ms: number, action: () => void) => {
		const timer = setInterval(action, ms);
		timers.add(timer);
		return timer;
	};

	const sse = (response: ServerResponse) => response.writeHead(200, {'content-type': 'text/event-stream; charset=utf-8'});
	const server = createServer((request, response) => {
		openRequests++;
		response.on('close', () => openRequests--);
		const name = (request.url ?? '').replace(/^\/hostile\//, '').split('?')[0]!;
		request.resume();
		const value = mode === 'hostile' ? hostileValue(name) : undefined;
		if (value !== undefined) {
			response.writeHead(200, {'content-type': 'application/json'}).end(value);
			return;
		}

		if (mode === 'good') {
			if (name === 'drip' || name === 'endless') {
				sse(response);
				response.end('data: {"choices":[{"index":0,"delta":{"content":"ok"}}]}\n\ndata: [DONE]\n\n');
			} else {
				response.writeHead(200, {'content-type': 'application/json'}).end('{"ok":true}');
			}

			return;
		}

		switch (name) {
			case 'reset':
				response.writeHead(200, {'content-type': 'application/json', 'content-length': '1000'});
				response.write('{"ok":tr');
				setTimeout(() => response.socket?.destroy(), 20);
				break;
			case 'hang':
				response.writeHead(200, {'content-type': 'application/json'});
				response.flushHeaders();
				break;
			case 'drip': {
				sse(response);
				const frame = 'data: {"choices":[{"index":0,"delta":{"content":"slow"}}]}\n\n';
				let index = 0;
				const timer = every(1000, () => response.write(frame[index++ % frame.length]!));
				response.on('close', () => clearInterval(timer));
				break;
			}

			case 'endless': {
				sse(response);
				const timer = every(10, () => response.write('data: {"choices":[{"index":0,"delta":{"content":"more "}}]}\n\n'));
				response.on('close', () => clearInterval(timer));
				break;
			}

			case 'invalid-json':
				response.writeHead(200, {'content-type': 'application/json'}).end('{"ok": tru');
				break;
			case 'huge': {
				response.writeHead(200, {'content-type': 'application/json'});
				const chunk = Buffer.alloc(1024 * 1024, 0x20);
				let sent = 0;
				const pump = () => {
					while (sent < 50 && response.write(chunk)) sent++;
					if (sent >= 50) response.end();
					else response.once('drain', pump);
				};

				response.write('{"padding":"');
				pump();
				break;
			}

			case 'html':
				response.writeHead(200, {'content-type': 'text/html'}).end('<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>');
				break;
			case 'redirect':
				response.writeHead(302, {location: request.url}).end();
				break;
			case 'wrong-type':
				response.writeHead(200, {'content-type': 'text/plain'}).end('{"ok":true}');
				break;
			default:
				response.writeHead(404, {'content-type': 'application/json'}).end('{"detail":"Not Found"}');
		}
	});
	server.on('connection', socket => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		/** Requests whose response has not closed yet: after a run, nothing may be left hanging. */
		openRequests: () => openRequests,
		close: () =>
			new Promise<void>(resolve => {
				for (const timer of timers) clearInterval(timer);
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}
