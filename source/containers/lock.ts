// A per-container readers/writer lock inside this process: a restart (writer) never overlaps another container
// probe of the same container (readers: exec, logs, stats), so idle figures are never sampled mid-restart.

type State = {readers: number; writer: boolean; waiting: Array<{exclusive: boolean; wake: () => void}>};

const states = new Map<string, State>();

function stateFor(key: string): State {
	let state = states.get(key);
	if (!state) {
		state = {readers: 0, writer: false, waiting: []};
		states.set(key, state);
	}

	return state;
}

function pump(key: string, state: State): void {
	while (state.waiting.length > 0) {
		const next = state.waiting[0]!;
		if (next.exclusive ? state.writer || state.readers > 0 : state.writer) break;
		state.waiting.shift();
		if (next.exclusive) state.writer = true;
		else state.readers++;
		next.wake();
		if (next.exclusive) break;
	}

	if (!state.writer && state.readers === 0 && state.waiting.length === 0) states.delete(key);
}

export async function withContainerLock<T>(key: string, exclusive: boolean, work: () => Promise<T>): Promise<T> {
	const state = stateFor(key);
	await new Promise<void>(wake => {
		state.waiting.push({exclusive, wake});
		pump(key, state);
	});
	try {
		return await work();
	} finally {
		if (exclusive) state.writer = false;
		else state.readers--;
		pump(key, state);
	}
}
