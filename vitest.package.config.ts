// The package suite (npm run test:package): packs the tarball (prepack builds), installs it into a temporary folder
// and runs the installed binary. Not part of npm test: packing rebuilds dist/, which the unit suite's CLI tests use.
import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/package/**/*.test.ts'],
		testTimeout: 10 * 60_000,
		hookTimeout: 10 * 60_000,
		pool: 'forks',
		reporters: ['verbose'],
	},
});
