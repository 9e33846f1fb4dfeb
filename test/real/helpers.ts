// Runs of the built CLI against the real pair, as a user would run it: `run --profile-file … --format json`.
import {execFile} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {packageRoot} from '../../source/paths.js';
import {profileSchema} from '../../source/targets/profile-schema.js';

const run = promisify(execFile);

/**
 * Two stock proxies: the LLMRouter rows (candidate-only) are not applicable. A profile that knows flavours gets
 * `flavour: litellm` and shows them skipped; where profiles do not know flavours yet, they are left out of the run.
 */
export const allButLlmRouter = 'flavour' in profileSchema.shape ? [] : ['api', 'health', 'management', 'routing', 'persistence', 'observability', 'performance', 'database', 'caching', 'security', 'known-differences'];

/**
 * Rows that cannot pass without a database (the real proxy has none: no Prisma engines here, README). The pair's
 * profile says so (options.withoutDatabase), so they are skipped, and their reason must say "no database" in words:
 * - virtual keys, users, teams, models stored by /model/new and spend logs all live in LiteLLM's database;
 * - persistence.postgresql asks readiness for a connected database and round-trips a key through it.
 */
export const needsDatabase = [
	'management.key-generate.lifecycle',
	'management.user-new.lifecycle',
	'management.team-new.lifecycle',
	'management.model-new.lifecycle',
	'management.spend-logs.call-visible',
	'persistence.postgresql.connected',
	'persistence.postgresql.round-trip',
	'database.key-storage.update-reads-back',
	'database.user-team.membership',
	'database.spend-tracking.key-spend',
	'database.config-persistence.db-model',
];

export type ResultRow = {category: string; row: string; check: string; verdict: string; reason?: string};
export type Report = {results: ResultRow[]; summary: Record<string, number>};

/** One headless run of every check (or of the given categories); exit 0 and 1 are both answers, 2 is a failure. */
export async function runPair(profilePath: string, {categories = allButLlmRouter}: {categories?: string[]} = {}): Promise<Report> {
	const home = mkdtempSync(path.join(tmpdir(), 'litellm-parity-real-run-'));
	const out = path.join(home, 'report.json');
	const args = ['dist/source/cli.js', 'run', '--profile-file', profilePath, '--format', 'json', '--out', out, '--no-history', ...categories.flatMap(category => ['--category', category])];
	try {
		await run(process.execPath, args, {cwd: packageRoot, env: {...process.env, LITELLM_PARITY_HOME: home}, maxBuffer: 64 * 1024 * 1024}).catch((error: {code?: number; stderr?: string}) => {
			if (error.code !== 1) throw new Error(`litellm-parity run exited ${error.code}: ${error.stderr ?? ''}`);
		});
		return JSON.parse(readFileSync(out, 'utf8')) as Report;
	} finally {
		rmSync(home, {recursive: true, force: true});
	}
}

export const isFinding = (result: ResultRow) => !['parity', 'skipped', 'expected'].includes(result.verdict);

/** `check  verdict  reason` lines, for assertion messages a person can read. */
export function describe(results: ResultRow[]): string[] {
	return results.map(result => `${result.check}: ${result.verdict}${result.reason ? ` — ${result.reason}` : ''}`);
}
