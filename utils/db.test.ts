import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { DB_VERSION, deleteClip, getClip, listClips, openClipperDb, restoreClip, saveDraft, type ClipperDb } from './db';
import { makeDraft } from './test-drafts';

let dbCount = 0;
const freshDb = () => openClipperDb(`test-db-${++dbCount}`);
let idCount = 0;
const options = (now: number) => ({ now, newId: () => `id-${++idCount}` });

describe('schema', () => {
  it('version 1 creates the stores and the indexes the list needs', async () => {
    const db = await freshDb();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['clips', 'contents']);
    const tx = db.transaction('clips');
    expect([...tx.store.indexNames].sort()).toEqual(['by-clippedAt', 'by-publishedAt', 'by-siteName', 'by-updatedAt', 'by-urlKey']);
    expect(tx.store.index('by-urlKey').multiEntry).toBe(true);
    db.close();
  });

  it('an open connection of an older version closes itself instead of blocking the upgrade', async () => {
    const name = `test-db-${++dbCount}`;
    await openClipperDb(name);
    // Without the `blocking` handler this open would wait forever (the test would time out).
    const newer = await openDB(name, DB_VERSION + 1);
    expect(newer.version).toBe(DB_VERSION + 1);
    newer.close();
  });
});

describe('saving drafts', () => {
  async function save(db: ClipperDb, overrides: Parameters<typeof makeDraft>[0], now = 1000) {
    return saveDraft(db, makeDraft(overrides), options(now));
  }

  it('stores a new clip with its body apart from its summary', async () => {
    const db = await freshDb();
    const { clip, created } = await save(db, {});
    expect(created).toBe(true);
    expect(clip).not.toHaveProperty('contentHtml');
    expect(clip.urlKeys).toEqual(['https://news.example/2024/05/01/story.html']);
    const full = await getClip(db, clip.id);
    expect(full?.contentHtml).toBe('<p>First paragraph.</p><p>Second paragraph.</p>');
    expect(full?.revisions).toEqual([]);
  });

  it('updates the clip of the same article (tracking parameters removed) without a revision when unchanged', async () => {
    const db = await freshDb();
    const first = await save(db, {}, 1000);
    const again = await save(db, { pageUrl: 'https://news.example/2024/05/01/story.html?fbclid=x&spm=1.2' }, 2000);
    expect(again.created).toBe(false);
    expect(again.revisionAdded).toBe(false);
    expect(again.clip.id).toBe(first.clip.id);
    expect(again.clip.updatedAt).toBe(2000);
    expect(again.clip.clippedAt).toBe(1000);
    expect(await listClips(db)).toHaveLength(1);
  });

  it('finds the same article by its canonical URL from another address', async () => {
    const db = await freshDb();
    await save(db, {});
    const again = await save(db, { pageUrl: 'https://m.news.example/story?id=9', url: 'https://news.example/2024/05/01/story.html' });
    expect(again.created).toBe(false);
  });

  it('keeps the earlier content as a revision when the article changed', async () => {
    const db = await freshDb();
    const first = await save(db, {}, 1000);
    const again = await save(db, { contentHtml: '<p>Corrected.</p>', title: 'A story (updated)' }, 5000);
    expect(again.revisionAdded).toBe(true);
    expect(again.clip.revisionCount).toBe(1);
    const full = await getClip(db, first.clip.id);
    expect(full?.contentHtml).toBe('<p>Corrected.</p>');
    expect(full?.revisions).toEqual([
      expect.objectContaining({ clippedAt: 1000, title: 'A story', contentHtml: '<p>First paragraph.</p><p>Second paragraph.</p>' }),
    ]);
  });

  it('keeps the user tags across a re-clip', async () => {
    const db = await freshDb();
    const first = await save(db, {});
    const full = (await getClip(db, first.clip.id))!;
    await restoreClip(db, { ...full, tags: ['存档'] });
    const again = await save(db, { contentHtml: '<p>Changed.</p>' });
    expect(again.clip.tags).toEqual(['存档']);
  });

  it('concurrent saves of one article make one clip', async () => {
    const db = await freshDb();
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => save(db, { pageUrl: `https://news.example/2024/05/01/story.html?utm_campaign=${n}` }, n)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await listClips(db)).toHaveLength(1);
  });

  it('lists the most recently clipped first', async () => {
    const db = await freshDb();
    await save(db, { url: 'https://news.example/a', pageUrl: 'https://news.example/a', title: 'A' }, 1);
    await save(db, { url: 'https://news.example/b', pageUrl: 'https://news.example/b', title: 'B' }, 2);
    await save(db, { url: 'https://news.example/a', pageUrl: 'https://news.example/a', title: 'A' }, 3);
    expect((await listClips(db)).map((c) => c.title)).toEqual(['A', 'B']);
  });
});

describe('deleting', () => {
  it('removes the clip and its body, and undo puts both back', async () => {
    const db = await freshDb();
    const { clip } = await saveDraft(db, makeDraft(), options(1));
    const deleted = await deleteClip(db, clip.id);
    expect(deleted?.contentHtml).toContain('First paragraph');
    expect(await listClips(db)).toEqual([]);
    expect(await getClip(db, clip.id)).toBeUndefined();
    await restoreClip(db, deleted!);
    expect(await getClip(db, clip.id)).toEqual(deleted);
  });

  it('answers undefined for a clip that is not there', async () => {
    const db = await freshDb();
    expect(await deleteClip(db, 'missing')).toBeUndefined();
  });
});
