// LLMRouter's admin_api_key_auth for its control plane (reload, agent registration, cache admin): a separate key
// set (ADMIN_API_KEYS), fail-closed when none is configured, errors in FastAPI's {"detail":{…}} envelope.
import type {Sim} from '../context.js';
import {detailError} from '../http/errors.js';
import type {Exchange} from '../http/exchange.js';

export function authenticateControlPlane(exchange: Exchange, sim: Sim): void {
	const requestId = exchange.requestId;
	if (sim.options.adminKeys.length === 0) {
		throw detailError(403, {
			error: 'control_plane_not_configured',
			message: 'Admin API keys are not configured. Set ADMIN_API_KEYS to use control-plane endpoints.',
			request_id: requestId,
		});
	}

	const authorization = exchange.header('authorization');
	const presented = exchange.header('x-admin-api-key') ?? (authorization?.startsWith('Bearer ') ? authorization.slice(7) : undefined);
	if (!presented) {
		throw detailError(401, {error: 'admin_key_required', message: 'Admin API key required. Provide X-Admin-API-Key header.', request_id: requestId});
	}

	if (!sim.options.adminKeys.includes(presented)) {
		throw detailError(401, {error: 'invalid_admin_key', message: 'Invalid admin API key.', request_id: requestId});
	}
}
