// Feeds the traffic view: once asked for, starts the shadow proxy on the open targets (with the check files' compare
// rules and the profile's acknowledged differences) and hands its routes and recent differing exchanges to the store
// twice a second. A profile switch closes the proxy with the old targets; the next snapshot comes from the new one.
import {useEffect} from 'react';
import type {Catalog} from '../../catalog/catalog.js';
import {RouteRules} from '../../shadow/rules.js';
import type {Profile} from '../../targets/profile-schema.js';
import type {TargetPair} from '../../targets/target.js';
import type {Action} from '../model/reducer.js';
import type {Session} from '../session.js';

export const trafficIntervalMs = 500;

export function useTraffic(session: Session, wanted: boolean, targets: TargetPair | undefined, catalog: Catalog | undefined, profile: Profile | undefined, dispatch: (action: Action) => void, onError: (message: string) => void): void {
	useEffect(() => {
		if (!wanted || !targets || !catalog) return;
		let stopped = false;
		let timer: NodeJS.Timeout | undefined;
		session.shadow({rules: new RouteRules(catalog), expected: profile?.expected, candidateTimeoutMs: profile?.options.timeoutMs}).then(
			shadow => {
				if (stopped) return;
				const snapshot = () => {
					const routes = shadow.routes();
					const recent = Object.fromEntries(routes.map(route => [route.route, shadow.recent(route.route)]));
					dispatch({type: 'traffic-snapshot', snapshot: {url: shadow.url, totals: shadow.totals(), routes, recent}});
				};

				snapshot();
				timer = setInterval(snapshot, trafficIntervalMs);
				timer.unref?.();
			},
			(error: unknown) => {
				if (!stopped) onError(`cannot start the shadow proxy: ${(error as Error).message}`);
			},
		);
		return () => {
			stopped = true;
			if (timer) clearInterval(timer);
		};
	}, [session, wanted, targets, catalog]);
}
