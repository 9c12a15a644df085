import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// Each context boundary in eslint.config.js, proven to fire on a deliberate violation (and not on
// the imports that context is meant to use): a rule that silently stopped matching would let the
// layout rot without a sound.

const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = x;\n`, { filePath });
  return result!.messages.filter((m) => m.ruleId?.startsWith('no-restricted-')).map((m) => `${m.ruleId}: ${m.message}`);
}

interface Case {
  file: string;
  code: string;
  /** Words from the message the rule must give. */
  fires: string;
}

const VIOLATIONS: Record<string, Case> = {
  'core imports a browser API': { file: 'utils/core/format/x.ts', code: "import { browser as x } from 'wxt/browser';", fires: 'no browser API' },
  'core imports storage (idb)': { file: 'utils/core/extract/x.ts', code: "import { openDB as x } from 'idb';", fires: 'no browser API' },
  'core uses the document global': { file: 'utils/core/format/x.ts', code: 'const x = document.title;', fires: 'take it as a parameter' },
  'core uses the chrome global': { file: 'utils/core/model/x.ts', code: 'const x = chrome.runtime;', fires: 'take it as a parameter' },
  'core imports the worker': { file: 'utils/core/extract/x.ts', code: "import { openLibrary as x } from '../../worker/db';", fires: 'nothing outside utils/core' },
  'core imports the worker by alias': { file: 'utils/core/search/x.ts', code: "import { openLibrary as x } from '@/utils/worker/db';", fires: 'nothing outside utils/core' },
  'core imports the protocol': { file: 'utils/core/format/x.ts', code: "import { BATCH_LIMIT as x } from '../../protocol/messages';", fires: 'nothing outside utils/core' },
  'core imports a page client': { file: 'utils/core/backup/x.ts', code: "import { postFor as x } from '@/utils/pages/export-post';", fires: 'nothing outside utils/core' },
  'core imports jsdom': { file: 'utils/core/format/x.ts', code: "import { JSDOM as x } from 'jsdom';", fires: 'never imports test code' },
  'core imports a Node module': { file: 'utils/core/format/x.ts', code: "import { readFileSync as x } from 'node:fs';", fires: 'never imports test code' },
  'core imports preact': { file: 'utils/core/library/x.ts', code: "import { h as x } from 'preact';", fires: 'UI code belongs' },
  'the protocol imports the database': { file: 'utils/protocol/x.ts', code: "import type { LibraryDb as x } from '../worker/db';", fires: 'no storage module' },
  'the protocol imports idb': { file: 'utils/protocol/x.ts', code: "import { openDB as x } from 'idb';", fires: 'no storage module' },
  'a page client imports the worker': { file: 'utils/pages/x.ts', code: "import { openLibrary as x } from '../worker/db';", fires: 'belongs to the background worker' },
  'a component imports the search index': { file: 'components/X.tsx', code: "import { searchIndex as x } from '@/utils/worker/search-index';", fires: 'belongs to the background worker' },
  'a component imports the browser API': { file: 'components/X.tsx', code: "import { browser as x } from 'wxt/browser';", fires: 'through props' },
  'the worker imports a component': { file: 'utils/worker/x.ts', code: "import { PopupApp as x } from '@/components/PopupApp';", fires: 'UI code belongs' },
  'the worker imports a page client': { file: 'utils/worker/x.ts', code: "import { postFor as x } from '../pages/export-post';", fires: 'belongs to the extension pages' },
  'shared code imports the worker': { file: 'utils/shared/x.ts', code: "import { openLibrary as x } from '../worker/db';", fires: 'imports neither' },
  'shared code imports a page client': { file: 'utils/shared/x.ts', code: "import { postFor as x } from '../pages/export-post';", fires: 'imports neither' },
  'shared code imports a component': { file: 'utils/shared/x.ts', code: "import { PopupApp as x } from '@/components/PopupApp';", fires: 'UI code belongs' },
  'a component imports the settings store': { file: 'components/X.tsx', code: "import { loadSettings as x } from '@/utils/shared/settings-store';", fires: 'through props' },
  'core imports shared code': { file: 'utils/core/settings/x.ts', code: "import { loadSettings as x } from '../../shared/settings-store';", fires: 'nothing outside utils/core' },
  'the background entry imports a component': { file: 'entrypoints/background.ts', code: "import { PopupApp as x } from '@/components/PopupApp';", fires: 'UI code belongs' },
  'the content script imports messaging': { file: 'entrypoints/clipper.ts', code: "import { sendMessage as x } from '@/utils/protocol/messaging';", fires: 'only reads the page' },
  'the content script imports the browser API': { file: 'entrypoints/clipper.ts', code: "import { browser as x } from 'wxt/browser';", fires: 'only reads the page' },
  'the popup entry imports the worker': { file: 'entrypoints/popup/main.tsx', code: "import { openLibrary as x } from '@/utils/worker/db';", fires: 'belongs to the background worker' },
  'the library entry imports the worker': { file: 'entrypoints/library/main.tsx', code: "import { openLibrary as x } from '@/utils/worker/db';", fires: 'belongs to the background worker' },
  'an entry point imports another': { file: 'utils/pages/x.ts', code: "import x from '@/entrypoints/background';", fires: 'Entry points are wiring' },
  'a source module imports a test helper': { file: 'utils/worker/x.ts', code: "import { draft as x } from '../../test/helpers/drafts';", fires: 'never imports test code' },
  'a component imports a fixture': { file: 'components/X.tsx', code: "import { VECTORS as x } from '@/test/fixtures/hostile/purify-vectors';", fires: 'never imports test code' },
  'a page client imports vitest': { file: 'utils/pages/x.ts', code: "import { vi as x } from 'vitest';", fires: 'never imports test code' },
  'a source module imports the bench': { file: 'utils/protocol/x.ts', code: "import { x } from '../../bench/lib/export-clips';", fires: 'never imports test code' },
  'a benchmark imports an e2e test module': { file: 'bench/x.ts', code: "import { x } from '../e2e/clipper.e2e';", fires: 'share test/harness' },
  'an e2e test imports a benchmark module': { file: 'e2e/x.e2e.ts', code: "import { x } from '../bench/lib/export-clips';", fires: 'share test/harness' },
  'the harness imports a benchmark module': { file: 'test/harness/x.ts', code: "import { x } from '../../bench/lib/source-map';", fires: 'share test/harness' },
};

/** What each context is meant to import: the rules must let these through. */
const ALLOWED: Record<string, Omit<Case, 'fires'>> = {
  'core imports core and its libraries': {
    file: 'utils/core/format/x.ts',
    code: "import type { Clip } from '../model/types';\nimport { zipSync } from 'fflate';\nimport DOMPurify from 'dompurify';\nconst x = [zipSync, DOMPurify] as unknown as Clip;",
  },
  'the protocol imports core types and the browser': { file: 'utils/protocol/x.ts', code: "import type { Clip } from '../core/model/types';\nimport { browser } from 'wxt/browser';\nconst x = browser as unknown as Clip;" },
  'the worker imports idb, the protocol and core': {
    file: 'utils/worker/x.ts',
    code: "import { openDB } from 'idb';\nimport { BATCH_LIMIT } from '../protocol/messages';\nimport { tokens } from '../core/search/search-terms';\nconst x = [openDB, BATCH_LIMIT, tokens];",
  },
  'the worker and the pages import shared code': {
    file: 'utils/worker/x.ts',
    code: "import { loadSettings } from '../shared/settings-store';\nconst x = loadSettings;",
  },
  'a page client imports shared code': { file: 'utils/pages/x.ts', code: "import { loadSettings as x } from '../shared/settings-store';" },
  'shared code imports wxt storage and core': {
    file: 'utils/shared/x.ts',
    code: "import { storage } from 'wxt/utils/storage';\nimport { readSettings } from '../core/settings/settings';\nconst x = [storage, readSettings];",
  },
  'a component imports page clients and core': {
    file: 'components/X.tsx',
    code: "import { useState } from 'preact/hooks';\nimport type { PopupClient } from '@/utils/pages/popup-client';\nimport type { Clip } from '@/utils/core/model/types';\nconst x = useState as unknown as PopupClient | Clip;",
  },
  'the content script imports the extraction core': { file: 'entrypoints/clipper.ts', code: "import { extractDraft as x } from '@/utils/core/extract/extract-draft';" },
  'a benchmark and an e2e test import the harness and the driver': {
    file: 'bench/x.ts',
    code: "import { loadCorpus } from '../test/harness/corpus-pages';\nimport { launchClipper } from '../cli/headless';\nconst x = [loadCorpus, launchClipper];",
  },
  'a unit test imports its helpers': { file: 'utils/worker/x.test.ts', code: "import { JSDOM } from 'jsdom';\nimport { draft } from '../../test/helpers/drafts';\nconst x = [JSDOM, draft];" },
};

describe('context boundaries', () => {
  // The first lint loads the TypeScript parser and every plugin: seconds on a busy machine, which
  // is no part of what the cases prove.
  beforeAll(() => problems('utils/core/model/x.ts', 'const x = 1;'), 120_000);

  it.each(Object.entries(VIOLATIONS))('fire when %s', async (_name, { file, code, fires }) => {
    const found = await problems(file, code);
    expect(found.some((p) => p.includes(fires)), `${file}: ${found.join('; ') || 'no problem reported'}`).toBe(true);
  });

  it.each(Object.entries(ALLOWED))('let through: %s', async (_name, { file, code }) => {
    expect(await problems(file, code)).toEqual([]);
  });
});
