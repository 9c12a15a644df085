// @vitest-environment jsdom
import { act, cleanup, renderHook, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { NO_FILTERS } from '@/utils/core/library/library-view';
import type { ClipSummary } from '@/utils/core/model/types';
import { makeClip } from '@/test/helpers/clips';
import { useSearch } from './use-search';

afterEach(cleanup);

const clips: ClipSummary[] = [
  makeClip({ id: 'a', seq: 1, siteName: 'Alpha', tags: ['x'] }),
  makeClip({ id: 'b', seq: 2, siteName: 'Beta', tags: ['y'] }),
];
const ids = (shown: ClipSummary[]) => shown.map((c) => c.id);
/** Runs `action` (and the render it causes), then lets what awaits it finish. */
async function settle(action: () => void) {
  act(action);
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

describe('useSearch', () => {
  it("shows only the latest query's results when answers arrive out of order", async () => {
    const pending = new Map<string, (seqs: number[]) => void>();
    const client = { searchClips: (query: string) => new Promise<number[] | null>((resolve) => pending.set(query, resolve)) };
    const { result } = renderHook(() => useSearch(client, clips));
    act(() => result.current.setQuery('al'));
    act(() => result.current.setQuery('be'));
    await settle(() => pending.get('be')!([2]));
    await settle(() => pending.get('al')!([1]));
    expect(ids(result.current.shown)).toEqual(['b']);
  });

  it('shows every clip for an empty query or a failed search', async () => {
    const client = { searchClips: () => Promise.reject(new Error('index closed')) };
    const { result } = renderHook(() => useSearch(client, clips));
    expect(ids(result.current.shown)).toEqual(['a', 'b']);
    await settle(() => result.current.setQuery('alpha'));
    expect(result.current.filtered).toBe(true);
    expect(ids(result.current.shown)).toEqual(['a', 'b']);
  });

  it('filters by site and tag, offers the facets, and clears query and filters at once', async () => {
    const client = { searchClips: async () => [1] };
    const { result } = renderHook(() => useSearch(client, clips));
    expect(result.current).toMatchObject({ sites: ['Alpha', 'Beta'], tags: ['x', 'y'], filtered: false });
    act(() => result.current.setFilters({ ...NO_FILTERS, site: 'Beta' }));
    expect(ids(result.current.shown)).toEqual(['b']);
    act(() => result.current.setQuery('alpha'));
    await waitFor(() => expect(ids(result.current.shown)).toEqual([]));
    act(() => result.current.clear());
    await waitFor(() => expect(ids(result.current.shown)).toEqual(['a', 'b']));
    expect(result.current).toMatchObject({ query: '', filters: NO_FILTERS, filtered: false });
  });
});
