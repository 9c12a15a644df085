import js from '@eslint/js';
import noUnsanitized from 'eslint-plugin-no-unsanitized';
import tseslint from 'typescript-eslint';

// Where code runs decides the folder it lives in, and these rules keep each folder to what its
// context can do (Dark Reader's boundaries). test/lint/boundaries.test.ts proves each one fires.
//
//   utils/core/      pure: no browser API, nothing outside core (runs in Node tests, the content
//                    script, the worker and the pages alike)
//   utils/protocol/  the message protocol: core types and the runtime transport, no storage
//   utils/worker/    the background worker's modules: the database, tabs, the badge
//   utils/pages/     what the extension's pages use to reach the worker and the user's files
//   utils/shared/    what the worker and the pages both use: the extension-storage items (settings)
//   components/      Preact UI for the pages
//   entrypoints/     wiring only, one context each

/** A restriction: a message, and regular expressions over the import specifier. */
const rule = (message, ...regex) => ({ message, regex });
const SPEC = (folder) => `(^|/)${folder}(/|$)`;

const TEST_CODE = rule(
  'Source code never imports test code, fixtures or test tools.',
  `(^|/)(test|e2e|bench|cli)/`,
  '^(vitest|jsdom|fast-check|fake-indexeddb|playwright-core|puppeteer-core|@testing-library/.*)(/|$)',
  '^node:',
);
const BROWSER_API = rule(
  'utils/core is the pure core: no browser API. Take what you need (a Document, a parser, a fetch) as a parameter.',
  '^(wxt|#imports|webextension-polyfill|idb)(/|$)',
);
const OUTSIDE_CORE = rule(
  'utils/core imports nothing outside utils/core.',
  '^\\.\\./\\.\\./',
  '^@/(?!utils/core/)',
  SPEC('protocol'),
  SPEC('worker'),
  SPEC('pages'),
  SPEC('components'),
  SPEC('entrypoints'),
);
const UI = rule('UI code belongs to the extension pages (components/).', '^preact(/|$)', SPEC('components'));
const WORKER = rule('utils/worker belongs to the background worker: ask it with a message.', SPEC('worker'));
const PAGES = rule('utils/pages belongs to the extension pages.', SPEC('pages'));
const SHARED = rule('utils/shared is used by the worker and the pages alike: it imports neither.', SPEC('worker'), SPEC('pages'));
const ENTRYPOINTS = rule('Entry points are wiring: nothing imports them.', SPEC('entrypoints'));
const STORAGE = rule('The protocol carries data; it imports no storage module.', '^idb(/|$)', SPEC('worker'));
const BROWSER_IN_COMPONENTS = rule('Components get the browser through props (utils/pages clients).', '^(wxt|#imports)(/|$)', SPEC('shared'));
const CONTENT_SCRIPT = rule(
  'The content script only reads the page and returns a draft: the extraction core is all it imports.',
  '^(wxt/browser|#imports)$',
  SPEC('protocol'),
  SPEC('worker'),
  SPEC('pages'),
);

const E2E = rule('bench/ and e2e/ share test/harness instead of importing each other.', SPEC('e2e'));
const BENCH = rule('bench/ and e2e/ share test/harness instead of importing each other.', SPEC('bench'));

const restrict = (...rules) => ['error', { patterns: rules.map((r) => ({ regex: r.regex.length === 1 ? r.regex[0] : r.regex.map((x) => `(?:${x})`).join('|'), message: r.message })) }];

/** Globals of a browser or an extension, which the core takes as parameters instead. */
const BROWSER_GLOBALS = ['window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'indexedDB', 'chrome', 'browser', 'fetch', 'DOMParser', 'XMLHttpRequest', 'self'].map(
  (name) => ({ name, message: 'utils/core is the pure core: take it as a parameter.' }),
);

const TESTS = ['**/*.test.ts', '**/*.test.tsx'];

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'out/', 'test-results/', 'bench/results/', 'bench/.cache/', 'web-ext-artifacts/'] },
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
  {
    files: ['utils/core/**'],
    ignores: TESTS,
    rules: { 'no-restricted-imports': restrict(BROWSER_API, OUTSIDE_CORE, UI, TEST_CODE), 'no-restricted-globals': ['error', ...BROWSER_GLOBALS] },
  },
  { files: ['utils/protocol/**'], ignores: TESTS, rules: { 'no-restricted-imports': restrict(STORAGE, PAGES, UI, ENTRYPOINTS, TEST_CODE) } },
  { files: ['utils/worker/**'], ignores: TESTS, rules: { 'no-restricted-imports': restrict(PAGES, UI, ENTRYPOINTS, TEST_CODE) } },
  { files: ['utils/pages/**'], ignores: TESTS, rules: { 'no-restricted-imports': restrict(WORKER, UI, ENTRYPOINTS, TEST_CODE) } },
  { files: ['utils/shared/**'], ignores: TESTS, rules: { 'no-restricted-imports': restrict(SHARED, UI, ENTRYPOINTS, TEST_CODE) } },
  { files: ['components/**'], ignores: TESTS, rules: { 'no-restricted-imports': restrict(WORKER, BROWSER_IN_COMPONENTS, ENTRYPOINTS, TEST_CODE) } },
  { files: ['entrypoints/clipper.ts'], rules: { 'no-restricted-imports': restrict(CONTENT_SCRIPT, UI, ENTRYPOINTS, TEST_CODE) } },
  { files: ['entrypoints/background.ts'], rules: { 'no-restricted-imports': restrict(PAGES, UI, ENTRYPOINTS, TEST_CODE) } },
  { files: ['bench/**'], rules: { 'no-restricted-imports': restrict(E2E) } },
  { files: ['e2e/**', 'test/harness/**'], rules: { 'no-restricted-imports': restrict(BENCH) } },
  { files: ['entrypoints/popup/**', 'entrypoints/options/**', 'entrypoints/library/**'], rules: { 'no-restricted-imports': restrict(WORKER, ENTRYPOINTS, TEST_CODE) } },
);
