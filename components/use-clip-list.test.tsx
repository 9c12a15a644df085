// @vitest-environment jsdom
import { act, cleanup, renderHook, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClipSummary } from '@/utils/core/model/types';
import { makeClip } from '@/test/helpers/clips';
import { FIRST_SCREEN, useClipList } from './use-clip-list';

afterEach(cleanup);

const library: ClipSummary[] = ['c', 'b', 'a'].map((id, i) => makeClip({ id, seq: 3 - i }));
const ids = (clips: ClipSummary[] | undefined) => clips?.map((c) => c.id);
const ignore = () => {};

/** A promise that the test settles. */
function later<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('useClipList', () => {
  it('shows the first screen, then asks for the whole library', async () => {
    const whole = later<ClipSummary[]>();
    const listClips = vi.fn((limit?: number) => (limit === undefined ? whole.promise : Promise.resolve(library.slice(0, 1))));
    const client = { listClips };
    const { result } = renderHook(() => useClipList({ client, onLoadFailed: ignore }));
    expect(result.current.clips).toBeUndefined();
    await waitFor(() => expect(ids(result.current.clips)).toEqual(['c']));
    expect(listClips).toHaveBeenCalledWith(FIRST_SCREEN);
    await waitFor(() => expect(listClips).toHaveBeenCalledWith());
    whole.resolve(library);
    await waitFor(() => expect(ids(result.current.clips)).toEqual(['c', 'b', 'a']));
  });

  it('keeps the whole library when the first screen answers after it', async () => {
    const first = later<ClipSummary[]>();
    const client = { listClips: async () => library };
    const { result } = renderHook(() => useClipList({ client, firstScreen: first.promise, onLoadFailed: ignore }));
    await act(() => result.current.refresh());
    await act(async () => {
      first.resolve(library.slice(0, 1));
      await first.promise;
    });
    expect(ids(result.current.clips)).toEqual(['c', 'b', 'a']);
  });

  it('loads the whole library when the first screen fails', async () => {
    const client = { listClips: async () => library };
    const firstScreen = Promise.reject(new Error('gone'));
    const { result } = renderHook(() => useClipList({ client, firstScreen, onLoadFailed: ignore }));
    await waitFor(() => expect(ids(result.current.clips)).toEqual(['c', 'b', 'a']));
  });

  it('reports a library that cannot be read, and keeps what it shows', async () => {
    const failure = new Error('database closed');
    const onLoadFailed = vi.fn();
    const client = { listClips: (limit?: number) => (limit === undefined ? Promise.reject(failure) : Promise.resolve(library.slice(0, 1))) };
    const { result } = renderHook(() => useClipList({ client, onLoadFailed }));
    await waitFor(() => expect(onLoadFailed).toHaveBeenCalledWith(failure));
    expect(ids(result.current.clips)).toEqual(['c']);
  });
});
