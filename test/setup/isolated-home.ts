// Every test file gets its own throw-away home: the profile store, the history and anything that follows the XDG
// folders land in a temporary folder (inherited by the CLIs the tests spawn), never in the real user's.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll} from 'vitest';

const home = mkdtempSync(path.join(tmpdir(), 'parity-test-home-'));
process.env.LITELLM_PARITY_HOME = home;
process.env.XDG_CONFIG_HOME = path.join(home, 'config');
process.env.XDG_DATA_HOME = path.join(home, 'data');
process.env.XDG_CACHE_HOME = path.join(home, 'cache');

afterAll(() => {
	rmSync(home, {recursive: true, force: true});
});
