import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_BUILD_DIR, launchClipper, PROJECT_ROOT, type ClipperSession } from '../cli/headless';
import { draftFacts, expectedFacts, loadExtractFixtures } from '../test/harness/extract-fixtures';
import { runCorpus, type PageRun } from '../test/harness/corpus-run';

// The extraction fixtures (test/fixtures/extract/: Chinese news portals, bylines, zones, pages
// without an article) clipped by the built extension in Chromium, each at its own address with
// nothing else on the network: the unit test holds jsdom to the same answers.

const fixtures = loadExtractFixtures();
let session: ClipperSession;
let runs: PageRun[] = [];

beforeAll(async () => {
  session = await launchClipper({ extensionDir: E2E_BUILD_DIR });
  const pages = fixtures.map((f) => ({ name: f.name, url: f.expected.url, source: f.source, expectedHtml: '', expectedMeta: {} }));
  runs = await runCorpus(session, pages, { timeoutMs: 15_000, projectRoot: PROJECT_ROOT });
}, 120_000);

afterAll(async () => {
  await session?.close();
});

describe.each(fixtures.map((f, i) => ({ ...f, index: i })))('$name in Chromium', ({ expected, index }) => {
  it('is clipped in article mode with the expected metadata and text', () => {
    const run = runs[index]!;
    expect(run.status).toBe('clipped');
    const draft = run.draft!;
    expect(draftFacts(draft)).toEqual(expectedFacts(expected));
    for (const text of expected.bodyIncludes ?? []) expect(draft.contentHtml).toContain(text);
    for (const text of expected.bodyExcludes ?? []) expect(draft.contentHtml).not.toContain(text);
  });
});
