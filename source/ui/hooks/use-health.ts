// Polls both targets' liveness for the header's health dots while targets are open.
import {useEffect, type Dispatch} from 'react';
import {sides} from '../../domain.js';
import {checkLiveness} from '../../targets/health.js';
import type {TargetPair} from '../../targets/target.js';
import type {Action} from '../model/reducer.js';

export const healthIntervalMs = 5000;

export function useHealth(targets: TargetPair | undefined, dispatch: Dispatch<Action>, intervalMs = healthIntervalMs): void {
	useEffect(() => {
		if (!targets) return;
		const controller = new AbortController();
		let timer: NodeJS.Timeout | undefined;
		const poll = async () => {
			await Promise.all(
				sides.map(async side => {
					const liveness = await checkLiveness(targets[side], controller.signal);
					if (!controller.signal.aborted) dispatch({type: 'health', side, liveness});
				}),
			);
			if (!controller.signal.aborted) timer = setTimeout(poll, intervalMs);
		};

		void poll();
		return () => {
			controller.abort();
			if (timer) clearTimeout(timer);
		};
	}, [targets, dispatch, intervalMs]);
}
