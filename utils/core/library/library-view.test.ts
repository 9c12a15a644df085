import { describe, expect, it } from 'vitest';
import { highlightRanges, idsInView, LibraryCatalog, NO_FILTERS } from './library-view';
import { queryTerms } from '../search/search-terms';
import { paragraphChanges } from './revision-diff';
import { makeDraft } from '../../../test/helpers/drafts';
import type { ClipSummary } from '../model/types';

function summary(id: string, extra: Partial<ClipSummary>): ClipSummary {
  const { contentHtml: _c, ...draft } = makeDraft();
  return { ...draft, id, seq: id.charCodeAt(0), clippedAt: 0, updatedAt: 0, tags: [], urlKeys: [], revisionCount: 0, ...extra };
}

const all = [
  summary('a', { siteName: '大纪元', tags: ['中美'], updatedAt: 30, publishedAt: Date.UTC(2023, 5, 18) }),
  summary('b', { siteName: 'BBC News', updatedAt: 20, publishedAt: Date.UTC(2024, 0, 2) }),
  summary('c', { siteName: 'NHK', tags: ['中美', 'japan'], updatedAt: 10, publishedAt: undefined }),
];

describe('LibraryCatalog', () => {
  const catalog = new LibraryCatalog(all);
  const view = (...args: Parameters<LibraryCatalog['view']>) => catalog.view(...args).ids;
  const seqs = (...letters: string[]) => letters.map((s) => s.charCodeAt(0));

  it('keeps search matches, title matches first, each in clip order', () => {
    expect(view(NO_FILTERS, { seqs: seqs('c', 'a'), terms: [] })).toEqual(['a', 'c']);
    const titled = new LibraryCatalog([...all, summary('d', { title: 'Beijing talks', updatedAt: 5 })]);
    expect(titled.view(NO_FILTERS, { seqs: seqs('a', 'd'), terms: queryTerms('beijing') })).toMatchObject({ ids: ['d', 'a'], titleMatches: 1 });
  });
  it('filters by site, tag and date range on either date', () => {
    expect(view({ ...NO_FILTERS, site: 'NHK' })).toEqual(['c']);
    expect(view({ ...NO_FILTERS, tag: '中美' })).toEqual(['a', 'c']);
    expect(view({ ...NO_FILTERS, dateField: 'clipped', from: 15, to: 30 })).toEqual(['a', 'b']);
    expect(view({ ...NO_FILTERS, dateField: 'published', from: Date.UTC(2024, 0, 1) })).toEqual(['b']);
  });
  it('sorts by published time with undated clips last', () => {
    expect(view({ ...NO_FILTERS, sort: 'published' })).toEqual(['b', 'a', 'c']);
  });
  it('follows changes: a clip replaced, removed, or clipped again', () => {
    const changing = new LibraryCatalog(all);
    changing.put({ ...all[2]!, updatedAt: 40 });
    expect(changing.view(NO_FILTERS).ids).toEqual(['c', 'a', 'b']);
    changing.remove('a');
    changing.remove('unknown');
    expect(changing.view(NO_FILTERS).ids).toEqual(['c', 'b']);
    expect(changing.size).toBe(2);
  });
  it('lists sites and tags for the filter menus', () => {
    expect(catalog.facets().tags).toEqual(['japan', '中美']);
    expect(catalog.facets().sites).toHaveLength(3);
  });
});

describe('idsInView', () => {
  it('hands a range of a view, or the given ids in its order', () => {
    expect(idsInView(['a', 'b', 'c'], { from: 1 })).toEqual(['b', 'c']);
    expect(idsInView(['a', 'b', 'c'], { to: 1 })).toEqual(['a']);
    expect(idsInView(['a', 'b', 'c'], { only: ['c', 'x', 'a'] })).toEqual(['a', 'c']);
  });
});

describe('highlightRanges', () => {
  it('marks a Chinese word as one range, and English prefixes whatever their case', () => {
    expect(highlightRanges('布林肯和秦刚会面', '秦刚会')).toEqual([[4, 7]]);
    expect(highlightRanges('Climate talks: CLIMATE', 'clim')).toEqual([
      [0, 4],
      [15, 19],
    ]);
    expect(highlightRanges('anything', '  ')).toEqual([]);
  });
});

describe('paragraphChanges', () => {
  it('counts paragraphs added and removed, ignoring markup-only changes', () => {
    expect(paragraphChanges('<p>A</p><p>B</p>', '<p>A</p><p><b>B</b></p><p>C</p>')).toEqual({ added: 1, removed: 0 });
    expect(paragraphChanges('<p>A</p><p>B</p>', '<p>B</p>')).toEqual({ added: 0, removed: 1 });
    expect(paragraphChanges('<p>A</p>', '<p>A</p>')).toEqual({ added: 0, removed: 0 });
  });
});
