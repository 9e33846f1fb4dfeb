import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
		// The real-proxy suite has its own config (vitest.real.config.ts, npm run test:real).
		exclude: ['test/real/**', 'node_modules/**'],
		testTimeout: 120_000,
		hookTimeout: 60_000,
		pool: 'forks',
		setupFiles: ['test/setup/isolated-home.ts'],
	},
});
