// @vitest-environment jsdom
import { act, cleanup, renderHook } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClipSummary } from '@/utils/core/model/types';
import { makeClip } from '@/test/helpers/clips';
import { useSelection } from './use-selection';

afterEach(cleanup);

const clipOf = (id: string, seq: number): ClipSummary => makeClip({ id, seq });
const [a, b, c, d] = [clipOf('a', 1), clipOf('b', 2), clipOf('c', 3), clipOf('d', 4)];

describe('useSelection', () => {
  it('selects the clips shown between the last one toggled and a shift-toggled one, either way', () => {
    const { result } = renderHook(() => useSelection([a, b, c, d]));
    act(() => result.current.toggle(d, false));
    act(() => result.current.toggle(b, true));
    expect(result.current.selectedIds()).toEqual(['b', 'c', 'd']);
    act(() => result.current.toggle(c, false));
    expect(result.current.selectedIds()).toEqual(['b', 'd']);
    act(() => result.current.clear());
    act(() => result.current.toggle(a, false));
    act(() => result.current.toggle(c, true));
    expect(result.current.selectedIds()).toEqual(['a', 'b', 'c']);
  });

  it('acts on the clips shown: hidden ones stay selected, until "select all" selects exactly those shown', () => {
    const { result, rerender } = renderHook(({ shown }) => useSelection(shown), { initialProps: { shown: [a, b, c, d] } });
    act(() => result.current.toggle(d, false));
    act(() => result.current.toggle(a, false));
    rerender({ shown: [a, b, c] });
    expect(result.current.selectedIds()).toEqual(['a']);
    rerender({ shown: [a, b, c, d] });
    expect(result.current.selectedIds()).toEqual(['a', 'd']);
    rerender({ shown: [b, c] });
    act(() => result.current.selectAll());
    rerender({ shown: [a, b, c, d] });
    expect([...result.current.selected]).toEqual(['b', 'c']);
  });
});
