// The testbed's one entry point. The testbed is what the tool is tried against, not the tool: the embedded
// LiteLLM-like simulator, the mock OpenAI upstream, the MLflow stand-in, the container lab built from them, and the
// real pair (npm run real-pair, its own entry). The commands and the explorer wire it in through this module only;
// the core never imports it (npm run lint:layers checks both). The servers load on first use, so a run against real
// targets never loads the simulator.
import type {StandIns} from '../targets/open.js';
import type {SimulatorHandle, SimulatorOptions} from './simulator/index.js';

export type {SimulatorHandle, SimulatorOptions} from './simulator/index.js';
export {labDown} from './lab/down.js';
export {labNames} from './lab/names.js';
export {readLabState, type LabState} from './lab/state.js';
export {labUp} from './lab/up.js';
export {liveState} from './lab/live-state.js';

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
