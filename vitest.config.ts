import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests run in Node; files that need a DOM opt in with `// @vitest-environment jsdom`
// (jsdom, not happy-dom: DOMPurify does not sanitize under happy-dom).
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['utils/**/*.test.ts', 'test/**/*.test.ts', 'cli/**/*.test.ts', 'components/**/*.test.tsx', 'entrypoints/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
  },
});
