// The import boundaries of litellm-parity, checked by `npm run lint:layers` (part of `npm test`, so CI runs it).
// Layers, bottom to top: a module imports its own layer and the layers below it, never one above. The README's
// "Layout" section draws the same picture. Type-only imports count for the layers (a type from a higher layer ties
// the layers too); inside a layer only cycles that run are refused.

/** Each layer: a name and the paths (regular expressions on the path from the repo's top) it holds. */
const layers = [
	{name: 'base', paths: ['^source/shared/', '^source/values/', '^source/files/', '^source/(errors|paths|version|domain)\\.ts$']},
	{name: 'targets', paths: ['^source/targets/']},
	{name: 'containers', paths: ['^source/containers/']},
	{name: 'catalog', paths: ['^source/catalog/']},
	{name: 'compare', paths: ['^source/compare/']},
	{name: 'probes', paths: ['^source/probes/']},
	{name: 'engine', paths: ['^source/engine/']},
	{name: 'report', paths: ['^source/report/']},
	{name: 'history and shadow', paths: ['^source/history/', '^source/shadow/']},
	{name: 'config', paths: ['^source/config/']},
	{name: 'testbed', paths: ['^source/testbed/']},
	{name: 'commands and ui', paths: ['^source/commands/', '^source/ui/']},
	{name: 'cli', paths: ['^source/cli\\.tsx$']},
];

// The testbed and the explorer have rules of their own below (one rule per broken boundary, so one line per import).
const ownRules = new Set(['testbed', 'commands and ui']);
const app = '^source/(testbed/|commands/|ui/|cli\\.tsx$)';

const upward = layers.slice(0, -1).map((layer, index) => {
	const above = layers.slice(index + 1).filter(higher => !ownRules.has(higher.name));
	return {
		name: `layer-${layer.name.replaceAll(' ', '-')}`,
		comment: `${layer.name} imports only from the layers below it (${layers.slice(0, index).map(lower => lower.name).join(', ') || 'none'}), never from ${above.map(higher => higher.name).join(', ')}`,
		severity: 'error',
		from: {path: layer.paths},
		to: {path: [...above.flatMap(higher => higher.paths), ...(layer.name === 'testbed' ? ['^source/commands/'] : [])]},
	};
}).filter(rule => rule.to.path.length > 0);

module.exports = {
	forbidden: [
		{
			name: 'no-circular',
			comment: 'no import cycle that runs: modules that need each other at load time are one module in two files',
			severity: 'error',
			from: {path: '^source/'},
			// A cycle closed only by type imports is erased by the compiler; between layers the layer rules still catch it.
			to: {circular: true, viaOnly: {dependencyTypesNot: ['type-only']}},
		},
		...upward,
		{
			name: 'product-without-testbed',
			comment: 'the product never imports the testbed (simulator, mock upstreams, lab, real pair); only the commands and the explorer wire it in, through source/testbed/index.ts',
			severity: 'error',
			from: {path: '^source/', pathNot: app},
			to: {path: '^source/testbed/'},
		},
		{
			name: 'testbed-through-its-entry',
			comment: 'outside the testbed, only source/testbed/index.ts is imported',
			severity: 'error',
			from: {path: '^source/(commands/|ui/|cli\\.tsx$)'},
			to: {path: '^source/testbed/', pathNot: '^source/testbed/index\\.ts$'},
		},
		{
			name: 'core-without-ui',
			comment: 'only the explorer (source/ui) and the entry (cli.tsx) use React, Ink or the explorer; the core consumes none of it',
			severity: 'error',
			from: {path: '^source/', pathNot: '^source/(ui/|cli\\.tsx$)'},
			to: {path: ['^source/ui/', '(^|/)node_modules/(react|react-dom|react-reconciler|ink|ink-table|@alcalzone/ink-table)/']},
		},
	],
	options: {
		doNotFollow: {path: 'node_modules'},
		tsPreCompilationDeps: true,
		tsConfig: {fileName: 'tsconfig.json'},
		enhancedResolveOptions: {exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], mainFields: ['module', 'main', 'types', 'typings']},
	},
};
