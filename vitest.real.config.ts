// The real-proxy suite (npm run test:real): two real LiteLLM proxies, real Redis, started once by the global setup.
// Slow by nature (a proxy takes 20–80 s to get ready on 2 cores), so it is not part of npm test.
import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/real/**/*.test.ts'],
		globalSetup: ['test/setup/test-root.ts', 'test/real/global-setup.ts'],
		// Each file's own home and temporary folder, as in npm test.
		setupFiles: ['test/setup/isolated-home.ts'],
		// One pair, shared: the files run one after the other, and each test restarts at most one proxy.
		fileParallelism: false,
		testTimeout: 15 * 60_000,
		hookTimeout: 10 * 60_000,
		pool: 'forks',
		reporters: ['verbose'],
	},
});
