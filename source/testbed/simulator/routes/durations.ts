// LiteLLM's duration strings ("30s", "30m", "30h", "30d", "2w", "1mo") for key expiry and budget periods.
import {proxyError} from '../http/errors.js';

const unitMs: Record<string, number> = {s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, mo: 2_592_000_000};

export function durationMs(value: string): number {
	const match = /^(\d+)(s|m|h|d|w|mo)$/.exec(value.trim());
	if (!match) throw proxyError(400, `Invalid duration format: ${value}. Use e.g. 30s, 30m, 30h, 30d, 1mo`, {type: 'bad_request_error', param: 'duration'});
	return Number(match[1]) * unitMs[match[2]!]!;
}

export function expiryFrom(duration: unknown): string | null {
	return typeof duration === 'string' && duration !== '' ? new Date(Date.now() + durationMs(duration)).toISOString() : null;
}
