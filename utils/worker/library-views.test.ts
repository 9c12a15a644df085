import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { deleteClips, importDrafts, mergeSearchIndex, openClipperDb, retagClips, saveDraft, type ClipperDb } from './db';
import { catalogOf, libraryFacets, viewIds, viewPage } from './library-views';
import { NO_FILTERS } from '../core/library/library-view';
import { makeDraft } from '../../test/helpers/drafts';

let dbCount = 0;
let idCount = 0;
const freshDb = () => openClipperDb(`views-db-${++dbCount}`);
const save = (db: ClipperDb, n: number, extra: Parameters<typeof makeDraft>[0] = {}, now = n) =>
  saveDraft(db, makeDraft({ url: `https://news.example/${n}`, pageUrl: `https://news.example/${n}`, title: `Story ${n}`, ...extra }), {
    now,
    newId: () => `id-${++idCount}`,
  });
const titles = (rows: { title: string }[]) => rows.map((r) => r.title);
const all = { query: '', filters: NO_FILTERS };

describe('search results', () => {
  it('rank the clips whose title matches before those matching elsewhere, each newest first', async () => {
    const db = await freshDb();
    await save(db, 1, { title: '习近平会见外宾', contentHtml: '<p>北京消息。</p>' });
    await save(db, 2, { title: '天气预报', contentHtml: '<p>习近平出席会议。</p>' });
    await save(db, 3, { title: '习近平谈经济' });
    await save(db, 4, { title: '股市新闻', contentHtml: '<p>据报道，习近平表示。</p>' });
    await save(db, 5, { title: '无关新闻' });
    // Some clips merged into the postings, some still pending: both are found.
    await mergeSearchIndex(db);
    await save(db, 6, { title: '体育', contentHtml: '<p>习近平</p>' });
    const page = await viewPage(db, { query: '习近平', filters: NO_FILTERS, offset: 0, limit: 50 });
    expect(titles(page.rows)).toEqual(['习近平谈经济', '习近平会见外宾', '体育', '股市新闻', '天气预报']);
    expect(page).toMatchObject({ total: 5, titleMatches: 2, libraryTotal: 6 });
  });

  it('find imported posts, stored a batch at a time, once the catalog is loaded and after', async () => {
    const db = await freshDb();
    await save(db, 1, { title: '先剪的新闻' });
    expect(titles((await viewPage(db, { ...all, offset: 0, limit: 50 })).rows)).toEqual(['先剪的新闻']);
    const imported = (n: number, title: string) => ({ ...makeDraft({ url: `https://archive.example/${n}`, pageUrl: `https://archive.example/${n}`, title }), tags: [], clippedAt: n });
    await importDrafts(db, [imported(2, '导入的新闻一'), imported(3, '导入的新闻二')], { now: 10, newId: () => `id-${++idCount}` });
    const page = await viewPage(db, { query: '导入', filters: NO_FILTERS, offset: 0, limit: 50 });
    expect(titles(page.rows).sort()).toEqual(['导入的新闻一', '导入的新闻二']);
    expect((await viewPage(db, { ...all, offset: 0, limit: 50 })).rows).toHaveLength(3);
  });

  it('rank by whole words in Latin titles, the last word of the query as a prefix', async () => {
    const db = await freshDb();
    await save(db, 1, { title: 'Climate talks stall', contentHtml: '<p>x</p>' });
    await save(db, 2, { title: 'Talkshow host on climate', contentHtml: '<p>Climate talks resume.</p>' });
    await save(db, 3, { title: 'Subclimate talk', contentHtml: '<p>climate talks</p>' });
    const page = await viewPage(db, { query: 'climate tal', filters: NO_FILTERS, offset: 0, limit: 50 });
    // Story 2 holds "climate" and a word starting with "tal" in its title; story 3's "subclimate" is not the word.
    expect(titles(page.rows)).toEqual(['Talkshow host on climate', 'Climate talks stall', 'Subclimate talk']);
    expect(page.titleMatches).toBe(2);
  });

  it('come a first screen first: the count and the first rows, the rest a page at a time', async () => {
    const db = await freshDb();
    for (let n = 1; n <= 120; n++) await save(db, n, { title: n % 2 ? `北京 ${n}` : `Story ${n}`, contentHtml: '<p>北京</p>' });
    const first = await viewPage(db, { query: '北京', filters: NO_FILTERS, offset: 0, limit: 50 });
    expect(first.rows).toHaveLength(50);
    expect(first).toMatchObject({ total: 120, titleMatches: 60 });
    // The first screen holds the newest title matches.
    expect(titles(first.rows.slice(0, 3))).toEqual(['北京 119', '北京 117', '北京 115']);
    const rest = await viewPage(db, { query: '北京', filters: NO_FILTERS, view: first.view, offset: 50, limit: 100 });
    expect(rest.view).toBe(first.view);
    expect(rest.rows).toHaveLength(70);
    expect(titles(rest.rows).slice(8, 12)).toEqual(['北京 3', '北京 1', 'Story 120', 'Story 118']);
  });

  it('combine with the filters, and with none', async () => {
    const db = await freshDb();
    await save(db, 1, { siteName: 'A', title: '北京一', publishedAt: Date.UTC(2020, 0, 1) });
    await save(db, 2, { siteName: 'B', title: '北京二', publishedAt: Date.UTC(2024, 0, 1) });
    await save(db, 3, { siteName: 'A', title: '上海', publishedAt: undefined });
    await retagClips(db, [(await viewIds(db, all)).ids.at(-1)!], ['旧'], []);
    const view = (filters: typeof NO_FILTERS, query = '') => viewPage(db, { query, filters, offset: 0, limit: 10 }).then((p) => titles(p.rows));
    expect(await view({ ...NO_FILTERS, site: 'A' })).toEqual(['上海', '北京一']);
    expect(await view({ ...NO_FILTERS, site: 'A' }, '北京')).toEqual(['北京一']);
    expect(await view({ ...NO_FILTERS, tag: '旧' })).toEqual(['北京一']);
    expect(await view({ ...NO_FILTERS, sort: 'published' })).toEqual(['北京二', '北京一', '上海']);
    expect(await view({ ...NO_FILTERS, dateField: 'published', from: Date.UTC(2023, 0, 1) })).toEqual(['北京二']);
    expect(await view(NO_FILTERS, '   ')).toEqual(['上海', '北京二', '北京一']);
    expect(await libraryFacets(db)).toEqual({ sites: ['A', 'B'], tags: ['旧'] });
  });
});

