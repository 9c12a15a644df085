import { describe, expect, it } from 'vitest';
import { facets, highlightRanges, NO_FILTERS, visibleClips } from './library-view';
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
const ids = (clips: ClipSummary[]) => clips.map((c) => c.id);

describe('visibleClips', () => {
  it('keeps search matches, in clip order', () => {
    expect(ids(visibleClips(all, new Set(['c', 'a'].map((s) => s.charCodeAt(0))), NO_FILTERS))).toEqual(['a', 'c']);
  });
  it('filters by site, tag and date range on either date', () => {
    expect(ids(visibleClips(all, undefined, { ...NO_FILTERS, site: 'NHK' }))).toEqual(['c']);
    expect(ids(visibleClips(all, undefined, { ...NO_FILTERS, tag: '中美' }))).toEqual(['a', 'c']);
    expect(ids(visibleClips(all, undefined, { ...NO_FILTERS, dateField: 'clipped', from: 15, to: 30 }))).toEqual(['a', 'b']);
    expect(ids(visibleClips(all, undefined, { ...NO_FILTERS, dateField: 'published', from: Date.UTC(2024, 0, 1) }))).toEqual(['b']);
  });
  it('sorts by published time with undated clips last', () => {
    expect(ids(visibleClips(all, undefined, { ...NO_FILTERS, sort: 'published' }))).toEqual(['b', 'a', 'c']);
  });
  it('lists sites and tags for the filter menus', () => {
    expect(facets(all).tags).toEqual(['japan', '中美']);
    expect(facets(all).sites).toHaveLength(3);
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
