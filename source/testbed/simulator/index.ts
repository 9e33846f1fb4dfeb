// The embedded LiteLLM-like simulator: a real HTTP server that answers like a stock LiteLLM proxy ("baseline") or
// like the LiteLLM + LLMRouter container ("candidate"), for demos, tests and a mock upstream. See docs/SIMULATOR.md.
import {deliberateGaps as gapList, type DeliberateGap} from './gaps.js';
import {resolveOptions, type SimulatorOptions} from './options.js';
import {startServer, type SimulatorHandle} from './server.js';

export type {Personality, SimulatorOptions} from './options.js';
export type {SimulatorHandle} from './server.js';
export type {DeliberateGap} from './gaps.js';

/** The candidate's planted differences (on by default for the candidate; `gaps: false` removes them). */
export const deliberateGaps: ReadonlyArray<DeliberateGap> = gapList;

export async function startSimulator(options: SimulatorOptions): Promise<SimulatorHandle> {
	return startServer(resolveOptions(options));
}
