import { useState } from 'preact/hooks';
import { NO_FILTERS, type LibraryFilters } from '@/utils/core/library/library-view';

export interface Search {
  query: string;
  setQuery: (query: string) => void;
  filters: LibraryFilters;
  setFilters: (filters: LibraryFilters) => void;
  /** True when a query or a filter hides some clips. */
  filtered: boolean;
  /** Clears the query and the filters. */
  clear: () => void;
}

/** What the library is searched and filtered by; the worker answers the view (see useClipList). */
export function useSearch(): Search {
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<LibraryFilters>(NO_FILTERS);
  const filtered = query.trim() !== '' || filters !== NO_FILTERS;
  const clear = () => {
    setQuery('');
    setFilters(NO_FILTERS);
  };
  return { query, setQuery, filters, setFilters, filtered, clear };
}
