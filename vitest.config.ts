import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		reporters: ['default', './tests/support/summary-reporter.ts'],
		globalSetup: ['tests/support/global-setup.ts'],
		projects: [
			{ extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
			{ extends: true, test: { name: 'build', include: ['tests/build/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000 } },
			{ extends: true, test: { name: 'crowdin', include: ['tests/crowdin/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 } },
			{
				extends: true,
				test: {
					name: 'browser',
					include: ['tests/browser/**/*.test.ts'],
					testTimeout: 60_000,
					hookTimeout: 60_000,
					// One Chromium at a time: the machines have two cores.
					fileParallelism: false,
				},
			},
		],
	},
});
