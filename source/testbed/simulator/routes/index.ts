// Which routes a simulator serves: LiteLLM's for both personalities (in FastAPI registration order, which /routes
// shows), LLMRouter's additions on the candidate, and the deliberate gaps taken out.
import {hasGap} from '../gaps.js';
import type {RouteSpec} from '../http/router.js';
import type {ResolvedOptions} from '../options.js';
import {audioRoutes} from './audio.js';
import {batchRoutes} from './batches.js';
import {cacheRoutes} from './cache.js';
import {candidateRoutes} from './candidate/index.js';
import {chatRoutes} from './chat.js';
import {completionRoutes} from './completions.js';
import {discoveryRoutes} from './discovery.js';
import {embeddingRoutes} from './embeddings.js';
import {fileRoutes} from './files.js';
import {healthRoutes} from './health.js';
import {imageRoutes} from './images.js';
import {keyRoutes} from './keys.js';
import {baselineMcpRoutes} from './mcp.js';
import {metricsRoutes} from './metrics.js';
import {modelRoutes} from './models.js';
import {responsesRoutes} from './responses.js';
import {spendRoutes} from './spend.js';
import {teamRoutes} from './teams.js';
import {userRoutes} from './users.js';

export function routesFor(options: ResolvedOptions): RouteSpec[] {
	return [
		...discoveryRoutes,
		...modelRoutes,
		...chatRoutes,
		...completionRoutes,
		...embeddingRoutes,
		...imageRoutes,
		...audioRoutes,
		...responsesRoutes,
		...fileRoutes,
		...(hasGap(options, 'batches-missing') ? [] : batchRoutes),
		...healthRoutes,
		...keyRoutes,
		...userRoutes,
		...teamRoutes,
		...spendRoutes,
		...cacheRoutes,
		...(options.prometheus ? metricsRoutes : []),
		...(options.personality === 'candidate' ? candidateRoutes : baselineMcpRoutes),
	];
}
