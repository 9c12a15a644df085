// @vitest-environment jsdom
import { act, cleanup, renderHook } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClipSummary } from '@/utils/core/model/types';
import { NO_FILTERS } from '@/utils/core/library/library-view';
import { makeClip } from '@/test/helpers/clips';
import { fakeLibrary } from '@/test/helpers/fake-library';
import { useSelection } from './use-selection';
import type { ClipList } from './use-clip-list';

afterEach(cleanup);

const clipOf = (id: string, seq: number) => makeClip({ id, seq, updatedAt: seq, url: `https://x.example/${id}` });
const [a, b, c, d] = [clipOf('a', 4), clipOf('b', 3), clipOf('c', 2), clipOf('d', 1)];
const store = new Map([a, b, c, d].map((clip) => [clip.id, clip]));
const library = fakeLibrary(store);

/** A list as useClipList hands it: its view (when there is one) and the rows at hand. */
function listOf(shown: ClipSummary[], { atHand = shown.length, view }: { atHand?: number; view?: number } = {}): Pick<ClipList, 'view' | 'rowAt' | 'total'> {
  return { total: shown.length, rowAt: (i) => (i < atHand ? shown[i] : undefined), view: view === undefined ? undefined : { query: '', filters: NO_FILTERS, view } };
}

describe('useSelection', () => {
  it('selects the clips shown between the last one toggled and a shift-toggled one, either way', async () => {
    const { result } = renderHook(() => useSelection(library, listOf([a, b, c, d])));
    act(() => void result.current.toggle(d, 3, false));
    act(() => void result.current.toggle(b, 1, true));
    expect(await result.current.selectedIds()).toEqual(['b', 'c', 'd']);
    act(() => void result.current.toggle(c, 2, false));
    expect(await result.current.selectedIds()).toEqual(['b', 'd']);
    act(() => result.current.clear());
    act(() => void result.current.toggle(a, 0, false));
    act(() => void result.current.toggle(c, 2, true));
    expect(await result.current.selectedIds()).toEqual(['a', 'b', 'c']);
  });

  it('asks the worker for a range, all results and the shown part of the selection when rows are not at hand', async () => {
    const { view } = await library.viewClips({ query: '', filters: NO_FILTERS, offset: 0, limit: 1 });
    const client = { viewIds: vi.fn(library.viewIds) };
    const { result } = renderHook(() => useSelection(client, listOf([a, b, c, d], { atHand: 1, view })));
    act(() => void result.current.toggle(a, 0, false));
    await act(() => result.current.toggle(d, 3, true));
    expect(client.viewIds).toHaveBeenLastCalledWith({ query: '', filters: NO_FILTERS, view, from: 0, to: 4 });
    expect([...result.current.selected].sort()).toEqual(['a', 'b', 'c', 'd']);
    act(() => result.current.clear());
    await act(() => result.current.selectAll());
    expect(client.viewIds).toHaveBeenLastCalledWith({ query: '', filters: NO_FILTERS, view, from: 0, to: 4 });
    expect(await result.current.selectedIds()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('acts on the clips shown: hidden ones stay selected, until "select all" selects exactly those shown', async () => {
    const { result, rerender } = renderHook(({ shown }) => useSelection(library, listOf(shown)), { initialProps: { shown: [a, b, c, d] } });
    act(() => void result.current.toggle(d, 3, false));
    act(() => void result.current.toggle(a, 0, false));
    rerender({ shown: [a, b, c] });
    expect(await result.current.selectedIds()).toEqual(['a']);
    rerender({ shown: [a, b, c, d] });
    expect(await result.current.selectedIds()).toEqual(['a', 'd']);
    rerender({ shown: [b, c] });
    await act(() => result.current.selectAll());
    rerender({ shown: [a, b, c, d] });
    expect([...result.current.selected]).toEqual(['b', 'c']);
  });
});
