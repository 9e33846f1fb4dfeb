// Every test file gets its own throw-away home: the profile store, the history, anything that follows the XDG
// folders, and the temporary folder itself (TMPDIR, which os.tmpdir() reads) land in one temporary folder that is
// removed when the file's tests end (and with the run's root folder, test-root.ts, when they were all skipped). The
// CLIs the tests spawn inherit all of it through the environment, so no test writes the real user's files or leaves
// folders behind in /tmp.
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterAll} from 'vitest';

const home = mkdtempSync(path.join(process.env.LITELLM_PARITY_TEST_ROOT ?? tmpdir(), 'parity-test-home-'));
process.env.LITELLM_PARITY_HOME = home;
process.env.XDG_CONFIG_HOME = path.join(home, 'config');
process.env.XDG_DATA_HOME = path.join(home, 'data');
process.env.XDG_CACHE_HOME = path.join(home, 'cache');
const temporary = path.join(home, 'tmp');
mkdirSync(temporary);
process.env.TMPDIR = temporary;

afterAll(() => {
	rmSync(home, {recursive: true, force: true});
});
