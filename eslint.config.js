import js from '@eslint/js';
import noUnsanitized from 'eslint-plugin-no-unsanitized';
import tseslint from 'typescript-eslint';

// Import boundaries between contexts (Dark Reader's rule): the content script, the worker and the
// pages never import each other's modules; the pure core imports no browser API.
const restrict = (...patterns) => ['error', { patterns: patterns.map((p) => ({ group: p.group, message: p.message })) }];
const NO_BROWSER_API = {
  group: ['wxt/browser', 'wxt/*', '#imports', '**/messaging', '**/browser-platform', '**/db'],
  message: 'utils/extract and utils/format are the pure core: take what you need as parameters.',
};
const NO_UI = { group: ['**/components/*', 'preact', 'preact/*'], message: 'UI code belongs to extension pages.' };
const NO_ENTRYPOINTS = { group: ['**/entrypoints/*', '**/entrypoints/**'], message: 'Entry points import utils, never each other.' };
const WORKER_ONLY = {
  group: ['**/db', '**/browser-platform', '**/clip-tab'],
  message: 'The database and tab access belong to the background worker: ask it with a message.',
};

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'out/', 'test-results/', 'bench/results/', 'web-ext-artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  noUnsanitized.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2024, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  { files: ['utils/extract/**', 'utils/format/**'], rules: { 'no-restricted-imports': restrict(NO_BROWSER_API, NO_UI, NO_ENTRYPOINTS) } },
  { files: ['utils/**'], ignores: ['utils/extract/**', 'utils/format/**'], rules: { 'no-restricted-imports': restrict(NO_UI, NO_ENTRYPOINTS) } },
  { files: ['components/**'], rules: { 'no-restricted-imports': restrict(NO_ENTRYPOINTS, WORKER_ONLY, { group: ['wxt/browser'], message: 'Components get the browser through props.' }) } },
  { files: ['entrypoints/clipper.ts'], rules: { 'no-restricted-imports': restrict(NO_UI, WORKER_ONLY, { group: ['**/messaging', 'wxt/browser'], message: 'The content script only reads the page and returns a draft.' }) } },
  { files: ['entrypoints/background.ts'], rules: { 'no-restricted-imports': restrict(NO_UI) } },
  { files: ['entrypoints/popup/**', 'entrypoints/options/**'], rules: { 'no-restricted-imports': restrict(WORKER_ONLY) } },
);
