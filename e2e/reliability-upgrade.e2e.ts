import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_BUILD_DIR, launchClipper, type ClipperSession } from '../cli/headless';
import { fixtureClips, fixtureContents, readDbFixtures, seedDbFixture } from '../test/harness/db-fixtures';
import { extensionCdp, recordFigure, wakeWorker } from '../test/harness/reliability-scenarios';

// Every schema version the project has shipped (a fixture per version in test/fixtures/db/, and one
// per earlier layout of a version) upgrades to the current one in the real browser with every clip
// intact and every search answered as before, even while an old page of that version holds the
// database open.

const fixtures = readDbFixtures();
const CURRENT_VERSION = 4;

let session: ClipperSession;

beforeAll(async () => {
  session = await launchClipper({ extensionDir: E2E_BUILD_DIR });
});

afterAll(async () => {
  await session?.close();
});

describe.each(fixtures)('a database written by schema version $version ($file)', (fixture) => {
  it(`upgrades to version ${CURRENT_VERSION} with every clip intact while an old page holds it open`, async () => {
    const { page, stopWorker } = await extensionCdp(session);
    // The worker (which owns the current database) is stopped; the old version's database replaces it.
    await stopWorker();
    await page.evaluate(seedDbFixture, fixture);

    // The worker starts again (a message wakes it) and opens the database at the current version.
    const started = Date.now();
    await wakeWorker(session, page);
    const listed = (await page.evaluate(() => chrome.runtime.sendMessage({ type: 'listClips', request: { limit: 500 } }))) as {
      ok: boolean;
      value: Array<{ id: string; title: string; seq: number; tags: string[] }>;
    };
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await page.evaluate(() => (globalThis as unknown as { __oldClosed?: boolean }).__oldClosed)).toBe(true);
    expect(listed.ok).toBe(true);
    const clips = fixtureClips(fixture);
    expect(listed.value.map((c) => c.id).sort()).toEqual(clips.map((c) => c.id).sort());
    expect(new Set(listed.value.map((c) => c.seq)).size).toBe(clips.length);

    const version = await page.evaluate(
      (name) =>
        new Promise<number>((resolve) => {
          const open = indexedDB.open(name);
          open.onsuccess = () => {
            resolve(open.result.version);
            open.result.close();
          };
        }),
      fixture.name,
    );
    expect(version).toBe(CURRENT_VERSION);

    // Every clip reads back whole: its summary fields, body and revisions.
    for (const summary of clips) {
      const content = fixtureContents(fixture).find((c) => c.id === summary.id)!;
      const got = (await page.evaluate((id) => chrome.runtime.sendMessage({ type: 'getClip', request: { id } }), summary.id)) as {
        ok: boolean;
        value: Record<string, unknown>;
      };
      expect(got.ok).toBe(true);
      expect(got.value).toMatchObject({ ...summary, contentHtml: content.contentHtml, revisions: content.revisions });
    }
    // Every search answers what that version answered (for version 1, which had none, what it should).
    const idOf = new Map(listed.value.map((c) => [c.seq, c.id]));
    const answers: Record<string, string[]> = {};
    for (const query of Object.keys(fixture.searches)) {
      const found = (await page.evaluate((q) => chrome.runtime.sendMessage({ type: 'searchClips', request: { query: q } }), query)) as {
        ok: boolean;
        value: number[] | null;
      };
      expect(found.ok).toBe(true);
      answers[query] = (found.value ?? []).map((seq) => idOf.get(seq)!).sort();
    }
    expect(answers).toEqual(fixture.searches);
    recordFigure(`upgrade ${fixture.file.replace(/\.json$/, '')}→v${CURRENT_VERSION}`, `${listed.value.length}/${clips.length} clips intact`);
    await page.close();
  });
});

it('has a fixture for every schema version before the current one', () => {
  expect([...new Set(fixtures.map((f) => f.version))].sort()).toEqual(Array.from({ length: CURRENT_VERSION - 1 }, (_, i) => i + 1));
});
