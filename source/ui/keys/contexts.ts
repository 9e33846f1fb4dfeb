// Which keymap contexts are live, most specific first. An open overlay is modal: only its own keys (and Ctrl+C) work.
import type {ExplorerState} from '../model/state.js';
import {hintLabel, keymap, type Binding, type KeyContext} from './keymap.js';

export function activeContexts(state: Pick<ExplorerState, 'overlay' | 'run' | 'view'>): KeyContext[] {
	const {overlay} = state;
	if (overlay) return ['always', overlay.kind];
	// Esc undoes the nearest thing first: the detail focus, then a filter, and only then the run in flight.
	const contexts: KeyContext[] = ['always'];
	if (state.view.focus === 'detail') {
		if (state.view.tab === 'diff') contexts.push('diff');
		contexts.push('detail');
	} else if (state.view.filter || state.view.problemsOnly) {
		contexts.push('filtered');
	}

	if (state.run) contexts.push('running');
	if (state.view.focus !== 'detail') contexts.push('matrix');
	contexts.push('global');
	return contexts;
}

export type Hint = {label: string; text: string; action?: string};

const chordId = (chord: Binding['keys'][number]) => `${chord.ctrl ? 'C-' : ''}${chord.shift ? 'S-' : ''}${chord.name ?? chord.input}`;

/**
 * Footer hints for the live contexts, most specific first, each action once, and each key only for what it does
 * now: when Esc goes back from the detail pane, the footer does not also offer Esc to cancel the run.
 */
export function hintsFor(contexts: readonly KeyContext[], bindings: readonly Binding[] = keymap): Hint[] {
	const hints: Hint[] = [];
	const seen = new Set<string>();
	const claimed = new Set<string>();
	for (const context of contexts) {
		for (const binding of bindings) {
			if (binding.context !== context) continue;
			const chords = binding.keys.map(chordId);
			const live = !seen.has(binding.action) && chords.some(chord => !claimed.has(chord));
			for (const chord of chords) claimed.add(chord);
			if (!binding.hint || !live) continue;
			seen.add(binding.action);
			hints.push({label: hintLabel(binding), text: binding.hint, action: binding.action});
		}
	}

	return hints;
}
