// One request through the simulator: request id, CORS, route match (404/405/307), injected latency, auth, the
// handler, and the error answer when anything was thrown.
import type {IncomingMessage, ServerResponse} from 'node:http';
import {authenticate} from './auth/authenticate.js';
import {authenticateControlPlane} from './auth/control-plane.js';
import type {Sim} from './context.js';
import {sleep} from './context.js';
import {applyCors} from './http/cors.js';
import {detailError, HttpError, notFound, proxyError} from './http/errors.js';
import {Exchange} from './http/exchange.js';
import {sendJson} from './http/respond.js';
import type {RouteSpec} from './http/router.js';
import {exportSpan, keyLabels, requestFacts} from './llm/call.js';

const exceptionClasses: Record<number, string> = {
	400: 'BadRequestError',
	401: 'AuthenticationError',
	403: 'PermissionDeniedError',
	404: 'NotFoundError',
	408: 'Timeout',
	422: 'UnprocessableEntityError',
	429: 'RateLimitError',
	500: 'InternalServerError',
	503: 'ServiceUnavailableError',
};

function isAbort(error: unknown): boolean {
	return error instanceof Error && error.name === 'AbortError';
}

export async function dispatch(req: IncomingMessage, res: ServerResponse, sim: Sim): Promise<void> {
	const exchange = new Exchange(req, res);
	sim.inFlight++;
	res.once('close', () => {
		sim.inFlight--;
		const client = `${req.socket.remoteAddress ?? '127.0.0.1'}:${req.socket.remotePort ?? 0}`;
		sim.log.access(client, exchange.method, req.url ?? '/', res.statusCode, exchange.requestId);
	});
	if (sim.options.personality === 'candidate') {
		exchange.requestId = exchange.header('x-request-id') || sim.rng.uuid();
		res.setHeader('x-request-id', exchange.requestId);
	}

	res.setHeader('server', 'uvicorn');
	let spec: RouteSpec | undefined;
	try {
		if (applyCors(exchange)) return;
		const found = sim.routes.lookup(exchange.method, exchange.path);
		// LLM handlers add the latency themselves, so cache hits can skip it; every other answer waits here.
		if (!('match' in found && found.match.spec.llm)) await sleep(sim, sim.options.latencyMs);
		if ('notFound' in found) throw notFound();
		if ('allowed' in found) throw detailError(405, 'Method Not Allowed', {allow: found.allowed.join(', ')});
		if ('redirect' in found) {
			// Starlette's redirect_slashes: an absolute URL built from the Host header.
			const host = exchange.header('host') ?? `${sim.options.host}:${req.socket.localPort ?? 0}`;
			res.writeHead(307, {location: `http://${host}${found.redirect}${exchange.url.search}`, 'content-length': '0'});
			res.end();
			return;
		}

		spec = found.match.spec;
		exchange.params = found.match.params;
		exchange.routeName = spec.name;
		if (spec.access === 'control-plane') authenticateControlPlane(exchange, sim);
		else if (spec.access !== 'public') exchange.principal = authenticate(exchange, sim, spec.access);
		await spec.handle(exchange, sim);
	} catch (error) {
		await answerError(exchange, sim, spec, error);
	}
}

async function answerError(exchange: Exchange, sim: Sim, spec: RouteSpec | undefined, error: unknown): Promise<void> {
	const {res} = exchange;
	if (isAbort(error) || sim.signal.aborted) {
		res.destroy();
		return;
	}

	const message = error instanceof Error ? error.message : String(error);
	const httpError = error instanceof HttpError ? error : proxyError(500, `Internal Server Error, ${message}`, {type: 'internal_server_error'});
	if (!(error instanceof HttpError)) sim.log.line('ERROR', `Unhandled error in ${exchange.routeName}: ${message}`);
	exchange.failure = {status: httpError.status, exceptionClass: exceptionClasses[httpError.status] ?? 'ProxyException'};
	if (spec?.llm) {
		recordLlmFailure(exchange, sim, httpError);
		// Errors of LLM routes wait the injected latency too, unless the upstream work already did.
		if (!exchange.latencyPaid && !res.headersSent) {
			try {
				await sleep(sim, sim.options.latencyMs);
			} catch {
				res.destroy();
				return;
			}
		}
	}

	// A failure after the headers went out (mid-stream) can only end the answer.
	if (res.headersSent) {
		res.end();
		return;
	}

	sendJson(exchange, httpError.status, httpError.body, {...(spec?.llm ? exchange.answerHeaders : {}), ...httpError.headers});
}

function recordLlmFailure(exchange: Exchange, sim: Sim, error: HttpError): void {
	const call = exchange.llmCall;
	const message = (error.body as {error?: {message?: string}}).error?.message;
	if (error.status >= 500 || error.status === 429) sim.log.line('ERROR', `litellm.proxy.proxy_server.${exchange.routeName}(): Exception occured - ${message ?? error.status}`);
	sim.metrics?.record({
		labels: keyLabels(exchange, sim, exchange.requestedModel ?? 'None'),
		deployment: call?.deployment,
		status: error.status,
		exceptionClass: exchange.failure?.exceptionClass,
		totalSeconds: (performance.now() - exchange.startedAt) / 1000,
		...requestFacts(exchange),
	});
	if (call) exportSpan(exchange, sim, call, Date.now(), message ?? String(error.status));
}
