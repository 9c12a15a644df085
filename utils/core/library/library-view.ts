import { normalizeForSearch, queryTerms } from '../search/search-terms';
import type { ClipSummary } from '../model/types';

// What the library list shows: the clips that match the search and the filters, in order.

export type DateField = 'published' | 'clipped';

export interface LibraryFilters {
  site?: string;
  tag?: string;
  dateField: DateField;
  /** Inclusive bounds, epoch ms. */
  from?: number;
  to?: number;
  sort: DateField;
}

export const NO_FILTERS: LibraryFilters = { dateField: 'clipped', sort: 'clipped' };

const dateOf = (clip: ClipSummary, field: DateField) => (field === 'published' ? clip.publishedAt : clip.updatedAt);

/** `matches` holds the numbers (`seq`) of the clips the search found; undefined when there is no search. */
export function visibleClips(all: ClipSummary[], matches: Set<number> | undefined, filters: LibraryFilters): ClipSummary[] {
  const { site, tag, dateField, from, to, sort } = filters;
  const shown = all.filter((clip) => {
    if (matches && !matches.has(clip.seq)) return false;
    if (site !== undefined && clip.siteName !== site) return false;
    if (tag !== undefined && !clip.tags.includes(tag)) return false;
    if (from !== undefined || to !== undefined) {
      const at = dateOf(clip, dateField);
      if (at === undefined || (from !== undefined && at < from) || (to !== undefined && at > to)) return false;
    }
    return true;
  });
  // Clips without a published time go last when sorting by it.
  return shown.sort((a, b) => (dateOf(b, sort) ?? -Infinity) - (dateOf(a, sort) ?? -Infinity));
}

/** The sites and tags present in the library, for the filter menus. */
export function facets(all: ClipSummary[]): { sites: string[]; tags: string[] } {
  const sites = new Set<string>();
  const tags = new Set<string>();
  for (const clip of all) {
    sites.add(clip.siteName);
    for (const t of clip.tags) tags.add(t);
  }
  const collator = new Intl.Collator();
  return { sites: [...sites].sort(collator.compare), tags: [...tags].sort(collator.compare) };
}

/** Where the query's words occur in a shown text, as [start, end) ranges to mark. */
export function highlightRanges(text: string, query: string): [number, number][] {
  const needles = queryTerms(query).map((t) => ('exact' in t ? t.exact : t.prefix));
  if (needles.length === 0) return [];
  // NFKC and lower-casing keep the length of ordinary text; fall back to no marks when they do not.
  const haystack = normalizeForSearch(text);
  if (haystack.length !== text.length) return [];
  const marks: [number, number][] = [];
  for (const needle of needles) {
    for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) {
      marks.push([at, at + needle.length]);
    }
  }
  marks.sort((a, b) => a[0] - b[0]);
  // Overlapping bigrams of one word become one mark.
  const merged: [number, number][] = [];
  for (const mark of marks) {
    const last = merged.at(-1);
    if (last && mark[0] <= last[1]) last[1] = Math.max(last[1], mark[1]);
    else merged.push([...mark]);
  }
  return merged;
}
