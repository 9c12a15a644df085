import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// Databases as earlier schema versions wrote them (test/fixtures/db/), for the upgrade tests: the
// unit test seeds them into fake-indexeddb, the real-browser test into Chromium, with one seeder.

/**
 * One stored database. A store without `keyPath` keys its records out of line: its rows are
 * `{ key, value }`. A stored Uint32Array is written `{ "$Uint32Array": [...] }`.
 */
export interface DbFixture {
  /** The file it came from. */
  file: string;
  name: string;
  version: number;
  stores: Record<string, { keyPath?: string; indexes: Array<{ name: string; keyPath: string; multiEntry?: boolean }> }>;
  records: Record<string, unknown[]>;
  /** What that version's search answered (query → clip ids, sorted), which the upgrade must keep. */
  searches: Record<string, string[]>;
}

export interface FixtureClip extends Record<string, unknown> {
  id: string;
  seq?: number;
}

export interface FixtureContent extends Record<string, unknown> {
  id: string;
  contentHtml: string;
  revisions: unknown[];
}

const FIXTURES = fileURLToPath(new URL('../fixtures/db/', import.meta.url));

/** Every fixture: `v<N>.json` for each shipped version, `v<N>-<layout>.json` for an earlier layout of that version. */
export function readDbFixtures(): DbFixture[] {
  return readdirSync(FIXTURES)
    .filter((f) => /^v\d+(-[a-z-]+)?\.json$/.test(f))
    .sort()
    .map((file) => ({ file, ...(JSON.parse(readFileSync(`${FIXTURES}${file}`, 'utf8')) as Omit<DbFixture, 'file'>) }));
}

export const fixtureClips = (f: DbFixture) => f.records.clips as FixtureClip[];
export const fixtureContents = (f: DbFixture) => f.records.contents as FixtureContent[];

/**
 * Writes `fixture` into a new database of its version (any of that name is deleted first) and
 * keeps the connection open, as a page of that version would: it closes when a newer version asks
 * (every shipped version's `blocking` handler does), and then sets `globalThis.__oldClosed`.
 * Self-contained, with no named inner functions, so that it runs in a browser page as it is.
 */
export function seedDbFixture(fixture: DbFixture): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const del = indexedDB.deleteDatabase(fixture.name);
    del.onerror = () => reject(del.error);
    del.onsuccess = () => {
      const open = indexedDB.open(fixture.name, fixture.version);
      open.onupgradeneeded = () => {
        for (const [store, def] of Object.entries(fixture.stores)) {
          const s = open.result.createObjectStore(store, def.keyPath === undefined ? {} : { keyPath: def.keyPath });
          for (const index of def.indexes) s.createIndex(index.name, index.keyPath, { multiEntry: index.multiEntry ?? false });
        }
      };
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const db = open.result;
        const tx = db.transaction(Object.keys(fixture.records), 'readwrite');
        for (const [store, rows] of Object.entries(fixture.records)) {
          const outOfLine = fixture.stores[store]!.keyPath === undefined;
          for (const row of rows) {
            if (!outOfLine) {
              tx.objectStore(store).put(row);
              continue;
            }
            const { key, value } = row as { key: IDBValidKey; value: unknown };
            const typed = value !== null && typeof value === 'object' && '$Uint32Array' in value;
            tx.objectStore(store).put(typed ? Uint32Array.from((value as { $Uint32Array: number[] }).$Uint32Array) : value, key);
          }
        }
        tx.oncomplete = () => {
          (globalThis as unknown as { __oldDb: IDBDatabase }).__oldDb = db;
          db.onversionchange = () => {
            db.close();
            (globalThis as unknown as { __oldClosed: boolean }).__oldClosed = true;
          };
          resolve();
        };
        tx.onerror = () => reject(tx.error);
      };
    };
  });
}
