import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { LibraryFilters } from '@/utils/core/library/library-view';
import type { ClipSummary } from '@/utils/core/model/types';
import type { PopupClient } from '@/utils/pages/popup-client';

/** Rows that fill the popup, loaded before the rest of the library. */
export const FIRST_SCREEN = 30;
/** Rows asked of the worker at a time as the list scrolls (a view's first answer is the first screen). */
export const PAGE_ROWS = 100;
/** Pages kept while scrolling; farther ones are asked for again when scrolled back to. */
const KEPT_PAGES = 20;

/** A view of the library as the worker knows it: the query, the filters, and its order's name. */
export interface ViewRef {
  query: string;
  filters: LibraryFilters;
  view: number;
}

export interface ClipListInput {
  client: Pick<PopupClient, 'listClips' | 'viewClips' | 'libraryFacets'>;
  /** The newest clips, already requested by the page before it rendered (saves a frame or two). */
  firstScreen?: Promise<ClipSummary[]>;
  query: string;
  filters: LibraryFilters;
  /** Called when the library cannot be read (the list stays as it was). */
  onLoadFailed: (error: unknown) => void;
}

export interface ClipList {
  /** How many clips the list shows (those the query and filters leave); undefined while loading. */
  total: number | undefined;
  /** How many clips the library holds; undefined until the worker has answered. */
  libraryTotal: number | undefined;
  /** The list's clip at `index`, once its page has arrived. */
  rowAt: (index: number) => ClipSummary | undefined;
  /** Asks for the rows from `first` to `last` (exclusive) that have not arrived. */
  need: (first: number, last: number) => void;
  /** The view the rows belong to (undefined while only the first screen is in). */
  view: ViewRef | undefined;
  /** The sites and tags of the whole library, for the filter menus. */
  sites: string[];
  tags: string[];
  /** Asks for the view again (after a change), with the library's sites and tags. */
  refresh: () => Promise<void>;
}

interface Shown {
  view?: ViewRef;
  total: number;
  libraryTotal?: number;
  pages: Map<number, ClipSummary[]>;
  /** Page 0 holds only the first screen (a view's first answer), not a whole page. */
  firstScreenOnly: boolean;
}

/** `pages` with page `index`, dropping the page farthest from it when too many are kept. */
function withPage(pages: Map<number, ClipSummary[]>, index: number, rows: ClipSummary[]): Map<number, ClipSummary[]> {
  const next = new Map(pages).set(index, rows);
  if (next.size > KEPT_PAGES) {
    const farthest = [...next.keys()].reduce((a, b) => (Math.abs(b - index) > Math.abs(a - index) ? b : a));
    next.delete(farthest);
  }
  return next;
}

/**
 * The library's list, a page at a time: the first screenful first, then the view of the query
 * and filters (its count, its first page), then the pages the list scrolls to. The worker
 * computes views, so the page never holds the whole library; answers to an older query or
 * filter than the latest are dropped.
 */
export function useClipList({ client, firstScreen, query, filters, onLoadFailed }: ClipListInput): ClipList {
  const [shown, setShown] = useState<Shown>();
  const [facets, setFacets] = useState<{ sites: string[]; tags: string[] }>({ sites: [], tags: [] });
  const current = useRef({ query, filters, shown });
  current.current = { query, filters, shown };
  /** Counts the views asked for: only the latest one's answers count. */
  const asked = useRef(0);
  const inFlight = useRef(new Set<number>());

  const open = useCallback(
    async (mark: boolean) => {
      const { query: q, filters: f } = current.current;
      const ask = ++asked.current;
      try {
        const page = await client.viewClips({ query: q, filters: f, offset: 0, limit: FIRST_SCREEN });
        if (ask !== asked.current) return;
        inFlight.current = new Set();
        setShown({ view: { query: q, filters: f, view: page.view }, total: page.total, libraryTotal: page.libraryTotal, pages: new Map([[0, page.rows]]), firstScreenOnly: true });
        // For the benchmark: from the keystroke to the frame that shows its results.
        if (mark) requestAnimationFrame(() => performance.mark('clipper:search-shown', { detail: q }));
      } catch (error) {
        if (ask === asked.current) onLoadFailed(error);
      }
    },
    [client, onLoadFailed],
  );

  const refresh = useCallback(async () => {
    await Promise.all([open(false), client.libraryFacets().then(setFacets, () => undefined)]);
  }, [client, open]);

  // The first screenful comes first and is painted; only then is the view (its count, the
  // filters' menus) asked for, so that it cannot hold up the first rows.
  // A layout effect: the answer may be in already, and is then drawn now rather than after a frame.
  useLayoutEffect(() => {
    (firstScreen ?? client.listClips(FIRST_SCREEN))
      .then((rows) => setShown((before) => before ?? { total: rows.length, pages: new Map([[0, rows]]), firstScreenOnly: true }))
      .catch(() => {})
      .then(() => requestAnimationFrame(() => void (asked.current === 0 ? refresh() : client.libraryFacets().then(setFacets, () => undefined))));
  }, [client, refresh, firstScreen]);

  // A new query or filter asks for its view at once, not a frame later (as `useEffect` would):
  // each keystroke's results come that much sooner.
  const started = useRef(false);
  useLayoutEffect(() => {
    if (started.current) void open(true);
    started.current = true;
  }, [query, filters, open]);

  // For the benchmark: the frame that first shows rows (or the empty library's message).
  useEffect(() => {
    if (shown) requestAnimationFrame(() => performance.mark('clipper:first-rows'));
  }, [shown !== undefined]);

  const need = useCallback(
    (first: number, last: number) => {
      const at = current.current.shown;
      const view = at?.view;
      if (!at || !view) return;
      const ask = asked.current;
      const end = Math.min(last, at.total);
      for (let index = Math.floor(first / PAGE_ROWS); index * PAGE_ROWS < end; index++) {
        // A page that has come is kept (one shorter than asked for lacks clips deleted since the
        // view was made), but for the first screen's, when rows past it are wanted.
        const held = at.pages.has(index) && !(index === 0 && at.firstScreenOnly && end > FIRST_SCREEN);
        if (held || inFlight.current.has(index)) continue;
        inFlight.current.add(index);
        client.viewClips({ ...view, offset: index * PAGE_ROWS, limit: PAGE_ROWS }).then(
          (page) => {
            if (ask !== asked.current) return;
            inFlight.current.delete(index);
            setShown((before) => {
              if (!before?.view) return before;
              // The worker no longer had this view's order and made it anew: start from this page.
              if (page.view !== before.view.view) {
                inFlight.current = new Set();
                return {
                  view: { ...before.view, view: page.view },
                  total: page.total,
                  libraryTotal: page.libraryTotal,
                  pages: new Map([[index, page.rows]]),
                  firstScreenOnly: false,
                };
              }
              return { ...before, pages: withPage(before.pages, index, page.rows), firstScreenOnly: before.firstScreenOnly && index !== 0 };
            });
          },
          (error: unknown) => {
            inFlight.current.delete(index);
            if (ask === asked.current) onLoadFailed(error);
          },
        );
      }
    },
    [client, onLoadFailed],
  );

  const rowAt = useCallback(
    (index: number) => shown?.pages.get(Math.floor(index / PAGE_ROWS))?.[index % PAGE_ROWS],
    [shown],
  );

  return { total: shown?.total, libraryTotal: shown?.libraryTotal, rowAt, need, view: shown?.view, ...facets, refresh };
}
