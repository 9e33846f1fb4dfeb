// A server that leaks on purpose: it echoes the key and the extra headers it receives (every x-* header) back in its
// bodies, headers, error messages and stream chunks — as is (plain) or in other forms (other case, base64, reversed,
// split across chunks; a header's credential without its auth scheme) — so a run against it shows whether any output
// carries a secret. Paths may come under a prefix (/gw/NAME/…), as a gateway's do.
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';

export type EchoStyle = 'plain' | 'variants';

export function echoForms(value: string): Record<string, string> {
	return {
		upper: value.toUpperCase(),
		lower: value.toLowerCase(),
		reversed: [...value].reverse().join(''),
		base64: Buffer.from(value).toString('base64'),
		base64url: Buffer.from(`xx${value}`).toString('base64url'),
		basic: Buffer.from(`user:${value}`).toString('base64'),
		bearerBase64: Buffer.from(`Bearer ${value}`).toString('base64'),
	};
}

export async function echoServer(style: EchoStyle) {
	const server = createServer((request, response) => {
		let body = '';
		request.setEncoding('utf8');
		request.on('data', chunk => (body += chunk));
		request.on('end', () => {
			const key = (request.headers.authorization ?? '').replace(/^Bearer /, '');
			const token = String(request.headers['x-gateway-token'] ?? '');
			const echo = (value: string) => (style === 'plain' ? value : echoForms(value));
			// Every other x-* header; the variants side drops an auth scheme (Bearer …) and echoes the credential alone.
			const extra = Object.entries(request.headers)
				.filter(([name]) => name.startsWith('x-') && name !== 'x-gateway-token')
				.map(([name, value]) => [name, style === 'plain' ? String(value) : String(value).replace(/^(Bearer|Basic|Token) /i, '')] as [string, string]);
			const path = (request.url ?? '').split('?')[0]!.replace(/^\/gw\/[^/]+/, '');
			if (path === '/v1/models') {
				response.writeHead(200, {
					'content-type': 'application/json',
					'x-echo-key': style === 'plain' ? key : key.toUpperCase(),
					'x-echo-token': style === 'plain' ? token : echoForms(token).base64,
					...Object.fromEntries(extra.map(([name, value]) => [`x-echo-${name}`, style === 'plain' ? value : echoForms(value).upper])),
				});
				response.end(JSON.stringify({object: 'list', data: [{id: 'gpt-4o-mini', object: 'model'}], echo: {key: echo(key), token: echo(token), headers: Object.fromEntries(extra.map(([name, value]) => [name, echo(value)]))}}));
				return;
			}

			if (path === '/v1/chat/completions' && body.includes('"stream":true')) {
				response.writeHead(200, {'content-type': 'text/event-stream'});
				const frame = (text: string) => `data: ${JSON.stringify({object: 'chat.completion.chunk', choices: [{index: 0, delta: {content: text}}]})}\n\n`;
				// The key split across chunks at different places on each side.
				const cuts = style === 'plain' ? [4, 13] : [7, 17];
				const pieces = ['Your key: ', key.slice(0, cuts[0]), key.slice(cuts[0], cuts[1]), key.slice(cuts[1]), ' and token: ', token.slice(0, 9), token.slice(9), ' end'];
				for (const [name, value] of extra) pieces.push(` ${name}: `, value.slice(0, cuts[1]), value.slice(cuts[1]));
				response.end(pieces.map(frame).join('') + 'data: [DONE]\n\n');
				return;
			}

			response.writeHead(401, {'content-type': 'application/json'});
			const others = extra.map(([name, value]) => ` ${name}=${style === 'plain' ? value : [...value].reverse().join('')}`).join('');
			response.end(JSON.stringify({error: {message: `Authentication Error, invalid key ${style === 'plain' ? key : key.toLowerCase()} (token ${token})${others}`, type: 'auth_error', code: '401'}}));
		});
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		close: () => new Promise<void>(resolve => server.close(() => resolve())),
	};
}
