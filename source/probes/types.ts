// What every probe receives and returns. A probe runs one check against one target and reports an Observation.
import type {Check} from '../catalog/schema.js';
import type {Observation, Side, SideProgress} from '../domain.js';
import type {Profile} from '../targets/profile-schema.js';
import type {Target} from '../targets/target.js';
import type {PlaceholderScope} from './placeholders.js';

export type ProbeContext = {
	check: Check;
	side: Side;
	target: Target;
	profile: Profile;
	scope: PlaceholderScope;
	/** Aborted on cancel or on the check's timeout. */
	signal: AbortSignal;
	timeoutMs: number;
	maxBodyBytes: number;
	progress: (progress: SideProgress) => void;
	/** Extra fields merged into LLM request bodies (mock_response). */
	llmExtras?: Record<string, unknown>;
	/** How many latency samples to take (compare.latency.samples). */
	samples: number;
	/** When the run started (wall clock): the window a log scan must cover. */
	runStartedAt?: Date;
};

export type Probe = (context: ProbeContext) => Promise<Observation>;
