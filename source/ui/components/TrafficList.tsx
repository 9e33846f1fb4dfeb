// The traffic view's list: one line per route of the shadow proxy (method and path template) with its verdict,
// requests, differing share, each side's p50/p95 latency and error share. The window follows the cursor.
import {Box, Text} from 'ink';
import React, {memo} from 'react';
import type {RouteSummary} from '../../shadow/route-stats.js';
import {fit, fitStart} from '../format.js';
import {orderedRoutes, percent, trafficCursor, type TrafficState} from '../model/traffic.js';
import {theme, verdictStyle} from '../theme.js';
import {windowStart} from './Matrix.js';

export type TrafficListProps = {traffic?: TrafficState; width: number; height: number; focused: boolean};

const short = (value: number) => (value >= 100 ? String(Math.round(value)) : value.toFixed(value >= 10 ? 0 : 1));

function latency(side: RouteSummary['baseline']): string {
	return side.answers ? `${short(side.p50Ms)}/${short(side.p95Ms)}` : '–';
}

/** Columns after the route: requests, differing share, baseline and candidate p50/p95 ms, error shares. */
function figures(route: RouteSummary, width: number): string {
	const parts = [fitStart(String(route.requests), 5), fitStart(route.compared ? percent(route.differingShare) : '–', 5)];
	if (width >= 52) parts.push(fitStart(latency(route.baseline), 8), fitStart(latency(route.candidate), 8));
	if (width >= 64) parts.push(fitStart(`${percent(route.baseline.errorShare)}/${percent(route.candidate.errorShare)}`, 8));
	return parts.join(' ');
}

function headerFigures(width: number): string {
	const parts = [fitStart('req', 5), fitStart('diff', 5)];
	if (width >= 52) parts.push(fitStart('b p50/95', 8), fitStart('c p50/95', 8));
	if (width >= 64) parts.push(fitStart('err b/c', 8));
	return parts.join(' ');
}

export const TrafficList = memo(function TrafficList({traffic, width, height, focused}: TrafficListProps) {
	const inner = width - 2;
	const frame = (children: React.ReactNode) => (
		<Box flexDirection="column" width={width} height={height} borderStyle="round" borderColor={focused ? theme.focusBorder : theme.border} overflow="hidden">
			{children}
		</Box>
	);
	if (!traffic) return frame(<Text color={theme.dim}>starting the shadow proxy…</Text>);
	const routes = orderedRoutes(traffic);
	const cursor = trafficCursor(traffic);
	const bodyHeight = Math.max(1, height - 5);
	const start = windowStart(cursor, routes.length, bodyHeight);
	const tail = headerFigures(inner);
	const routeWidth = Math.max(8, inner - 3 - tail.length - 1);
	const {totals} = traffic;
	return frame(
		<>
			<Text wrap="truncate">
				<Text bold>Traffic</Text>
				<Text color={theme.dim}> clients → {traffic.url}</Text>
			</Text>
			<Text wrap="truncate" color={theme.dim}>
				{totals.requests} req · {totals.mirrored} mirrored · {totals.differing} differ · {totals.dropped} dropped{totals.queued ? ` · ${totals.queued} queued` : ''}
			</Text>
			<Text wrap="truncate" color={theme.dim}>
				{'  '}
				{fit('route', routeWidth)} {tail}
			</Text>
			{routes.length === 0 ? <Text color={theme.dim}>no traffic yet: send requests to {traffic.url}</Text> : null}
			{routes.slice(start, start + bodyHeight).map((route, index) => {
				const {symbol, color} = verdictStyle(route.verdict);
				return (
					<Text key={route.route} wrap="truncate" inverse={start + index === cursor}>
						<Text color={color}>{symbol}</Text> {fit(route.route, routeWidth)} <Text color={route.verdict === 'parity' ? undefined : color}>{figures(route, inner)}</Text>
					</Text>
				);
			})}
		</>,
	);
});
