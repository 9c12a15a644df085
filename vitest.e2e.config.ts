import { defineConfig } from 'vitest/config';

// Real-browser tests: headless Chromium with the built extension (`npm run build:e2e` first).
// One browser at a time: these machines have two cores.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
