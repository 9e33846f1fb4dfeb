import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
		testTimeout: 120_000,
		hookTimeout: 60_000,
		pool: 'forks',
		setupFiles: ['test/setup/isolated-home.ts'],
	},
});
