// The mirror may only use CPU the client's path does not need: its thread runs at a lower priority. On Linux the nice
// value is per thread, and os.setPriority() without a pid names the calling thread, so this lowers the mirror alone.
import os from 'node:os';

/** The mirror thread's nice value (higher yields sooner; 0 is normal). */
export const mirrorNice = 10;

export function lowerThreadPriority(): void {
	try {
		os.setPriority(mirrorNice);
	} catch {
		// Lowering one's own priority needs no privilege; a platform without it just runs the mirror at normal priority.
	}
}
