import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { NO_FILTERS, facets, visibleClips, type LibraryFilters } from '@/utils/core/library/library-view';
import type { ClipSummary } from '@/utils/core/model/types';
import type { PopupClient } from '@/utils/pages/popup-client';

export interface Search {
  query: string;
  setQuery: (query: string) => void;
  filters: LibraryFilters;
  setFilters: (filters: LibraryFilters) => void;
  /** The clips that match the query and the filters, in the order shown. */
  shown: ClipSummary[];
  /** What the library's clips can be filtered by. */
  sites: string[];
  tags: string[];
  /** True when a query or a filter hides some clips. */
  filtered: boolean;
  /** Clears the query and the filters. */
  clear: () => void;
}

/** The library's search: the query (answered by the search index), the filters, and what they leave. */
export function useSearch(client: Pick<PopupClient, 'searchClips'>, clips: ClipSummary[] | undefined): Search {
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<Set<number>>();
  const [filters, setFilters] = useState<LibraryFilters>(NO_FILTERS);
  const searchSeq = useRef(0);

  // Answers can arrive out of order while the user types: only the latest query's answer counts.
  const runSearch = useCallback(
    async (text: string) => {
      const seq = ++searchSeq.current;
      const ids = text.trim() ? await client.searchClips(text).catch(() => null) : null;
      if (seq !== searchSeq.current) return;
      setMatches(ids ? new Set(ids) : undefined);
      // Marks for the benchmark: from the keystroke to the frame that shows its results.
      requestAnimationFrame(() => performance.mark('clipper:search-shown', { detail: text }));
    },
    [client],
  );
  // Asked as soon as the query is rendered, not a frame later (as `useEffect` would): each
  // keystroke's results come that much sooner.
  useLayoutEffect(() => void runSearch(query), [query, runSearch]);

  const shown = useMemo(() => (clips ? visibleClips(clips, matches, filters) : []), [clips, matches, filters]);
  const { sites, tags } = useMemo(() => facets(clips ?? []), [clips]);
  const filtered = query.trim() !== '' || filters !== NO_FILTERS;
  const clear = () => {
    setQuery('');
    setFilters(NO_FILTERS);
  };
  return { query, setQuery, filters, setFilters, shown, sites, tags, filtered, clear };
}
