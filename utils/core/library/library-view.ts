import { normalizeForSearch, queryTerms, type QueryTerm } from '../search/search-terms';
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

/** What a view of the library needs of a clip: small, so that a whole library of them is. */
interface Entry {
  seq: number;
  id: string;
  /** The title as searched (normalized). */
  title: string;
  updatedAt: number;
  publishedAt: number | undefined;
  siteName: string;
  tags: readonly string[];
}

const NO_TAGS: readonly string[] = Object.freeze([]);
const WORD_CHAR = /[\p{L}\p{N}]/u;
const CJK_START = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー]/u;

/** A test of whether a normalized title holds the term, as the search index would find it there. */
function titleTest(term: QueryTerm): (title: string) => boolean {
  const needle = 'exact' in term ? term.exact : term.prefix;
  // CJK text is indexed by character pairs: a pair in the title is a substring of it.
  if (CJK_START.test(needle)) return (title) => title.includes(needle);
  const whole = 'exact' in term;
  return (title) => {
    for (let at = title.indexOf(needle); at !== -1; at = title.indexOf(needle, at + 1)) {
      const end = at + needle.length;
      if ((at === 0 || !WORD_CHAR.test(title[at - 1]!)) && (!whole || end === title.length || !WORD_CHAR.test(title[end]!))) return true;
    }
    return false;
  };
}

/** Newest first by `field`; clips without that date go last; ties as the database lists them. */
function byDate(field: DateField): (a: Entry, b: Entry) => number {
  const at = (e: Entry) => (field === 'published' ? (e.publishedAt ?? -Infinity) : e.updatedAt);
  return (a, b) => at(b) - at(a) || b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** A search's answer, for a view: the matching clips' numbers and the query's terms (for ranking). */
export interface SearchMatch {
  seqs: ArrayLike<number>;
  terms: QueryTerm[];
}

/** A view's clips, in the order shown: title matches first when there is a search. */
export interface ViewOrder {
  ids: string[];
  /** How many lead the order because their title matches the search. */
  titleMatches: number;
}

/** Ids of a view's clips, in its order: from `from` to `to` (exclusive), or those of `only` in it. */
export function idsInView(ids: string[], { from = 0, to = ids.length, only }: { from?: number; to?: number; only?: string[] }): string[] {
  if (!only) return ids.slice(from, to);
  const wanted = new Set(only);
  return ids.filter((id) => wanted.has(id));
}

/** A page of a view of the library, as the worker answers it. */
export interface ViewPage {
  /** Names this view's order, for the next pages. */
  view: number;
  /** Clips in the view. */
  total: number;
  /** Clips in the library. */
  libraryTotal: number;
  /** Clips at the head of the view because their title matches the search. */
  titleMatches: number;
  offset: number;
  /** The view's clips from `offset` on; a clip deleted since the view was made is left out. */
  rows: ClipSummary[];
}

/**
 * The library as lists and filter menus need it, for any number of clips: what each clip is
 * filtered and sorted by, and its title for ranking search results. The worker holds one and
 * keeps it up to date as it writes; pages ask it for views of the library, a page at a time.
 */
export class LibraryCatalog {
  private readonly bySeq = new Map<number, Entry>();
  private readonly seqOfId = new Map<string, number>();
  /** One copy of each site and tag string, however many clips carry it. */
  private readonly strings = new Map<string, string>();
  private readonly orders = new Map<DateField, Entry[]>();
  private maxSeq = 0;

  constructor(summaries: Iterable<ClipSummary> = []) {
    for (const summary of summaries) this.put(summary);
  }

  private intern(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }

  get size(): number {
    return this.bySeq.size;
  }

  /** Adds a clip, or replaces what is known of it. */
  put(summary: ClipSummary): void {
    const before = this.seqOfId.get(summary.id);
    if (before !== undefined && before !== summary.seq) this.bySeq.delete(before);
    this.bySeq.set(summary.seq, {
      seq: summary.seq,
      id: summary.id,
      title: normalizeForSearch(summary.title),
      updatedAt: summary.updatedAt,
      publishedAt: summary.publishedAt,
      siteName: this.intern(summary.siteName),
      tags: summary.tags.length === 0 ? NO_TAGS : summary.tags.map((t) => this.intern(t)),
    });
    this.seqOfId.set(summary.id, summary.seq);
    this.maxSeq = Math.max(this.maxSeq, summary.seq);
    this.orders.clear();
  }

  remove(id: string): void {
    const seq = this.seqOfId.get(id);
    if (seq === undefined) return;
    this.seqOfId.delete(id);
    this.bySeq.delete(seq);
    this.orders.clear();
  }

  private order(field: DateField): Entry[] {
    let order = this.orders.get(field);
    if (!order) this.orders.set(field, (order = [...this.bySeq.values()].sort(byDate(field))));
    return order;
  }

  /**
   * The clips that pass the filters (and match the search, when there is one), in the order
   * shown: newest first by the sort field; with a search, the clips whose title matches first.
   */
  view(filters: LibraryFilters, match?: SearchMatch): ViewOrder {
    const { site, tag, dateField, from, to, sort } = filters;
    let marked: Uint8Array | undefined;
    if (match) {
      marked = new Uint8Array(this.maxSeq + 1);
      for (let i = 0; i < match.seqs.length; i++) if (match.seqs[i]! <= this.maxSeq) marked[match.seqs[i]!] = 1;
    }
    const inTitleTests = match?.terms.map(titleTest);
    const dated = from !== undefined || to !== undefined;
    const inTitle: Entry[] = [];
    const others: Entry[] = [];
    for (const entry of this.order(sort)) {
      if (marked && !marked[entry.seq]) continue;
      if (site !== undefined && entry.siteName !== site) continue;
      if (tag !== undefined && !entry.tags.includes(tag)) continue;
      if (dated) {
        const at = dateField === 'published' ? entry.publishedAt : entry.updatedAt;
        if (at === undefined || (from !== undefined && at < from) || (to !== undefined && at > to)) continue;
      }
      (inTitleTests && inTitleTests.every((test) => test(entry.title)) ? inTitle : others).push(entry);
    }
    const all = inTitle.length > 0 ? inTitle.concat(others) : others;
    return { ids: all.map((e) => e.id), titleMatches: inTitle.length };
  }

  /** The sites and tags present in the library, for the filter menus. */
  facets(): { sites: string[]; tags: string[] } {
    const sites = new Set<string>();
    const tags = new Set<string>();
    for (const entry of this.bySeq.values()) {
      sites.add(entry.siteName);
      for (const t of entry.tags) tags.add(t);
    }
    const collator = new Intl.Collator();
    return { sites: [...sites].sort(collator.compare), tags: [...tags].sort(collator.compare) };
  }
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
