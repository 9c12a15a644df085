import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it, vi } from 'vitest';
import {
  isQuotaError,
  DB_VERSION,
  deleteClips,
  getClip,
  getClips,
  importDrafts,
  listClips,
  openClipperDb,
  restoreClips,
  retagClips,
  saveDraft,
  mergeSearchIndex,
  mergeSearchIndexIfDue,
  searchClipSeqs,
  updateClip,
  type ClipperDb,
} from './db';
import { headOf, SEGMENT, spreadOf, stageTerms, storedLists } from './search-index';
import { makeDraft } from '../../test/helpers/drafts';
import { fixtureClips, fixtureContents, readDbFixtures, seedDbFixture } from '../../test/harness/db-fixtures';

let dbCount = 0;
const freshDb = () => openClipperDb(`test-db-${++dbCount}`);
let idCount = 0;

/** Search answers clip numbers; tests speak of ids. */
async function searchClipIds(db: ClipperDb, query: string): Promise<string[] | undefined> {
  const seqs = await searchClipSeqs(db, query);
  if (!seqs) return undefined;
  const bySeq = new Map((await listClips(db)).map((c) => [c.seq, c.id]));
  return seqs.map((seq) => bySeq.get(seq)!);
}
const options = (now: number) => ({ now, newId: () => `id-${++idCount}` });

describe('schema', () => {
  it('creates the stores and the indexes the list and the search need', async () => {
    const db = await freshDb();
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['clips', 'contents', 'docTerms', 'meta', 'pending', 'termBuckets']);
    const tx = db.transaction(['clips', 'pending']);
    const clips = tx.objectStore('clips');
    expect([...clips.indexNames].sort()).toEqual(['by-clippedAt', 'by-publishedAt', 'by-siteName', 'by-tag', 'by-updatedAt', 'by-urlKey']);
    expect(clips.index('by-urlKey').multiEntry).toBe(true);
    expect([...tx.objectStore('pending').indexNames]).toEqual([]);
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
    await updateClip(db, first.clip.id, { tags: ['存档'], note: 'keep' });
    const again = await save(db, { contentHtml: '<p>Changed.</p>' });
    expect(again.clip.tags).toEqual(['存档']);
    expect(again.clip.note).toBe('keep');
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
    expect((await listClips(db, 1)).map((c) => c.title)).toEqual(['A']);
    // Where the browser cannot read an index backwards in one request, a cursor gives the same.
    const descriptor = Object.getOwnPropertyDescriptor(IDBIndex.prototype, 'getAllRecords');
    expect(descriptor).toBeDefined();
    delete (IDBIndex.prototype as { getAllRecords?: unknown }).getAllRecords;
    try {
      expect((await listClips(db, 1)).map((c) => c.title)).toEqual(['A']);
      expect((await listClips(db, 5)).map((c) => c.title)).toEqual(['A', 'B']);
    } finally {
      Object.defineProperty(IDBIndex.prototype, 'getAllRecords', descriptor!);
    }
  });
});

describe('deleting', () => {
  it('removes clips with their bodies and index entries, and undo puts everything back', async () => {
    const db = await freshDb();
    const a = await saveDraft(db, makeDraft({ title: 'Alpha story' }), options(1));
    const b = await saveDraft(db, makeDraft({ url: 'https://news.example/b', pageUrl: 'https://news.example/b', title: 'Beta' }), options(2));
    const deleted = await deleteClips(db, [a.clip.id, b.clip.id, 'missing']);
    expect(deleted.map((c) => c.title).sort()).toEqual(['Alpha story', 'Beta']);
    expect(deleted[0]?.contentHtml).toContain('First paragraph');
    expect(await listClips(db)).toEqual([]);
    expect(await searchClipIds(db, 'alpha')).toEqual([]);
    await restoreClips(db, deleted);
    // Back under a new number: the old one may already have been reused by nothing, but never is.
    expect(await getClip(db, a.clip.id)).toEqual({ ...deleted.find((c) => c.id === a.clip.id), seq: expect.any(Number) });
    expect(await searchClipIds(db, 'alpha')).toEqual([a.clip.id]);
  });
});

