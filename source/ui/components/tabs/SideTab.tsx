// Baseline and Candidate tabs: the status line, what failed, the headers and the pretty body, sliced to fit.
import React, {useMemo} from 'react';
import type {Observation, Side} from '../../../domain.js';
import {redact} from '../../../targets/secrets.js';
import {clip, ms, prettyLines, showValue} from '../../format.js';
import {theme} from '../../theme.js';
import {linesScrollMax, ScrolledLines, type StyledLine} from './styled-lines.js';
import type {TabProps} from './tab-props.js';
import {keysFor} from '../../keys/keymap.js';

function statusLine(observation: Observation): string {
	if (observation.skipped) return `skipped: ${observation.skipped}`;
	if (!observation.reached) return `no answer: ${observation.error ?? 'unreachable'}`;
	const timing = observation.timing;
	const parts = [
		observation.status === undefined ? 'no status' : `HTTP ${observation.status}`,
		`${ms(timing.totalMs)}${timing.headersMs === undefined ? '' : ` (headers ${ms(timing.headersMs)}${timing.firstByteMs === undefined ? '' : `, first byte ${ms(timing.firstByteMs)}`})`}`,
		observation.contentType,
		observation.bytes === undefined ? undefined : `${observation.bytes} bytes`,
	];
	return parts.filter(Boolean).join(' · ');
}

export function sideLines(side: Side, props: Pick<TabProps, 'check' | 'width'>): StyledLine[] {
	const {check, width} = props;
	const observation = check.observations?.[side];
	const own = check.result?.[side];
	if (!observation) {
		const lane = check.live?.[side];
		if (lane && !lane.finished) return [{text: `waiting for ${side}…${lane.status === undefined ? '' : ` HTTP ${lane.status}`}`, color: theme.dim}];
		return [{text: check.status === 'idle' ? `not run yet: ${keysFor('run-row')} runs this row` : `no ${side} observation`, color: theme.dim}];
	}

	const lines: StyledLine[] = [{text: statusLine(observation), color: theme.side[side], bold: true}];
	if (observation.error && observation.reached) lines.push({text: `error: ${observation.error}`, color: theme.error});
	for (const failure of own?.failures ?? []) lines.push({text: `✗ expected ${failure.description}, got ${showValue(failure.actual, width)}`, color: theme.error});
	for (const step of observation.steps ?? []) {
		lines.push({text: `${step.ok ? '✓' : '✗'} step ${step.name}${step.status === undefined ? '' : ` ${step.status}`}${step.latencyMs === undefined ? '' : ` ${ms(step.latencyMs)}`}${step.error ? ` ${step.error}` : ''}`, color: step.ok ? undefined : theme.error});
	}

	const headers = Object.entries(observation.headers);
	if (headers.length > 0) {
		lines.push({text: ''}, {text: `headers (${headers.length})`, bold: true});
		for (const [name, value] of headers) lines.push({text: clip(`${name}: ${redact(value)}`, width)});
	}

	for (const [name, value] of Object.entries(observation.facts ?? {})) lines.push({text: clip(`fact ${name}: ${showValue(value, width)}`, width)});
	const body = prettyLines(observation.body, observation.bodyText);
	if (body.length > 0 && !(body.length === 1 && body[0] === '')) {
		lines.push({text: ''}, {text: 'body', bold: true});
		// Bodies are sliced to the pane: a long line is cut, not wrapped, so the pane keeps its height.
		for (const line of body) lines.push({text: clip(redact(line), width)});
	}

	return lines;
}

export function sideScrollMax(side: Side, check: TabProps['check'], width: number, height: number): number {
	return linesScrollMax(sideLines(side, {check, width}).length, height);
}

export function SideTab({side, ...props}: TabProps & {side: Side}) {
	const {check, width} = props;
	// Pretty-printing a body is the costly part: redo it only when this side's answer or the width changes.
	const lines = useMemo(() => sideLines(side, {check, width}), [side, check.observations?.[side], check.result, check.status, check.live?.[side]?.status, width]);
	return <ScrolledLines lines={lines} height={props.height} offset={props.offset} />;
}
