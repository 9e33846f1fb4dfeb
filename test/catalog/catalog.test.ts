import {mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {loadCatalog, selectRows} from '../../source/catalog/catalog.js';
import {ConfigError, UsageError} from '../../source/errors.js';

async function folderWith(files: Record<string, string>): Promise<string> {
	const directory = await mkdtemp(path.join(tmpdir(), 'parity-checks-'));
	for (const [name, text] of Object.entries(files)) await writeFile(path.join(directory, name), text);
	return directory;
}

const validFile = (category: string, rowId: string, checkId = `${rowId}.basic`) => `schemaVersion: 1
category: {id: ${category}, title: ${category} title, section: core}
rows:
  - id: ${rowId}
    feature: /x
    checks:
      - id: ${checkId}
        probe: http
        request: {method: GET, path: /x}
`;

async function loadError(files: Record<string, string>): Promise<ConfigError> {
	const error = await loadCatalog(await folderWith(files)).catch((caught: unknown) => caught);
	expect(error).toBeInstanceOf(ConfigError);
	return error as ConfigError;
}

describe('the shipped catalog', () => {
	it('holds every row of the validation plan (50), the supply-chain row and the route-surface row: 52 rows in 12 categories', async () => {
		const catalog = await loadCatalog();
		expect(catalog.categories).toHaveLength(12);
		expect(catalog.rows).toHaveLength(52);
		const perCategory = Object.fromEntries(catalog.categories.map(category => [category.id, category.rows.length]));
		expect(perCategory).toEqual({
			api: 10,
			health: 3,
			management: 5,
			routing: 2,
			persistence: 2,
			observability: 3,
			llmrouter: 8,
			performance: 5,
			database: 4,
			caching: 1,
			security: 5,
			'known-differences': 4,
		});
	});

	it('marks the LLMRouter additions candidate-only', async () => {
		const catalog = await loadCatalog();
		const llmrouter = catalog.categories.find(category => category.id === 'llmrouter')!;
		expect(llmrouter.rows.every(row => row.candidateOnly)).toBe(true);
		expect(catalog.rows.filter(row => row.candidateOnly)).toHaveLength(8);
	});
});

describe('check file validation', () => {
	it('reports malformed YAML with file and line', async () => {
		const error = await loadError({'bad.yaml': 'schemaVersion: 1\ncategory: {id: x, title: X\nrows: []\n'});
		expect(error.message).toMatch(/bad\.yaml:\d+(:\d+)?: malformed YAML/);
		expect(error.location.line).toBeGreaterThanOrEqual(2);
	});

	it('names the field path, line and expected values for an unknown probe kind', async () => {
		const text = validFile('alpha', 'alpha.one').replace('probe: http', 'probe: telepathy');
		const error = await loadError({'alpha.yaml': text});
		expect(error.location.line).toBe(8);
		expect(error.location.path).toBe('rows[0].checks[0].probe');
		expect(error.message).toContain('expected one of');
		expect(error.message).toContain('"http"');
		expect(error.message).toContain('telepathy');
	});

	it('refuses an unknown field and says where it is', async () => {
		const text = validFile('alpha', 'alpha.one').replace('    feature: /x\n', '    feature: /x\n    featur: typo\n');
		const error = await loadError({'alpha.yaml': text});
		expect(error.location.path).toBe('rows[0].featur');
		expect(error.location.line).toBe(6);
		expect(error.message).toContain("unknown field 'featur'");
	});

	it('reports a missing required field', async () => {
		const text = validFile('alpha', 'alpha.one').replace('        request: {method: GET, path: /x}\n', '');
		const error = await loadError({'alpha.yaml': text});
		expect(error.location.path).toBe('rows[0].checks[0].request');
		expect(error.message).toContain("probe 'http' needs a request");
	});

	it('refuses duplicate ids across files and points at both places', async () => {
		const error = await loadError({
			'a.yaml': validFile('alpha', 'shared.row', 'alpha.check'),
			'b.yaml': validFile('beta', 'shared.row', 'beta.check'),
		});
		expect(error.message).toContain("duplicate id 'shared.row'");
		expect(error.message).toMatch(/first defined at .*a\.yaml:4/);
		expect(error.location.file).toMatch(/b\.yaml$/);
		expect(error.location.line).toBe(4);
	});

	it('refuses an assert with two predicates', async () => {
		const text = validFile('alpha', 'alpha.one') + '        expect:\n          asserts:\n            - {query: status, equals: 200, lt: 300}\n';
		const error = await loadError({'alpha.yaml': text});
		expect(error.message).toContain('exactly one predicate');
		expect(error.location.path).toBe('rows[0].checks[0].expect.asserts[0]');
	});
});

describe('selection', () => {
	it('accepts category ids and titles case-insensitively, and check or row ids', async () => {
		const catalog = await loadCatalog();
		expect(selectRows(catalog, {categories: ['HEALTH ENDPOINTS']}).map(entry => entry.row.id)).toEqual(['health.health', 'health.liveliness', 'health.readiness']);
		const one = selectRows(catalog, {checks: ['api.chat-completions.stream']});
		expect(one).toHaveLength(1);
		expect(one[0]!.checks.map(check => check.id)).toEqual(['api.chat-completions.stream']);
		expect(selectRows(catalog, {checks: ['api.models']})[0]!.checks.length).toBeGreaterThan(1);
		expect(() => selectRows(catalog, {categories: ['nope']})).toThrow(UsageError);
	});
});
