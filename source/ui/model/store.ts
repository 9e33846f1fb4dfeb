// A tiny external store around the reducer. Async work (run consumers, key handlers) reads getState() and always
// sees the latest state, so no closure is ever stale; React subscribes through useSyncExternalStore. The store stamps
// every action with a fresh id and the time, so the reducer stays pure.
import {reducer, type Action} from './reducer.js';
import {initialState, type ExplorerState, type Stamp} from './state.js';

export type ExplorerStore = {
	getState(): ExplorerState;
	dispatch(action: Action): void;
	subscribe(listener: () => void): () => void;
};

export function createExplorerStore(state: ExplorerState = initialState(), clock: () => Date = () => new Date()): ExplorerStore {
	let current = state;
	let sequence = 0;
	const stamp = (): Stamp => ({id: ++sequence, at: clock().toISOString()});
	const listeners = new Set<() => void>();
	return {
		getState: () => current,
		dispatch(action) {
			const next = reducer(current, action, stamp());
			if (next === current) return;
			current = next;
			for (const listener of listeners) listener();
		},
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
}