describe('paging', () => {
  it('reaches every clip of a view exactly once, whatever is written between its pages', async () => {
    const db = await freshDb();
    for (let n = 1; n <= 250; n++) await save(db, n);
    const seen: string[] = [];
    let view: number | undefined;
    let clock = 1000;
    for (let offset = 0; ; offset += 40) {
      const page = await viewPage(db, { ...all, view, offset, limit: 40 });
      if (page.rows.length === 0) break;
      view ??= page.view;
      expect(page.view).toBe(view);
      expect(page.total).toBe(250);
      seen.push(...page.rows.map((r) => r.title));
      // Between pages: a new clip, and an old one clipped again (it moves to the top of the library).
      await save(db, 1000 + offset, {}, ++clock);
      await save(db, 250 - offset, { contentHtml: '<p>Updated.</p>' }, ++clock);
    }
    expect(seen).toHaveLength(250);
    expect(new Set(seen).size).toBe(250);
    expect(seen[0]).toBe('Story 250');
    // A view asked for anew sees the new clips, and the re-clipped ones at the top.
    const fresh = await viewPage(db, { ...all, offset: 0, limit: 1 });
    expect(fresh.view).not.toBe(view);
    expect(fresh.total).toBe(257);
  });

  it('leaves out of a page the clips deleted since the view was made, and hands ids in its order', async () => {
    const db = await freshDb();
    for (let n = 1; n <= 5; n++) await save(db, n);
    const first = await viewPage(db, { ...all, offset: 0, limit: 2 });
    const { ids } = await viewIds(db, { ...all, view: first.view });
    expect(ids).toHaveLength(5);
    await deleteClips(db, [ids[3]!]);
    const next = await viewPage(db, { ...all, view: first.view, offset: 2, limit: 3 });
    expect(titles(next.rows)).toEqual(['Story 3', 'Story 1']);
    expect((await viewIds(db, { ...all, view: first.view, from: 1, to: 3 })).ids).toEqual(ids.slice(1, 3));
    expect((await viewIds(db, { ...all, view: first.view, only: [ids[4]!, ids[0]!, 'gone'] })).ids).toEqual([ids[0], ids[4]]);
  });

  it('makes a view anew when asked for one it no longer keeps, or for other filters', async () => {
    const db = await freshDb();
    await save(db, 1);
    const first = await viewPage(db, { ...all, offset: 0, limit: 1 });
    const other = await viewPage(db, { query: '', filters: { ...NO_FILTERS, site: 'Example News' }, view: first.view, offset: 0, limit: 1 });
    expect(other.view).not.toBe(first.view);
    const unknown = await viewPage(db, { ...all, view: 999_999, offset: 0, limit: 1 });
    expect(unknown.view).not.toBe(999_999);
    expect(titles(unknown.rows)).toEqual(['Story 1']);
  });
});

describe('the catalog', () => {
  it('is not waited for by the whole library’s view, which comes in the same order', async () => {
    const name = `views-db-${++dbCount}`;
    const db = await openClipperDb(name);
    // Ties on the time are ordered as the database orders them, before the catalog and after.
    for (let n = 1; n <= 12; n++) await save(db, n, {}, Math.ceil(n / 4));
    db.close();
    const reopened = await openClipperDb(name);
    const before = await viewIds(reopened, all);
    expect(before.ids).toHaveLength(12);
    await catalogOf(reopened);
    const after = await viewIds(reopened, all);
    expect(after.view).not.toBe(before.view);
    expect(after.ids).toEqual(before.ids);
    expect((await viewIds(reopened, { query: '', filters: { ...NO_FILTERS, sort: 'published' } })).ids).toHaveLength(12);
  });

  it('misses no write that commits while it loads, a few summaries per transaction', async () => {
    const db = await freshDb();
    for (let n = 1; n <= 20; n++) await save(db, n);
    // Ids in key order: the load reads the first of them before the writes, the last after.
    const stored = (await db.getAllKeys('clips')) as string[];
    const loading = catalogOf(db, { chunk: 3 });
    await Promise.all([deleteClips(db, [stored[0]!, stored.at(-1)!]), save(db, 21), save(db, 5, { title: 'Story 5 again' }, 50)]);
    const catalog = await loading;
    expect(catalog.size).toBe(19);
    const page = await viewPage(db, { ...all, offset: 0, limit: 50 });
    expect(page.rows.map((r) => r.id)).not.toContain(stored[0]);
    expect(page.rows.map((r) => r.id)).not.toContain(stored.at(-1));
    expect(titles(page.rows.slice(0, 2))).toEqual(['Story 5 again', 'Story 21']);
    expect(page.total).toBe(19);
  });
});
