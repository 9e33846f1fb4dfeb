// Polls both targets' liveness (in the engine host) for the header's health dots while targets are open. Only a
// change of what the dots show reaches the store, so an idle explorer is never redrawn by the poll.
import {useEffect, type Dispatch} from 'react';
import {sides} from '../../domain.js';
import type {HealthInfo, OpenedInfo} from '../host/protocol.js';
import type {Action} from '../model/reducer.js';

export const healthIntervalMs = 5000;

export function useHealth(opened: OpenedInfo | undefined, poll: () => Promise<HealthInfo | undefined>, dispatch: Dispatch<Action>, intervalMs = healthIntervalMs): void {
	useEffect(() => {
		if (!opened) return;
		let stopped = false;
		let timer: NodeJS.Timeout | undefined;
		const once = async () => {
			const health = await poll().catch(() => undefined);
			if (stopped) return;
			for (const side of sides) {
				const liveness = health?.[side];
				if (liveness) dispatch({type: 'health', side, liveness});
			}

			timer = setTimeout(once, intervalMs);
		};

		void once();
		return () => {
			stopped = true;
			if (timer) clearTimeout(timer);
		};
	}, [opened, poll, dispatch, intervalMs]);
}
