import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'server/src/**/*.test.ts', 'pwa/src/**/*.test.ts', 'desktop/src/**/*.test.ts', 'desktop/renderer/src/**/*.test.ts', 'tests/**/*.test.ts', 'tests/e2e/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    env: { MEKENDESH_SCRYPT_LOG_N: '12' },
  },
});
