// One folder for the whole test run, removed at its end: every test file's home (isolated-home.ts) is made inside it,
// so even a file whose tests were all skipped (its afterAll hooks never run) leaves nothing behind in /tmp.
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
	const root = mkdtempSync(path.join(tmpdir(), 'parity-test-run-'));
	// The test workers are started after this and inherit it.
	process.env.LITELLM_PARITY_TEST_ROOT = root;
	return () => rmSync(root, {recursive: true, force: true});
}
