// Errors a user can act on. They render as one line: where (file:line, field path or target) and what to do.

export class UsageError extends Error {
	override name = 'UsageError';
}

export type ConfigErrorLocation = {file?: string; line?: number; column?: number; path?: string};

export class ConfigError extends Error {
	override name = 'ConfigError';
	constructor(
		readonly detail: string,
		readonly location: ConfigErrorLocation = {},
	) {
		super(formatLocated(detail, location));
	}
}

export function formatLocated(detail: string, {file, line, column, path}: ConfigErrorLocation): string {
	let where = file ?? '';
	if (file && line) where += `:${line}${column ? `:${column}` : ''}`;
	if (path) where += where ? ` ${path}` : path;
	return where ? `${where}: ${detail}` : detail;
}

/** The one-line message for any thrown value, without a stack trace. */
export function errorMessage(error: unknown): string {
	if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
	return String(error);
}
