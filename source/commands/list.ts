// `litellm-parity list`: the matrix grouped by category, as text or JSON.
import {loadCatalog} from '../catalog/catalog.js';
import {UsageError} from '../errors.js';

export async function listCommand({format = 'table', checksDirectory}: {format?: string; checksDirectory?: string}, out: NodeJS.WritableStream = process.stdout): Promise<number> {
	const catalog = await loadCatalog(checksDirectory);
	if (format === 'json') {
		const categories = catalog.categories.map(category => ({
			id: category.id,
			title: category.title,
			section: category.section,
			rows: category.rows.map(row => ({
				id: row.id,
				feature: row.feature,
				...(row.notes ? {notes: row.notes} : {}),
				candidateOnly: row.candidateOnly,
				checks: row.checks.map(check => ({id: check.id, title: check.title ?? row.feature, probe: check.probe})),
			})),
		}));
		const rows = catalog.rows.length;
		out.write(JSON.stringify({schemaVersion: 1, categoryCount: categories.length, rowCount: rows, checkCount: catalog.checks.length, categories}, null, 2) + '\n');
		return 0;
	}

	if (format !== 'table') throw new UsageError(`unknown format '${format}'; use table or json`);
	const lines: string[] = [];
	for (const category of catalog.categories) {
		lines.push(`${category.title} (${category.id}, ${category.rows.length} rows)`);
		for (const row of category.rows) {
			const checks = row.checks.length === 0 ? 'no check yet' : `${row.checks.length} check${row.checks.length > 1 ? 's' : ''}`;
			lines.push(`  ${row.id.padEnd(40)} ${row.feature.padEnd(34)} ${checks}${row.candidateOnly ? ' · candidate-only' : ''}`);
		}

		lines.push('');
	}

	lines.push(`${catalog.rows.length} rows in ${catalog.categories.length} categories, ${catalog.checks.length} checks`);
	out.write(lines.join('\n') + '\n');
	return 0;
}
