// Which models a virtual key may call: its own `models`, else its team's; empty or all-proxy-models means all.
import type {Sim} from '../context.js';
import type {KeyRow} from '../state/database.js';

export type ModelAccess = {models: string[]; source: 'key' | 'team'} | undefined;

/** Undefined when the key may call every model. */
export function modelAccess(sim: Sim, key: KeyRow): ModelAccess {
	const team = key.team_id ? sim.db?.teams.get(key.team_id) : undefined;
	const access: ModelAccess = key.models.length > 0 ? {models: key.models, source: 'key'} : team && team.models.length > 0 ? {models: team.models, source: 'team'} : undefined;
	return access && !access.models.includes('all-proxy-models') ? access : undefined;
}
