// LLMRouter's own probes: /_health/live and /_health/ready (the container's HEALTHCHECK uses the first).
import type {Sim} from '../../context.js';
import type {Exchange} from '../../http/exchange.js';
import {sendJson} from '../../http/respond.js';
import type {RouteSpec} from '../../http/router.js';

const service = 'litellm-llmrouter';

function ready(exchange: Exchange, sim: Sim): void {
	// Only what is configured is checked: DATABASE_URL for the database, REDIS_HOST for redis.
	const checks: Record<string, unknown> = {
		drain_status: {status: 'healthy', draining: false, active_requests: Math.max(0, sim.inFlight - 1)},
		circuit_breakers: {status: 'healthy', breakers: {}},
		...(sim.db ? {database: {status: 'healthy'}} : {}),
		...(sim.cache ? {redis: {status: 'healthy'}} : {}),
		mcp_gateway: {status: 'healthy', servers: sim.candidate.mcpServers.size},
	};
	sendJson(exchange, 200, {status: 'ready', service, is_degraded: false, checks, request_id: exchange.requestId});
}

export const candidateHealthRoutes: RouteSpec[] = [
	{name: 'liveness_probe', methods: ['GET'], paths: ['/_health/live'], access: 'public', handle: exchange => sendJson(exchange, 200, {status: 'alive', service})},
	{name: 'readiness_probe', methods: ['GET'], paths: ['/_health/ready'], access: 'public', handle: ready},
];
