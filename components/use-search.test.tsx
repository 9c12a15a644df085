// @vitest-environment jsdom
import { act, cleanup, renderHook } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { NO_FILTERS } from '@/utils/core/library/library-view';
import { useSearch } from './use-search';

afterEach(cleanup);

describe('useSearch', () => {
  it('says when a query or a filter narrows the list, and clears both at once', () => {
    const { result } = renderHook(() => useSearch());
    expect(result.current).toMatchObject({ query: '', filters: NO_FILTERS, filtered: false });
    act(() => result.current.setQuery('   '));
    expect(result.current.filtered).toBe(false);
    act(() => result.current.setQuery('北京'));
    expect(result.current.filtered).toBe(true);
    act(() => result.current.setQuery(''));
    act(() => result.current.setFilters({ ...NO_FILTERS, site: 'NHK' }));
    expect(result.current.filtered).toBe(true);
    act(() => result.current.setQuery('alpha'));
    act(() => result.current.clear());
    expect(result.current).toMatchObject({ query: '', filters: NO_FILTERS, filtered: false });
  });
});
