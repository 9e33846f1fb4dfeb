// Probe kinds the engine can run. Kinds named in the check schema but not registered here are reported as skipped.
import type {ProbeKind} from '../catalog/schema.js';
import {execProbe} from './exec.js';
import {httpProbe} from './http.js';
import {loadProbe} from './load.js';
import {logsProbe} from './logs.js';
import {overheadProbe} from './overhead.js';
import {otlpProbe} from './otlp.js';
import {prometheusProbe} from './prometheus.js';
import {restartProbe} from './restart.js';
import {pairRoutes, routesProbe} from './routes.js';
import {routingProbe} from './routing.js';
import {sequenceProbe} from './sequence.js';
import {sseProbe} from './sse.js';
import {statsProbe} from './stats.js';
import {tlsProbe} from './tls.js';
import type {Observation} from '../domain.js';
import type {Probe} from './types.js';

const probes = new Map<ProbeKind, Probe>([
	['http', httpProbe],
	['sse', sseProbe],
	['sequence', sequenceProbe],
	['routing', routingProbe],
	['prometheus', prometheusProbe],
	['otlp', otlpProbe],
	['load', loadProbe],
	['overhead', overheadProbe],
	['exec', execProbe],
	['logs', logsProbe],
	['tls', tlsProbe],
	['restart', restartProbe],
	['stats', statsProbe],
	['routes', routesProbe],
]);

/** Probes whose two observations are only meaningful together (route lists: dropped vs added) align them here. */
export type PairStep = (baseline: Observation, candidate: Observation) => {skip?: string; baseline: Observation; candidate: Observation};
const pairSteps = new Map<ProbeKind, PairStep>([['routes', pairRoutes]]);

export function pairStepFor(kind: ProbeKind): PairStep | undefined {
	return pairSteps.get(kind);
}

export function registerProbe(kind: ProbeKind, probe: Probe): void {
	probes.set(kind, probe);
}

export function probeFor(kind: ProbeKind): Probe | undefined {
	return probes.get(kind);
}

/** Probe kinds whose answers can be sampled twice for noise without side effects. */
export const noiseSafeKinds: ReadonlySet<ProbeKind> = new Set(['http', 'sse']);
