// Everything the LLMRouter container adds to LiteLLM's app (contract §12.2); the baseline answers 404 on all of it.
import type {RouteSpec} from '../../http/router.js';
import {a2aRoutes} from './a2a.js';
import {cacheAdminRoutes} from './cache-admin.js';
import {controlRoutes} from './control.js';
import {candidateHealthRoutes} from './health.js';
import {mcpRoutes} from './mcp.js';

export const candidateRoutes: RouteSpec[] = [...candidateHealthRoutes, ...a2aRoutes, ...controlRoutes, ...mcpRoutes, ...cacheAdminRoutes];