describe('editing', () => {
  it('keeps the extraction when the title or body is first edited, and indexes the edit', async () => {
    const db = await freshDb();
    const { clip } = await saveDraft(db, makeDraft({ title: '原来的标题' }), options(1));
    const updated = await updateClip(db, clip.id, { title: '改过的标题', contentHtml: '<p>Only this.</p>' });
    expect(updated).toMatchObject({ title: '改过的标题', edited: true });
    await updateClip(db, clip.id, { title: '又改了' });
    const full = await getClip(db, clip.id);
    expect(full?.contentHtml).toBe('<p>Only this.</p>');
    expect(full?.original).toEqual({ title: '原来的标题', contentHtml: '<p>First paragraph.</p><p>Second paragraph.</p>' });
    expect(await searchClipIds(db, '又改')).toEqual([clip.id]);
    expect(await searchClipIds(db, '原来')).toEqual([]);
  });

  it('changing tags or the note keeps no original', async () => {
    const db = await freshDb();
    const { clip } = await saveDraft(db, makeDraft(), options(1));
    await updateClip(db, clip.id, { tags: ['x'], note: 'n' });
    const full = await getClip(db, clip.id);
    expect(full?.original).toBeUndefined();
    expect(full?.edited).toBeUndefined();
  });

  it('answers undefined for a clip that is not there', async () => {
    expect(await updateClip(await freshDb(), 'missing', { note: 'x' })).toBeUndefined();
  });

  it('adds and removes tags on several clips at once', async () => {
    const db = await freshDb();
    const a = await saveDraft(db, makeDraft(), options(1));
    const b = await saveDraft(db, makeDraft({ url: 'https://news.example/b', pageUrl: 'https://news.example/b' }), options(2));
    await retagClips(db, [a.clip.id, b.clip.id], ['存档', 'china'], []);
    await retagClips(db, [b.clip.id], [], ['china']);
    const tags = Object.fromEntries((await listClips(db)).map((c) => [c.id, c.tags]));
    expect(tags).toEqual({ [a.clip.id]: ['存档', 'china'], [b.clip.id]: ['存档'] });
    expect((await searchClipIds(db, '存档'))?.sort()).toEqual([a.clip.id, b.clip.id].sort());
  });
});

describe('search', () => {
  async function library() {
    const db = await freshDb();
    const save = (title: string, contentHtml: string, extra = {}) =>
      saveDraft(db, makeDraft({ title, contentHtml, url: `https://news.example/${title}`, pageUrl: `https://news.example/${title}`, ...extra }), options(1));
    const a = await save('布林肯和秦刚会面', '<p>美国国务卿布林肯在抵达北京后，与中共外交部长秦刚举行了会面。</p>');
    const b = await save('Climate talks stall', '<p>Negotiators in Bonn failed to agree.</p>', { byline: 'Jane Roe' });
    const c = await save('東京の天気', '<p>明日は晴れるでしょう。北京も晴れ。</p>');
    return { db, a: a.clip.id, b: b.clip.id, c: c.clip.id };
  }

  it('finds Chinese words inside the text, which has no spaces', async () => {
    const { db, a, c } = await library();
    expect(await searchClipIds(db, '外交部长')).toEqual([a]);
    expect((await searchClipIds(db, '北京'))?.sort()).toEqual([a, c].sort());
    expect(await searchClipIds(db, '北京 秦刚')).toEqual([a]);
  });

  it('finds Japanese and one-character queries', async () => {
    const { db, a, c } = await library();
    expect(await searchClipIds(db, '晴れる')).toEqual([c]);
    expect(await searchClipIds(db, '秦')).toEqual([a]);
  });

  it('finds English words by prefix as the user types, and bylines', async () => {
    const { db, b } = await library();
    expect(await searchClipIds(db, 'negot')).toEqual([b]);
    expect(await searchClipIds(db, 'climate STA')).toEqual([b]);
    expect(await searchClipIds(db, 'roe')).toEqual([b]);
    expect(await searchClipIds(db, 'climate beijing')).toEqual([]);
  });

  it('has nothing to search in an empty query', async () => {
    const { db } = await library();
    expect(await searchClipIds(db, '  ')).toBeUndefined();
  });

  it('follows re-clips: the old text is no longer found', async () => {
    const db = await freshDb();
    const { clip } = await saveDraft(db, makeDraft({ contentHtml: '<p>Earthquake in the north.</p>' }), options(1));
    await saveDraft(db, makeDraft({ contentHtml: '<p>Flood in the south.</p>' }), options(2));
    expect(await searchClipIds(db, 'earthquake')).toEqual([]);
    expect(await searchClipIds(db, 'flood')).toEqual([clip.id]);
  });
});

