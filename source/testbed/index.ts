// The testbed's one entry point. The testbed is what the tool is tried against, not the tool: the embedded
// LiteLLM-like simulator, the mock OpenAI upstream, the MLflow stand-in, the container lab built from them, and the
// real pair (npm run real-pair, its own entry). The commands and the explorer wire it in through this module only;
// the core never imports it (npm run lint:layers checks both). Everything but the names loads on first use, so a run
// against real targets loads none of it.
import type {RuntimeKind} from '../containers/cli.js';
import type {StandIns} from '../targets/open.js';
import type {LabDownOptions, LabDownResult} from './lab/down.js';
import type {LabState} from './lab/state.js';
import type {LabUpOptions} from './lab/up.js';
import type {SimulatorHandle, SimulatorOptions} from './simulator/index.js';

export type {SimulatorHandle, SimulatorOptions} from './simulator/index.js';
export type {LabState} from './lab/state.js';
export {labNames} from './lab/names.js';

/** `lab up`: builds (or pulls) the images and starts the lab's three containers; see lab/up.ts. */
export async function labUp(options: LabUpOptions): Promise<LabState> {
	return (await import('./lab/up.js')).labUp(options);
}

/** `lab down`: removes exactly what `lab up` created; see lab/down.ts. */
export async function labDown(options: LabDownOptions): Promise<LabDownResult> {
	return (await import('./lab/down.js')).labDown(options);
}

export async function readLabState(home: string, lab: string): Promise<LabState | undefined> {
	return (await import('./lab/state.js')).readLabState(home, lab);
}

/** What one lab container is doing now, in one phrase. */
export async function liveState(runtime: RuntimeKind, container: string, readinessUrl?: string): Promise<string> {
	return (await import('./lab/live-state.js')).liveState(runtime, container, readinessUrl);
}

/** `litellm-parity simulate` and the demo: one simulator, as a real HTTP server on the port asked for. */
export async function startSimulator(options: SimulatorOptions): Promise<SimulatorHandle> {
	const simulator = await import('./simulator/index.js');
	return simulator.startSimulator(options);
}

/** What a profile's `embedded:`, `upstream: embedded` and `mlflowUrl: embedded` start (the demo profile uses all three). */
export const standIns: StandIns = {
	simulator: options => startSimulator(options),
	async upstream() {
		const {startMockUpstream, embeddedUpstreamLatencyMs} = await import('./upstream/mock-openai.js');
		return startMockUpstream({latencyMs: embeddedUpstreamLatencyMs});
	},
	async mlflow() {
		const {startMockMlflow} = await import('./upstream/mock-mlflow.js');
		return startMockMlflow();
	},
};
