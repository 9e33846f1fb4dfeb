// Read a run's events and hand them to the store in batches: at most one batch per frame (50 ms), so thousands of
// stream chunks cost a handful of renders. Start and end of a run go through at once.
import type {RunEvent} from '../../domain.js';
import type {Action} from './reducer.js';

export const frameMs = 50;

export async function consumeRun(events: AsyncIterable<RunEvent>, dispatch: (action: Action) => void, isCurrent: () => boolean = () => true, intervalMs = frameMs): Promise<void> {
	let buffer: RunEvent[] = [];
	let timer: NodeJS.Timeout | undefined;
	const flush = () => {
		if (timer) clearTimeout(timer);
		timer = undefined;
		if (buffer.length === 0) return;
		const batch = buffer;
		buffer = [];
		// A run on targets that were since replaced must not write into the new profile's matrix.
		if (isCurrent()) dispatch({type: 'run-events', events: batch});
	};

	try {
		for await (const event of events) {
			buffer.push(event);
			if (event.type === 'run-started' || event.type === 'run-finished') flush();
			else timer ??= setTimeout(flush, intervalMs);
		}
	} finally {
		flush();
	}
}
