// Starlette's CORSMiddleware as LiteLLM configures it: every origin, method and header, credentials allowed.
import type {Exchange} from './exchange.js';

const allowedMethods = 'DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT';

/** Answers a CORS preflight (before routing, like the middleware); otherwise adds the simple-response headers. */
export function applyCors(exchange: Exchange): boolean {
	const origin = exchange.header('origin');
	if (!origin) return false;
	const requestedMethod = exchange.header('access-control-request-method');
	if (exchange.method === 'OPTIONS' && requestedMethod) {
		const body = 'OK';
		exchange.res.writeHead(200, {
			vary: 'Origin',
			'access-control-allow-origin': origin,
			'access-control-allow-methods': allowedMethods,
			'access-control-max-age': '600',
			'access-control-allow-credentials': 'true',
			...(exchange.header('access-control-request-headers') ? {'access-control-allow-headers': exchange.header('access-control-request-headers')!} : {}),
			'content-type': 'text/plain; charset=utf-8',
			'content-length': String(body.length),
		});
		exchange.res.end(body);
		return true;
	}

	const hasCookie = exchange.header('cookie') !== undefined;
	exchange.res.setHeader('access-control-allow-origin', hasCookie ? origin : '*');
	exchange.res.setHeader('access-control-allow-credentials', 'true');
	if (hasCookie) exchange.res.setHeader('vary', 'Origin');
	return false;
}
