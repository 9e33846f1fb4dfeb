// A load or overhead measurement, side by side in time: a progress bar and the current req/s for the side being
// measured (one side at a time), then each side's final figures (rate, p50/p95/p99, errors) and what failed.
import {Box, Text} from 'ink';
import React from 'react';
import {sides, type Side} from '../../../domain.js';
import {clip, ms, showValue} from '../../format.js';
import {figuresText, loadFigures, loadShare, progressBar, rateUnit, type LoadFigures} from '../../model/load-progress.js';
import type {CheckState} from '../../model/state.js';
import type {TabProps} from './tab-props.js';
import {theme} from '../../theme.js';
import {keysFor} from '../../keys/keymap.js';

export type LoadSideView =
	| {state: 'idle' | 'waiting' | 'starting'; text: string}
	| {state: 'skipped' | 'error'; text: string}
	| {state: 'running' | 'cancelled'; share?: number; text: string}
	| {state: 'finished'; figures?: LoadFigures; text: string; failures: string[]};

function progressText(completed: number, total: number | undefined, rps: number, elapsedMs: number, unit: string, rate: string): string {
	return `${completed}${total ? `/${total}` : ''} ${unit} · ${rps.toFixed(1)} ${rate} · ${ms(elapsedMs)}`;
}

export function loadSideView(check: CheckState, side: Side): LoadSideView {
	const lane = check.live?.[side];
	const observation = check.observations?.[side];
	const unit = check.probe === 'overhead' ? 'pairs' : 'requests';
	if (observation && (!lane || lane.finished || check.status !== 'running')) {
		if (observation.skipped) return {state: 'skipped', text: `skipped: ${observation.skipped}`};
		// The result's compact facts are what reports and history keep; the observation's are the same, earlier.
		const facts = check.result?.facts?.[side] ?? observation.facts;
		const figures = loadFigures(facts);
		if (observation.error && !figures) return {state: 'error', text: `✗ ${observation.error}`};
		const failures = (check.result?.[side].failures ?? []).map(failure => `✗ ${failure.description}, got ${showValue(failure.actual, 40)}`);
		// The plan's absolute targets are this side's own figures, met or missed: shown here, never the verdict.
		for (const target of check.result?.[side].targets ?? []) {
			if (!target.met) failures.push(`✗ threshold ${target.target}, got ${showValue(target.actual, 40)}`);
		}

		const done = figures?.requests ?? figures?.samples;
		const took = figures?.durationMs ?? lane?.load?.elapsedMs;
		const text = `done${done === undefined ? '' : ` · ${done} ${unit}`}${took === undefined ? '' : ` in ${ms(took)}`}`;
		return {state: 'finished', figures, text: observation.error ? `${text} · ${observation.error}` : text, failures};
	}

	if (lane?.load) {
		const {completed, total, rps, elapsedMs} = lane.load;
		const cancelled = check.status === 'cancelled';
		return {state: cancelled ? 'cancelled' : 'running', share: loadShare(lane.load), text: `${cancelled ? 'cancelled at ' : ''}${progressText(completed, total, rps, elapsedMs, unit, rateUnit(check))}`};
	}

	if (check.status === 'running') {
		const other = side === 'candidate' ? check.live?.baseline : undefined;
		return other && !other.finished ? {state: 'waiting', text: 'waiting: measured after baseline, one side at a time'} : {state: 'starting', text: 'starting…'};
	}

	if (check.status === 'queued') return {state: 'waiting', text: 'queued: measurements run alone, after the functional checks'};
	if (check.status === 'cancelled') return {state: 'idle', text: 'cancelled before it ran'};
	return {state: 'idle', text: `not run yet: ${keysFor('run-row')} runs this row`};
}

