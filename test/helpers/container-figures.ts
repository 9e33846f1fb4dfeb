import os from 'node:os';
import {expect} from 'vitest';

/** A CPU share read from the engine's stats: a real percentage (an engine reports up to 100 % per core), not a
 * bound on it — how much CPU an idle container shows depends on how busy the machine is, and the row judges that. */
export function expectCpuPercent(value: unknown): void {
	expect(typeof value).toBe('number');
	expect(value as number).toBeGreaterThanOrEqual(0);
	expect(value as number).toBeLessThanOrEqual(100 * os.cpus().length);
}