describe('restoring and importing', () => {
  it('restores a backup into an empty library with new numbers, and imports posts without duplicates', async () => {
    const source = await freshDb();
    const { clip } = await saveDraft(source, makeDraft({ title: '备份里的剪藏' }), options(1));
    await updateClip(source, clip.id, { tags: ['存档'], note: '注' });
    const backup = await getClips(source, [clip.id, 'missing']);
    expect(backup).toHaveLength(1);
    const target = await freshDb();
    await saveDraft(target, makeDraft({ url: 'https://news.example/other', pageUrl: 'https://news.example/other' }), options(1));
    await restoreClips(target, backup);
    const restored = await getClip(target, clip.id);
    expect(restored).toMatchObject({ title: '备份里的剪藏', tags: ['存档'], note: '注' });
    expect(restored?.seq).not.toBe(1);
    expect(await searchClipIds(target, '备份')).toEqual([clip.id]);

    const imported = await importDrafts(
      target,
      [
        { ...makeDraft({ title: '备份里的剪藏' }), tags: ['新标签'] },
        { ...makeDraft({ url: 'https://news.example/new', pageUrl: 'https://news.example/new', title: 'New one' }), tags: [], clippedAt: 77 },
      ],
      options(5),
    );
    expect(imported).toEqual({ added: 1, known: 1 });
    expect((await getClip(target, clip.id))?.tags).toEqual(['存档', '新标签']);
    expect((await listClips(target)).find((c) => c.title === 'New one')?.clippedAt).toBe(77);
  });
});

