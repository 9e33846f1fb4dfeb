// JUnit XML for CI: one test suite per category, one test case per check. Findings that fail the run are failures
// (with the differences as their text), tool errors are errors, skipped checks are skipped with the reason.
import junitModule, {type Builder} from 'junit-report-builder';
import {failingVerdicts, type CheckResult, type Verdict} from '../domain.js';
import {redact} from '../targets/secrets.js';
import {headlines, rowVerdicts, type RunRecord} from './json.js';
import {safeRecord} from './safe-record.js';

// The package is CommonJS with a default export; under NodeNext the builder sits on `.default` at run time.
const junitBuilder = ((junitModule as unknown as {default?: Builder}).default ?? junitModule) as unknown as Builder;

function differencesText(result: CheckResult): string {
	const lines = result.differences
		.filter(difference => !difference.noise)
		.map(difference => `${difference.path} (${difference.kind}): baseline ${JSON.stringify(difference.baseline ?? null)} candidate ${JSON.stringify(difference.candidate ?? null)}${difference.expectedReason ? ` [expected: ${difference.expectedReason}]` : ''}`);
	for (const side of ['baseline', 'candidate'] as const) {
		for (const failure of result[side].failures) lines.push(`${side}: expected ${failure.description}, got ${JSON.stringify(failure.actual ?? null)}`);
		if (result[side].error) lines.push(`${side}: ${result[side].error}`);
	}

	return lines.join('\n');
}

export function renderJunit(unsafe: RunRecord, failOn: readonly Verdict[] = failingVerdicts): string {
	const record = safeRecord(unsafe);
	const builder = junitBuilder.newBuilder().name(`litellm-parity ${record.profile}`);
	const suites = new Map<string, ReturnType<typeof builder.testSuite>>();
	const rows = new Map(rowVerdicts(record.results).map(row => [row.row, row.verdict]));
	for (const result of record.results) {
		let suite = suites.get(result.category);
		if (!suite) {
			suite = builder.testSuite().name(result.category).timestamp(record.startedAt).property('baseline', record.targets.baseline.url).property('candidate', record.targets.candidate.url);
			for (const side of ['baseline', 'candidate'] as const) if (record.versions?.[side]) suite.property(`${side}.litellmVersion`, record.versions[side]!);
			headlines(record).forEach((line, index) => suite!.property(`notice.${index + 1}`, line));
			suites.set(result.category, suite);
		}

		const testCase = suite
			.testCase()
			.className(`${result.category}.${result.row}`)
			.name(`${result.check} — ${result.title}`)
			.time(result.durationMs / 1000)
			.property('verdict', result.verdict)
			.property('rowVerdict', rows.get(result.row) ?? result.verdict);
		const message = `${result.verdict}: ${result.reason ?? ''}`.trim();
		if (result.verdict === 'skipped') testCase.skipped().standardOutput(result.reason ?? 'skipped');
		else if (result.verdict === 'error' && failOn.includes('error')) testCase.error(message, 'error', differencesText(result));
		else if (failOn.includes(result.verdict)) testCase.failure(message, result.verdict).stacktrace(differencesText(result) || undefined);
		else testCase.standardOutput(message);
	}

	const xml = builder.build();
	// The version banner and the notices head the file as comments, and each suite carries them as properties.
	const heads = headlines(record).map(line => `<!-- ${line.replaceAll('--', '—')} -->`);
	return redact(heads.length > 0 ? xml.replace(/^(<\?xml[^>]*\?>\n?)/, `$1${heads.join('\n')}\n`) : xml);
}
