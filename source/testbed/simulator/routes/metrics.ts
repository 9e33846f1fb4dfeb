// §8 /metrics: Prometheus text, a mount (so /routes leaves it out), public as in v1.81. LiteLLM 1.81.13 mounts it at
// /metrics/, so /metrics answers 307 there (FastAPI's redirect_slashes).
import type {Sim} from '../context.js';
import type {Exchange} from '../http/exchange.js';
import {sendBody} from '../http/respond.js';
import type {RouteSpec} from '../http/router.js';

async function metrics(exchange: Exchange, sim: Sim): Promise<void> {
	if (!sim.metrics) return;
	sendBody(exchange, 200, await sim.metrics.render(), sim.metrics.contentType);
}

export const metricsRoutes: RouteSpec[] = [{name: 'metrics', methods: ['GET'], paths: ['/metrics/'], access: 'public', mount: true, handle: metrics}];
