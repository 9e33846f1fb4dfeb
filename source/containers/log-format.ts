// Whether a container logs structured lines (one JSON object per line) or plain text.

export type LogFormat = {
	lines: number;
	jsonLines: number;
	format: 'json' | 'text' | 'mixed' | 'none';
	structured: boolean;
};

function isJsonObject(line: string): boolean {
	if (!line.startsWith('{')) return false;
	try {
		const value = JSON.parse(line) as unknown;
		return value !== null && typeof value === 'object' && !Array.isArray(value);
	} catch {
		return false;
	}
}

/** Structured when at least 80 % of the non-empty lines are JSON objects (an init's own banner may be text). */
export function classifyLogLines(text: string): LogFormat {
	const lines = text.split('\n').map(line => line.trim()).filter(Boolean);
	const jsonLines = lines.filter(isJsonObject).length;
	const share = lines.length === 0 ? 0 : jsonLines / lines.length;
	const format = lines.length === 0 ? 'none' : share >= 0.8 ? 'json' : share <= 0.2 ? 'text' : 'mixed';
	return {lines: lines.length, jsonLines, format, structured: format === 'json'};
}
