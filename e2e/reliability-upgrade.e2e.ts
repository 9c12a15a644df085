import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_BUILD_DIR, PROJECT_ROOT, launchClipper, type ClipperSession } from '../cli/headless';
import { extensionCdp, recordFigure, wakeWorker } from '../test/harness/reliability-scenarios';

// Every schema version the project has shipped (a fixture per version in test/fixtures/db/) upgrades
// to the current one in the real browser with every clip intact, even while an old page of that
// version holds the database open.

interface DbFixture {
  name: string;
  version: number;
  stores: Record<string, { keyPath: string; indexes: Array<{ name: string; keyPath: string; multiEntry?: boolean }> }>;
  records: Record<string, Array<Record<string, unknown> & { id: string }>>;
}

const FIXTURES = join(PROJECT_ROOT, 'test/fixtures/db');
const fixtures = readdirSync(FIXTURES)
  .filter((f) => /^v\d+\.json$/.test(f))
  .map((f) => JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as DbFixture);
const CURRENT_VERSION = 2;

let session: ClipperSession;

beforeAll(async () => {
  session = await launchClipper({ extensionDir: E2E_BUILD_DIR });
});

afterAll(async () => {
  await session?.close();
});

describe.each(fixtures)('a database written by schema version $version', (fixture) => {
  it(`upgrades to version ${CURRENT_VERSION} with every clip intact while an old page holds it open`, async () => {
    const { page, stopWorker } = await extensionCdp(session);
    // The worker (which owns the current database) is stopped; the old version's database replaces it.
    await stopWorker();
    await page.evaluate(
      (f) =>
        new Promise<void>((resolve, reject) => {
          const del = indexedDB.deleteDatabase(f.name);
          del.onerror = () => reject(del.error);
          del.onsuccess = () => {
            const open = indexedDB.open(f.name, f.version);
            open.onupgradeneeded = () => {
              for (const [store, def] of Object.entries(f.stores)) {
                const s = open.result.createObjectStore(store, { keyPath: def.keyPath });
                for (const index of def.indexes) s.createIndex(index.name, index.keyPath, { multiEntry: index.multiEntry ?? false });
              }
            };
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const db = open.result;
              const tx = db.transaction(Object.keys(f.records), 'readwrite');
              for (const [store, rows] of Object.entries(f.records)) for (const row of rows) tx.objectStore(store).put(row);
              tx.oncomplete = () => {
                // An old page of that version keeps its connection open, closing it when a newer
                // version asks (as every shipped version's `blocking` handler does).
                db.onversionchange = () => {
                  db.close();
                  (globalThis as unknown as { __oldClosed: boolean }).__oldClosed = true;
                };
                (globalThis as unknown as { __oldDb: IDBDatabase }).__oldDb = db;
                resolve();
              };
              tx.onerror = () => reject(tx.error);
            };
          };
        }),
      fixture,
    );

    // The worker starts again (a message wakes it) and opens the database at the current version.
    const started = Date.now();
    await wakeWorker(session, page);
    const listed = (await page.evaluate(() => chrome.runtime.sendMessage({ type: 'listClips', request: {} }))) as {
      ok: boolean;
      value: Array<{ id: string; title: string; seq: number; tags: string[] }>;
    };
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await page.evaluate(() => (globalThis as unknown as { __oldClosed?: boolean }).__oldClosed)).toBe(true);
    expect(listed.ok).toBe(true);
    const clips = fixture.records.clips!;
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
      const content = fixture.records.contents!.find((c) => c.id === summary.id)!;
      const got = (await page.evaluate((id) => chrome.runtime.sendMessage({ type: 'getClip', request: { id } }), summary.id)) as {
        ok: boolean;
        value: Record<string, unknown>;
      };
      expect(got.ok).toBe(true);
      expect(got.value).toMatchObject({ ...summary, contentHtml: content.contentHtml, revisions: content.revisions });
    }
    // Upgraded clips are searchable, and a new clip is numbered after them.
    const found = (await page.evaluate(() => chrome.runtime.sendMessage({ type: 'searchClips', request: { query: '搜索' } }))) as {
      ok: boolean;
      value: number[] | null;
    };
    expect(found.ok).toBe(true);
    const zh = listed.value.find((c) => c.id === 'v1-zh');
    expect(found.value).toEqual(zh ? [zh.seq] : []);
    recordFigure(`upgrade v${fixture.version}→v${CURRENT_VERSION}`, `${listed.value.length}/${clips.length} clips intact`);
    await page.close();
  });
});

it('has a fixture for every schema version before the current one', () => {
  expect(fixtures.map((f) => f.version).sort()).toEqual(Array.from({ length: CURRENT_VERSION - 1 }, (_, i) => i + 1));
});
