// LLMRouter's strategy registry (strategies.py): the llmrouter-* names the routing patch accepts.
import {hasGap} from '../../gaps.js';
import type {ResolvedOptions} from '../../options.js';

const names = [
	'knn', 'svm', 'mlp', 'mf', 'elo', 'routerdc', 'hybrid', 'causallm', 'graph', 'automix',
	'r1', 'gmt', 'knn-multiround', 'llm-multiround', 'smallest', 'largest', 'custom', 'cost-aware', 'default',
];

export function registeredStrategies(options: ResolvedOptions): string[] {
	return names.map(name => `llmrouter-${name}`).filter(name => !(name === 'llmrouter-mlp' && hasGap(options, 'mlp-missing')));
}
