// Everything a check file can get wrong is found when it loads: file:line, the field path, what is wrong.
import {mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {loadCatalog} from '../../source/catalog/catalog.js';
import {jsonPathProblem} from '../../source/catalog/validate.js';
import {ConfigError} from '../../source/errors.js';

async function folderWith(text: string): Promise<string> {
	const directory = await mkdtemp(path.join(tmpdir(), 'parity-validate-'));
	await writeFile(path.join(directory, 'bad.yaml'), text);
	return directory;
}

/** A one-check file; `body` is the check's extra lines, indented under the check. */
const fileWith = (body: string, probe = 'http', request = '        request: {method: GET, path: /x}\n') => `schemaVersion: 1
category: {id: bad, title: Bad, section: core}
rows:
  - id: bad.row
    feature: /x
    checks:
      - id: bad.row.check
        probe: ${probe}
${request}${body}`;

async function loadError(text: string): Promise<string> {
	const directory = await folderWith(text);
	const error = await loadCatalog(directory).catch((caught: unknown) => caught);
	expect(error).toBeInstanceOf(ConfigError);
	return (error as ConfigError).message.replace(/^.*?bad\.yaml/, 'bad.yaml');
}

describe('check files are validated before anything runs', () => {
	it.each([
		['a regex that does not compile', `        expect:\n          asserts:\n            - {query: body, matches: "([a-z"}\n`, /^bad\.yaml:12 rows\[0\]\.checks\[0\]\.expect\.asserts\[0\]\.matches: not a valid regular expression/],
		['an unknown assert query', `        expect:\n          asserts:\n            - {query: jsonbody $.x, equals: 1}\n`, /^bad\.yaml:12 rows\[0\]\.checks\[0\]\.expect\.asserts\[0\]\.query: unknown assert query 'jsonbody \$\.x'/],
		['a JSONPath in an assert that does not start with $', `        expect:\n          asserts:\n            - {query: jsonpath data.id, exists: true}\n`, /^bad\.yaml:12 rows\[0\]\.checks\[0\]\.expect\.asserts\[0\]\.query: JSONPath 'data\.id' must start with \$/],
		['a JSONPath filter that does not parse', `        expect:\n          asserts:\n            - {query: "jsonpath $.data[?(@.id==)]", exists: true}\n`, /expect\.asserts\[0\]\.query: JSONPath '\$\.data\[\?\(@\.id==\)\]': filter/],
		['an unclosed bracket in an ignore list', `        compare: {ignore: ["$.data[0"]}\n`, /^bad\.yaml:10 rows\[0\]\.checks\[0\]\.compare\.ignore\[0\]: JSONPath '\$\.data\[0': '\[' at character 7 is never closed/],
		['a threshold outside the grammar', `        expect: {thresholds: ["p95 < 500"]}\n`, /^bad\.yaml:10 rows\[0\]\.checks\[0\]\.expect\.thresholds\[0\]: threshold 'p95 < 500' is not of the form/],
		['an unknown model capability', `        request: {method: POST, path: /x, json: {model: "\${models.chats}"}}\n`, /request\.json\.model: unknown model capability \$\{models\.chats\}; known: chat, completion/],
		['an unknown profile option', `        request: {method: GET, path: "/x/\${options.callback}"}\n`, /request\.path: unknown profile option \$\{options\.callback\}/],
		['an unknown kind of placeholder', `        request: {method: GET, path: "/x/\${model.chat}"}\n`, /request\.path: unknown placeholder \$\{model\.chat\}/],
	])('%s', async (_name, body, message) => {
		// The extra request line replaces the default one when the body brings its own.
		const text = body.trimStart().startsWith('request:') ? fileWith(body, 'http', '') : fileWith(body);
		expect(await loadError(text)).toMatch(message);
	});

	it('a step capture that an earlier step does not make', async () => {
		const steps = `        steps:
          - name: create
            request: {method: POST, path: /key/generate}
            capture: {key: $.key}
          - name: use
            request: {method: GET, path: "/key/info?key=\${steps.create.token}"}
          - name: later
            request: {method: GET, path: "/x/\${steps.after.id}"}
`;
		const message = await loadError(fileWith(steps, 'sequence', ''));
		expect(message).toMatch(/^bad\.yaml:14 rows\[0\]\.checks\[0\]\.steps\[1\]\.request\.path: \$\{steps\.create\.token\}: step 'create' captures no 'token' \(it captures key\) \(and 1 more problem\)$/);
	});

	it('${steps.…} outside a sequence', async () => {
		expect(await loadError(fileWith('', 'http', `        request: {method: GET, path: "/x/\${steps.a.b}"}\n`))).toMatch(/only the steps of a sequence capture values/);
	});

	it('a misspelt probe option is an error, not silently the default — container probes too, with no runtime present', async () => {
		expect(await loadError(fileWith('        options: {conections: 10}\n', 'load'))).toMatch(/^bad\.yaml:10 rows\[0\]\.checks\[0\]\.options\.conections: unknown option 'conections' for probe 'load'; it takes connections, durationMs, requests, warmup, warmupMs$/);
		const stats = fileWith('        requires: [container]\n        options: {measure: memroy}\n', 'stats', '');
		expect(await loadError(stats)).toMatch(/^bad\.yaml:10 rows\[0\]\.checks\[0\]\.options\.measure: /);
		const logs = fileWith('        requires: [container]\n        options: {mode: secrets, tial: 5}\n', 'logs', '');
		expect(await loadError(logs)).toMatch(/options\.tial: unknown option 'tial' for probe 'logs'/);
		const exec = fileWith('        requires: [container]\n        exec: {collect: [usr]}\n', 'exec', '');
		expect(await loadError(exec)).toMatch(/^bad\.yaml:10 rows\[0\]\.checks\[0\]\.exec\.collect\[0\]: /);
		expect(await loadError(fileWith('        options: {anything: 1}\n'))).toMatch(/unknown option 'anything' for probe 'http'; it takes warmup/);
	});

	it('a pinned expected difference with a bad regex or a malformed path', async () => {
		expect(await loadError(fileWith('        expectedDifferences:\n          - {path: "fact:user", candidate: {matches: "(["}, reason: r}\n'))).toMatch(/expectedDifferences\[0\]\.candidate.*not a valid regular expression/);
		expect(await loadError(fileWith('        expectedDifferences:\n          - {path: "data.x", reason: r}\n'))).toMatch(/expectedDifferences\[0\]\.path: JSONPath 'data\.x' must start with \$/);
	});

	it('the shipped check files pass', async () => {
		await expect(loadCatalog()).resolves.toBeDefined();
	});

	it('accepts the JSONPath forms the checks use', () => {
		for (const good of ['$', '$.id', '$..id', '$.data[*].id', "$['a b']", '$.data[0]', '$.data[-1:]', '$.*.body.id', '$[?(@.id=="x")]', '$..[0]']) expect(jsonPathProblem(good), good).toBeUndefined();
		expect(jsonPathProblem('$.data[id=gpt-4o]', {keyed: true})).toBeUndefined();
		expect(jsonPathProblem('$.data[id=gpt-4o]')).toBeDefined();
	});
});

describe('profiles', () => {
	it('a threshold a profile sets for a check is checked when the profile loads, with file:line', async () => {
		const {loadProfileFile} = await import('../../source/targets/profiles.js');
		const directory = await mkdtemp(path.join(tmpdir(), 'parity-profile-'));
		const file = path.join(directory, 'bad.yaml');
		await writeFile(file, 'name: bad\nbaseline: {url: "http://127.0.0.1:1"}\ncandidate: {url: "http://127.0.0.1:2"}\nthresholds:\n  checks:\n    performance.throughput.chat: ["rate>100", "p95 < 500"]\n');
		const error = await loadProfileFile(file).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(ConfigError);
		expect((error as ConfigError).message.replace(/^.*?bad\.yaml/, 'bad.yaml')).toBe('bad.yaml:6 thresholds.checks["performance.throughput.chat"][1]: a threshold is of the form p(95)<500, avg<200, med<100, max<1000, rate>100, errors==0 or error_rate<0.01');
	});
});
