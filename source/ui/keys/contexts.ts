// Which keymap contexts are live, most specific first. An open overlay is modal: only its own keys (and Ctrl+C) work.
import type {ExplorerState} from '../model/state.js';
import {keymap, type Binding, type KeyContext} from './keymap.js';

export function activeContexts(state: Pick<ExplorerState, 'overlay' | 'run' | 'view'>): KeyContext[] {
	const {overlay} = state;
	if (overlay) return ['always', overlay.kind];
	const contexts: KeyContext[] = ['always'];
	if (state.run) contexts.push('running');
	if (state.view.focus === 'detail') {
		if (state.view.tab === 'diff') contexts.push('diff');
		contexts.push('detail');
	} else {
		contexts.push('matrix');
	}

	contexts.push('global');
	return contexts;
}

export type Hint = {label: string; text: string};

/** Footer hints for the live contexts, most specific first, each action once. */
export function hintsFor(contexts: readonly KeyContext[], bindings: readonly Binding[] = keymap): Hint[] {
	const hints: Hint[] = [];
	const seen = new Set<string>();
	for (const context of contexts) {
		for (const binding of bindings) {
			if (binding.context !== context || !binding.hint || seen.has(binding.action)) continue;
			seen.add(binding.action);
			hints.push({label: binding.label, text: binding.hint});
		}
	}

	return hints;
}
