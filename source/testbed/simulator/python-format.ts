// Python's way of printing values, where LiteLLM leaks it into headers and messages: str(float), str(dict).

/** Python's str(float): 0.0, 1.5, 1.05e-05. */
export function pyFloat(value: number): string {
	if (!Number.isFinite(value)) return value > 0 ? 'inf' : value < 0 ? '-inf' : 'nan';
	if (value === 0) return '0.0';
	const magnitude = Math.abs(value);
	if (magnitude < 1e-4 || magnitude >= 1e16) {
		const [mantissa, exponent] = value.toExponential().split('e') as [string, string];
		const sign = exponent.startsWith('-') ? '-' : '+';
		const digits = exponent.replace(/^[+-]/, '').padStart(2, '0');
		return `${mantissa}e${sign}${digits}`;
	}

	const text = String(value);
	return text.includes('.') || text.includes('e') ? text : `${text}.0`;
}

/** Python's repr() of a JSON-like value, as LiteLLM's str(detail) puts it in error messages. */
export function pyRepr(value: unknown): string {
	if (value === null || value === undefined) return 'None';
	if (value === true) return 'True';
	if (value === false) return 'False';
	if (typeof value === 'number') return Number.isInteger(value) ? String(value) : pyFloat(value);
	if (typeof value === 'string') {
		// Python's repr: double quotes when the text holds a ' and no ".
		const escaped = value.replace(/\\/g, '\\\\');
		return value.includes("'") && !value.includes('"') ? `"${escaped}"` : `'${escaped.replace(/'/g, "\\'")}'`;
	}
	if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
	if (typeof value === 'object') {
		return `{${Object.entries(value as Record<string, unknown>)
			.map(([key, item]) => `${pyRepr(key)}: ${pyRepr(item)}`)
			.join(', ')}}`;
	}

	return String(value);
}

/** Seconds since the epoch, as OpenAI's `created`. */
export function unixNow(): number {
	return Math.floor(Date.now() / 1000);
}

/** Python's str() of a scalar: True, False, None, 1.5, 3. */
export function pyStr(value: unknown): string {
	if (value === null || value === undefined) return 'None';
	if (value === true) return 'True';
	if (value === false) return 'False';
	if (typeof value === 'number') return Number.isInteger(value) ? String(value) : pyFloat(value);
	return String(value);
}

/** Python's json.dumps with its default separators (", " and ": "). */
export function pyJsonDumps(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(pyJsonDumps).join(', ')}]`;
	if (value && typeof value === 'object') {
		return `{${Object.entries(value as Record<string, unknown>)
			.map(([key, item]) => `${JSON.stringify(key)}: ${pyJsonDumps(item)}`)
			.join(', ')}}`;
	}

	return JSON.stringify(value);
}