/** Figures joined with ' · ' into as few lines of `width` as they need (a narrow pane never cuts one off). */
export function joinToWidth(parts: string[], width: number): string[] {
	const lines: string[] = [];
	for (const part of parts) {
		const last = lines.at(-1);
		if (last !== undefined && [...last].length + 3 + [...part].length <= width) lines[lines.length - 1] = `${last} · ${part}`;
		else lines.push(part);
	}

	return lines;
}

function SideBlock({check, side, width, frame}: {check: CheckState; side: Side; width: number; frame: number}) {
	const view = loadSideView(check, side);
	const labelWidth = 10;
	const barWidth = Math.max(8, Math.min(30, width - labelWidth - 40));
	const label = <Text color={theme.side[side]} bold>{side.padEnd(labelWidth)}</Text>;
	if (view.state === 'running' || view.state === 'cancelled') {
		return (
			<Text wrap="truncate">
				{label}
				<Text color={view.state === 'running' ? theme.warn : theme.dim}>{progressBar(view.share, barWidth, frame)}</Text>
				{view.share === undefined ? '' : ` ${String(Math.round(view.share * 100)).padStart(3)}%`} {view.text}
			</Text>
		);
	}

	if (view.state === 'finished') {
		const failed = view.failures.length > 0;
		return (
			<Box flexDirection="column">
				<Text wrap="truncate">
					{label}
					<Text color={failed ? theme.error : theme.info}>{progressBar(1, barWidth)}</Text> {view.text}
				</Text>
				{view.figures
					? joinToWidth(figuresText(view.figures).split(' · '), width - labelWidth).map((line, index) => (
							<Text key={index} wrap="truncate">
								{' '.repeat(labelWidth)}
								<Text bold>{clip(line, width - labelWidth)}</Text>
							</Text>
						))
					: null}
				{view.failures.map((failure, index) => (
					<Text key={index} wrap="truncate" color={theme.error}>
						{' '.repeat(labelWidth)}
						{clip(failure, width - labelWidth)}
					</Text>
				))}
			</Box>
		);
	}

	const color = view.state === 'error' ? theme.error : theme.dim;
	return (
		<Text wrap="truncate">
			{label}
			<Text color={color}>{view.text}</Text>
		</Text>
	);
}

/** Candidate rate against baseline rate, when both finished a load. */
function rateRatio(check: CheckState): string | undefined {
	const rate = (side: Side) => loadFigures(check.result?.facts?.[side] ?? check.observations?.[side]?.facts)?.rate;
	const baseline = rate('baseline');
	const candidate = rate('candidate');
	if (!baseline || candidate === undefined) return undefined;
	return `candidate rate = ${(candidate / baseline).toFixed(2)} × baseline`;
}

/** The k6-style thresholds in force: the profile's override for this check, else the check file's. */
export function thresholdsFor({check, definition, profile}: Pick<TabProps, 'check' | 'definition' | 'profile'>): string[] | undefined {
	return profile?.thresholds?.checks?.[check.id] ?? definition?.expect?.thresholds;
}

export type LoadPanelProps = {check: CheckState; width: number; frame?: number; note?: string; thresholds?: string[]};

export function LoadPanel({check, width, frame = 0, note, thresholds}: LoadPanelProps) {
	const kind = check.probe === 'overhead' ? 'proxy overhead (proxied − direct, interleaved pairs)' : 'load';
	const ratio = rateRatio(check);
	return (
		<Box flexDirection="column">
			{note ? (
				<Text color={theme.dim} wrap="truncate">
					{note}
				</Text>
			) : null}
			<Text wrap="truncate" color={theme.dim}>
				{kind} · one side at a time
			</Text>
			{sides.map(side => (
				<SideBlock key={side} check={check} side={side} width={width} frame={frame} />
			))}
			{ratio ? (
				<Text wrap="truncate" color={theme.dim}>
					{ratio}
				</Text>
			) : null}
			{thresholds?.length ? (
				<Text wrap="truncate" color={theme.dim}>
					thresholds (each side): {thresholds.join(' · ')}
				</Text>
			) : null}
		</Box>
	);
}