describe('importing a batch', () => {
  const post = (n: number, tags: string[] = []) => ({
    ...makeDraft({ url: `https://archive.example/${n}`, pageUrl: `https://archive.example/${n}`, title: `Post ${n}`, contentHtml: `<p>story ${n} 北京</p>` }),
    tags,
  });
  const posts = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => post(from + i));

  it('writes the whole batch in one transaction, numbers it, and makes it searchable', async () => {
    const db = await freshDb();
    const transaction = vi.spyOn(db, 'transaction');
    expect(await importDrafts(db, posts(0, 300), options(1))).toEqual({ added: 300, known: 0 });
    expect(transaction.mock.calls.filter(([, mode]) => mode === 'readwrite')).toHaveLength(1);
    transaction.mockRestore();
    const clips = await listClips(db);
    expect(new Set(clips.map((c) => c.seq)).size).toBe(300);
    expect(await searchClipIds(db, '北京')).toHaveLength(300);
    expect(await searchClipIds(db, 'story')).toHaveLength(300);
    await mergeSearchIndex(db);
    expect(await searchClipIds(db, '北京')).toHaveLength(300);
    // Numbers go on after the batch.
    const { clip } = await saveDraft(db, makeDraft({ url: 'https://later.example/', pageUrl: 'https://later.example/' }), options(2));
    expect(clip.seq).toBe(Math.max(...clips.map((c) => c.seq)) + 1);
  });

  it('stores nothing of a batch that fails midway', async () => {
    const db = await freshDb();
    await importDrafts(db, posts(0, 10), options(1));
    const broken = posts(10, 20);
    // A value IndexedDB cannot store, halfway through the batch.
    (broken[5] as unknown as { keywords: unknown[] }).keywords = [() => 'not storable'];
    await expect(importDrafts(db, broken, options(2))).rejects.toThrow();
    expect((await listClips(db)).map((c) => c.title).sort()).toEqual(posts(0, 10).map((p) => p.title).sort());
    expect(await searchClipIds(db, '北京')).toHaveLength(10);
    // The next batch takes the numbers the failed one did not keep.
    await importDrafts(db, posts(10, 20), options(3));
    expect((await listClips(db)).map((c) => c.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('adds nothing twice: known articles and repeats within the batch only gain tags', async () => {
    const db = await freshDb();
    await importDrafts(db, [post(1, ['a']), post(2)], options(1));
    expect(await importDrafts(db, [post(1, ['a']), post(2)], options(2))).toEqual({ added: 0, known: 2 });
    const result = await importDrafts(db, [post(1, ['b']), post(3, ['x']), { ...post(3, ['y']), pageUrl: 'https://archive.example/3?utm_source=feed' }, post(1, ['c'])], options(3));
    expect(result).toEqual({ added: 1, known: 3 });
    const clips = await listClips(db);
    expect(clips).toHaveLength(3);
    const tagsOf = (n: number) => clips.find((c) => c.title === `Post ${n}`)?.tags;
    expect([tagsOf(1), tagsOf(2), tagsOf(3)]).toEqual([['a', 'b', 'c'], [], ['x', 'y']]);
    // A tag is searchable: the clip's terms were staged again with it.
    expect(await searchClipIds(db, 'c')).toEqual([clips.find((c) => c.title === 'Post 1')!.id]);
    const body = await getClip(db, clips.find((c) => c.title === 'Post 1')!.id);
    expect(body?.contentHtml).toBe('<p>story 1 北京</p>');
  });
});

describe('the search index across merges', () => {
  it('answers the same before and after recent writes are merged, deletions and changes included', async () => {
    const db = await freshDb();
    const save = (n: number, html: string, now = n) =>
      saveDraft(db, makeDraft({ url: `https://news.example/${n}`, pageUrl: `https://news.example/${n}`, title: `T${n}`, contentHtml: html }), options(now));
    const a = await save(1, '<p>北京 earthquake</p>');
    const b = await save(2, '<p>北京 flood</p>');
    await save(3, '<p>上海 flood</p>');
    const before = { beijing: await searchClipIds(db, '北京'), flood: await searchClipIds(db, 'flood') };
    expect(await mergeSearchIndex(db)).toBe(3);
    expect({ beijing: await searchClipIds(db, '北京'), flood: await searchClipIds(db, 'flood') }).toEqual(before);
    // After the merge: a deletion and a change, still pending, must hide what the postings say.
    await deleteClips(db, [a.clip.id]);
    await save(2, '<p>广州 drought</p>', 9);
    expect(await searchClipIds(db, '北京')).toEqual([]);
    expect(await searchClipIds(db, 'flood')).toHaveLength(1);
    expect(await searchClipIds(db, '广州')).toEqual([b.clip.id]);
    await mergeSearchIndex(db);
    expect(await searchClipIds(db, '北京')).toEqual([]);
    expect(await searchClipIds(db, '广州')).toEqual([b.clip.id]);
    expect(await storedLists(db, '北京')).toEqual([]);
  });

  it('keeps numbers in order across posting segments', async () => {
    const db = await freshDb();
    await db.put('meta', 2047, 'nextSeq');
    const saved = [];
    for (const n of [1, 2, 3]) {
      saved.push(await saveDraft(db, makeDraft({ url: `https://news.example/${n}`, pageUrl: `https://news.example/${n}`, contentHtml: '<p>台风登陆</p>' }), options(n)));
    }
    await mergeSearchIndex(db);
    expect(saved.map((s) => s.clip.seq)).toEqual([2047, 2048, 2049]);
    expect(await searchClipSeqs(db, '台风')).toEqual([2047, 2048, 2049]);
    expect(await storedLists(db, '台风')).toEqual([[2047], [2048, 2049]]);
  });

  it('finds exact terms and prefixes in the merged buckets as in the pending ones', async () => {
    const db = await freshDb();
    const bodies = ['<p>中国 climate 𠀋𠀌</p>', '<p>中文 clinic a</p>', '<p>国中 climbing ab</p>', '<p>中 cl 𠀋</p>'];
    for (const [n, html] of bodies.entries()) {
      await saveDraft(db, makeDraft({ url: `https://news.example/${n}`, pageUrl: `https://news.example/${n}`, title: `T${n}`, contentHtml: html }), options(n));
    }
    const queries = ['中', '中国', '国', 'cl', 'cli', 'clim', 'climate', 'a', 'ab', '𠀋', '𠀋𠀌', 'clinic a'];
    const seqsOf = async () => Object.fromEntries(await Promise.all(queries.map(async (q) => [q, await searchClipSeqs(db, q)])));
    const pending = await seqsOf();
    expect(pending).toMatchObject({ 中: [1, 2, 4], 中国: [1], 国: [3], cl: [1, 2, 3, 4], cli: [1, 2, 3], clim: [1, 3], climate: [1], a: [2], ab: [3], '𠀋': [1, 4], 'clinic a': [2] });
    await mergeSearchIndex(db);
    expect(await db.count('pending')).toBe(0);
    expect(await seqsOf()).toEqual(pending);
  });

  it('merges only once enough writes have gathered', async () => {
    const db = await freshDb();
    await saveDraft(db, makeDraft(), options(1));
    expect(await mergeSearchIndexIfDue(db)).toBe(0);
    expect(await db.count('pending')).toBe(1);
  });

  it('keeps its in-memory pending terms right through deletes, undo, edits, tags and re-clips', async () => {
    const name = `test-db-${++dbCount}`;
    const db = await openClipperDb(name);
    const save = (n: number, html: string, now = n) =>
      saveDraft(db, makeDraft({ url: `https://news.example/${n}`, pageUrl: `https://news.example/${n}`, title: `T${n}`, contentHtml: html }), options(now));
    /** What this connection (whose map is warm) answers, checked against a fresh connection that reads the store. */
    async function search(query: string): Promise<string[] | undefined> {
      const warm = await searchClipIds(db, query);
      const cold = await openClipperDb(name);
      expect(await searchClipIds(cold, query)).toEqual(warm);
      cold.close();
      return warm;
    }
    const a = await save(1, '<p>台风 typhoon</p>');
    const b = await save(2, '<p>地震 earthquake</p>');
    expect(await search('台风')).toEqual([a.clip.id]);
    const deleted = await deleteClips(db, [a.clip.id]);
    expect(await search('台风')).toEqual([]);
    await restoreClips(db, deleted);
    expect(await search('台风')).toEqual([a.clip.id]);
    await updateClip(db, a.clip.id, { contentHtml: '<p>暴雨 rainstorm</p>' });
    expect(await search('台风')).toEqual([]);
    expect(await search('暴雨')).toEqual([a.clip.id]);
    await retagClips(db, [a.clip.id, b.clip.id], ['天气'], []);
    // Undone, the first clip came back with a new number, after the second.
    expect(await search('天气')).toEqual([b.clip.id, a.clip.id]);
    await save(2, '<p>干旱 drought</p>', 5);
    expect(await search('地震')).toEqual([]);
    expect(await search('drou')).toEqual([b.clip.id]);
    await mergeSearchIndex(db);
    expect(await search('天气')).toEqual([b.clip.id, a.clip.id]);
    await deleteClips(db, [b.clip.id]);
    expect(await search('天气')).toEqual([a.clip.id]);
  });

  it('ignores the terms of a write that was undone', async () => {
    const db = await freshDb();
    const a = await saveDraft(db, makeDraft({ contentHtml: '<p>台风</p>' }), options(1));
    expect(await searchClipSeqs(db, '台风')).toEqual([a.clip.seq]);
    const tx = db.transaction(['pending'], 'readwrite');
    await stageTerms(tx, a.clip.seq, []);
    tx.abort();
    await tx.done.catch(() => {});
    expect(await searchClipSeqs(db, '台风')).toEqual([a.clip.seq]);
  });

  it('numbers clips once and never reuses a number', async () => {
    const db = await freshDb();
    const a = await saveDraft(db, makeDraft({ url: 'https://news.example/a', pageUrl: 'https://news.example/a' }), options(1));
    await deleteClips(db, [a.clip.id]);
    const b = await saveDraft(db, makeDraft({ url: 'https://news.example/b', pageUrl: 'https://news.example/b' }), options(2));
    expect(b.clip.seq).toBeGreaterThan(a.clip.seq);
  });
});

describe('upgrades', () => {
  /** A database exactly as version 1 of the extension wrote it. */
  async function writeVersion1(name: string) {
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        const clips = db.createObjectStore('clips', { keyPath: 'id' });
        clips.createIndex('by-clippedAt', 'clippedAt');
        clips.createIndex('by-updatedAt', 'updatedAt');
        clips.createIndex('by-publishedAt', 'publishedAt');
        clips.createIndex('by-siteName', 'siteName');
        clips.createIndex('by-urlKey', 'urlKeys', { multiEntry: true });
        db.createObjectStore('contents', { keyPath: 'id' });
      },
    });
    const { contentHtml, ...summary } = makeDraft({ title: '旧版本的剪藏', contentHtml: '<p>升级以后仍然可以搜索。</p>' });
    await v1.put('clips', { ...summary, id: 'v1-clip', clippedAt: 5, updatedAt: 5, tags: ['old'], urlKeys: [summary.url], revisionCount: 0 });
    await v1.put('contents', { id: 'v1-clip', contentHtml, revisions: [] });
    v1.close();
  }

  it('version 1 → 2 keeps every clip, numbers it and indexes it for search', async () => {
    const name = `test-db-${++dbCount}`;
    await writeVersion1(name);
    const db = await openClipperDb(name);
    expect(db.version).toBe(DB_VERSION);
    expect((await listClips(db)).map((c) => c.title)).toEqual(['旧版本的剪藏']);
    expect((await getClip(db, 'v1-clip'))?.contentHtml).toBe('<p>升级以后仍然可以搜索。</p>');
    expect(await searchClipIds(db, '搜索')).toEqual(['v1-clip']);
    expect((await getClip(db, 'v1-clip'))?.seq).toBe(1);
    // New clips are numbered after the upgraded ones.
    const next = await saveDraft(db, makeDraft({ url: 'https://news.example/new', pageUrl: 'https://news.example/new' }), options(10));
    expect(next.clip.seq).toBe(2);
    expect(await db.getAllKeysFromIndex('clips', 'by-tag', 'old')).toEqual(['v1-clip']);
    // The upgraded database still dedupes against the old clip.
    const again = await saveDraft(db, makeDraft({ title: '旧版本的剪藏', contentHtml: '<p>升级以后仍然可以搜索。</p>' }), options(9));
    expect(again.created).toBe(false);
  });

  /** Each store's key path and indexes: what the upgrade must leave equal to a new database's. */
  function schemaOf(db: ClipperDb) {
    const tx = db.transaction([...db.objectStoreNames]);
    return [...db.objectStoreNames].sort().map((name) => {
      const store = tx.objectStore(name);
      const indexes = [...store.indexNames].map((i) => store.index(i)).map(({ name, keyPath, multiEntry, unique }) => ({ name, keyPath, multiEntry, unique }));
      return { name, keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes };
    });
  }

  async function expectSearches(db: ClipperDb, searches: Record<string, string[]>) {
    const found: Record<string, string[] | undefined> = {};
    for (const query of Object.keys(searches)) found[query] = (await searchClipIds(db, query))?.sort();
    expect(found).toEqual(searches);
  }

  // Each fixture was written by the code of that version itself (see its `$comment`).
  describe.each(readDbFixtures())('a database as $file holds it', (fixture) => {
    it(`upgrades to version ${DB_VERSION} with every clip, revision and search answer intact`, async () => {
      const name = `test-db-${++dbCount}`;
      const marks = globalThis as unknown as { __oldClosed?: boolean };
      marks.__oldClosed = false;
      await seedDbFixture({ ...fixture, name });
      const db = await openClipperDb(name);
      expect(marks.__oldClosed).toBe(true);
      expect(db.version).toBe(DB_VERSION);
      // Stores and indexes as a new database has them: `by-term` (and version 2's first `search` store) gone.
      const fresh = await freshDb();
      expect(schemaOf(db)).toEqual(schemaOf(fresh));
      fresh.close();

      const clips = fixtureClips(fixture);
      const listed = await listClips(db);
      expect(listed.map((c) => c.id).sort()).toEqual(clips.map((c) => c.id).sort());
      expect(new Set(listed.map((c) => c.seq)).size).toBe(clips.length);
      for (const summary of clips) {
        const { id, contentHtml, revisions, original } = fixtureContents(fixture).find((c) => c.id === summary.id)!;
        expect(id).toBe(summary.id);
        expect(await getClip(db, summary.id)).toEqual({ ...summary, seq: summary.seq ?? expect.any(Number), contentHtml, revisions, ...(original ? { original } : {}) });
      }

      // The stored index in version 4's form: terms as one text, buckets under [head, spread, segment]
      // holding only their own terms and segment.
      for (const record of [...(await db.getAll('pending')), ...(await db.getAll('docTerms'))]) {
        expect(Object.keys(record).sort()).toEqual(['seq', 'termText']);
        expect(typeof record.termText).toBe('string');
      }
      const bucketKeys = await db.getAllKeys('termBuckets');
      const buckets = await db.getAll('termBuckets');
      bucketKeys.forEach(([head, spread, segment], i) => {
        const { terms, ends, seqs } = buckets[i]!;
        expect(terms).toEqual([...terms].sort());
        for (const term of terms) expect([headOf(term), spreadOf(term)]).toEqual([head, spread]);
        expect(ends.length).toBe(terms.length);
        for (const seq of seqs) expect(Math.floor(seq / SEGMENT)).toBe(segment);
      });

      await expectSearches(db, fixture.searches);
      await mergeSearchIndex(db);
      await expectSearches(db, fixture.searches);

      // A new clip is numbered after the upgraded ones, and found.
      const next = await saveDraft(db, makeDraft({ url: 'https://news.example/after', pageUrl: 'https://news.example/after', contentHtml: '<p>升级之后的新剪藏</p>' }), options(1));
      expect(next.clip.seq).toBeGreaterThan(Math.max(...listed.map((c) => c.seq)));
      expect(await searchClipIds(db, '新剪藏')).toEqual([next.clip.id]);
      // Deleting everything leaves no posting behind: the upgraded index knew where each clip's terms were.
      await deleteClips(db, [...clips.map((c) => c.id), next.clip.id]);
      await mergeSearchIndex(db);
      expect(await db.count('termBuckets')).toBe(0);
      expect(await db.count('docTerms')).toBe(0);
      for (const query of Object.keys(fixture.searches)) expect(await searchClipIds(db, query)).toEqual([]);
      db.close();
    });
  });
});

describe('isQuotaError', () => {
  it('knows a full quota and a full disk, as Chromium reports them, and nothing else', () => {
    const named = (name: string, message = '') => Object.assign(new Error(message), { name });
    expect(isQuotaError(named('QuotaExceededError'))).toBe(true);
    // Measured on a full disk with `unlimitedStorage` (e2e/reliability-storage-full.e2e.ts).
    expect(isQuotaError(named('UnknownError', 'Connection is closing because of: IO error: …/000003.log: FILE_ERROR_NO_SPACE (ChromeMethodBFE: 3::WritableFileAppend::8)'))).toBe(true);
    expect(isQuotaError(new Error('aborted', { cause: named('QuotaExceededError') }))).toBe(true);
    expect(isQuotaError(named('AbortError', 'The transaction was aborted, so the request cannot be fulfilled.'))).toBe(false);
    expect(isQuotaError(named('UnknownError', 'Internal error opening backing store for indexedDB.open.'))).toBe(false);
  });
});
