import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
		// The real-proxy and package suites have their own configs (npm run test:real, npm run test:package).
		exclude: ['test/real/**', 'test/package/**', 'node_modules/**'],
		testTimeout: 120_000,
		hookTimeout: 60_000,
		pool: 'forks',
		globalSetup: ['test/setup/test-root.ts'],
		setupFiles: ['test/setup/isolated-home.ts'],
	},
});
