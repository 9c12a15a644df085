// @vitest-environment jsdom
import { act, cleanup, renderHook, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NO_FILTERS, type LibraryFilters } from '@/utils/core/library/library-view';
import type { Clip, ClipSummary } from '@/utils/core/model/types';
import type { RequestOf, ResponseOf } from '@/utils/protocol/messages';
import { makeClip } from '@/test/helpers/clips';
import { fakeLibrary } from '@/test/helpers/fake-library';
import { FIRST_SCREEN, PAGE_ROWS, useClipList, type ClipListInput } from './use-clip-list';

afterEach(cleanup);

const ignore = () => {};

/** A promise that the test settles. */
function later<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** `count` clips, the newest first, every third with 北京 in its title and all with it in the body. */
function library(count: number): Map<string, Clip> {
  const clips = Array.from({ length: count }, (_, i) =>
    makeClip({ id: `c${i + 1}`, seq: i + 1, updatedAt: i + 1, title: i % 3 === 0 ? `北京 ${i + 1}` : `Story ${i + 1}`, contentHtml: '<p>北京</p>', tags: [] }),
  );
  return new Map(clips.map((c) => [c.id, c]));
}

type Props = { query: string; filters: LibraryFilters };
function render(client: ClipListInput['client'], extra: Partial<ClipListInput> = {}, props: Props = { query: '', filters: NO_FILTERS }) {
  return renderHook((p: Props) => useClipList({ client, onLoadFailed: ignore, ...extra, ...p }), { initialProps: props });
}
const rows = (list: { rowAt: (i: number) => ClipSummary | undefined; total: number | undefined }, from = 0, to = list.total ?? 0) =>
  Array.from({ length: to - from }, (_, i) => list.rowAt(from + i)?.id);

describe('useClipList', () => {
  it('shows the first screen, then the view with its count and the library’s facets', async () => {
    const view = later<ResponseOf<'viewClips'>>();
    const fake = fakeLibrary(library(3));
    const client = { ...fake, listClips: vi.fn(fake.listClips), viewClips: vi.fn(() => view.promise) };
    const { result } = render(client);
    expect(result.current.total).toBeUndefined();
    await waitFor(() => expect(rows(result.current)).toEqual(['c3', 'c2', 'c1']));
    expect(client.listClips).toHaveBeenCalledWith(FIRST_SCREEN);
    expect(result.current.libraryTotal).toBeUndefined();
    await waitFor(() => expect(client.viewClips).toHaveBeenCalledWith({ query: '', filters: NO_FILTERS, offset: 0, limit: FIRST_SCREEN }));
    view.resolve(await fake.viewClips({ query: '', filters: NO_FILTERS, offset: 0, limit: 2 }));
    await waitFor(() => expect(result.current.libraryTotal).toBe(3));
    expect(result.current.view?.view).toBeGreaterThan(0);
    await waitFor(() => expect(result.current.sites).toEqual(['Example News']));
  });

  it('keeps the view when the first screen answers after it', async () => {
    const first = later<ClipSummary[]>();
    const { result } = render(fakeLibrary(library(3)), { firstScreen: first.promise });
    await act(() => result.current.refresh());
    await act(async () => {
      first.resolve([]);
      await first.promise;
    });
    expect(rows(result.current)).toEqual(['c3', 'c2', 'c1']);
  });

  it('loads the view when the first screen fails', async () => {
    const { result } = render(fakeLibrary(library(3)), { firstScreen: Promise.reject(new Error('gone')) });
    await waitFor(() => expect(rows(result.current)).toEqual(['c3', 'c2', 'c1']));
  });

  it('reports a library that cannot be read, and keeps what it shows', async () => {
    const failure = new Error('database closed');
    const onLoadFailed = vi.fn();
    const client = { ...fakeLibrary(library(3)), viewClips: () => Promise.reject(failure) };
    const { result } = render(client, { onLoadFailed });
    await waitFor(() => expect(onLoadFailed).toHaveBeenCalledWith(failure));
    expect(rows(result.current)).toEqual(['c3', 'c2', 'c1']);
  });

  it("shows only the latest query's results when answers arrive out of order", async () => {
    const fake = fakeLibrary(library(6));
    const pending = new Map<string, () => void>();
    const client = {
      ...fake,
      viewClips: (request: RequestOf<'viewClips'>) =>
        request.query === '' ? fake.viewClips(request) : new Promise<ResponseOf<'viewClips'>>((resolve) => pending.set(request.query, () => resolve(fake.viewClips(request)))),
    };
    const { result, rerender } = render(client);
    await waitFor(() => expect(result.current.libraryTotal).toBe(6));
    rerender({ query: 'story', filters: NO_FILTERS });
    rerender({ query: '北京', filters: NO_FILTERS });
    await act(async () => pending.get('北京')!());
    await act(async () => pending.get('story')!());
    await waitFor(() => expect(rows(result.current)).toEqual(['c4', 'c1', 'c6', 'c5', 'c3', 'c2']));
    expect(result.current.total).toBe(6);
  });

  it('answers the first screen of a search first, and the rest only as the list scrolls to it', async () => {
    const fake = fakeLibrary(library(PAGE_ROWS * 3 + 10));
    const client = { ...fake, viewClips: vi.fn(fake.viewClips) };
    const { result, rerender } = render(client);
    await waitFor(() => expect(result.current.libraryTotal).toBe(310));
    rerender({ query: '北京', filters: NO_FILTERS });
    await waitFor(() => expect(result.current.rowAt(1)?.title).toBe('北京 307'));
    // Title matches first (104 of them), newest first; nothing past the first screen has come yet.
    expect(result.current.total).toBe(310);
    expect(result.current.rowAt(FIRST_SCREEN - 1)?.title).toBe(`北京 ${310 - 3 * (FIRST_SCREEN - 1)}`);
    expect(result.current.rowAt(FIRST_SCREEN)).toBeUndefined();
    const searches = () => client.viewClips.mock.calls.map(([r]) => r).filter((r) => r.query === '北京');
    expect(searches()).toEqual([{ query: '北京', filters: NO_FILTERS, offset: 0, limit: FIRST_SCREEN }]);
    const view = result.current.view!.view;
    act(() => result.current.need(PAGE_ROWS * 2 + 5, PAGE_ROWS * 2 + 20));
    await waitFor(() => expect(result.current.rowAt(PAGE_ROWS * 2 + 5)).toBeDefined());
    expect(searches().at(-1)).toEqual({ query: '北京', filters: NO_FILTERS, view, offset: PAGE_ROWS * 2, limit: PAGE_ROWS });
    expect(result.current.rowAt(PAGE_ROWS * 2)?.title).toBe('Story 165');
    // A page asked for again once it has come is not asked for twice; the short first one is completed.
    act(() => result.current.need(PAGE_ROWS * 2, PAGE_ROWS * 2 + 1));
    expect(searches()).toHaveLength(2);
    act(() => result.current.need(0, 10));
    expect(searches()).toHaveLength(2);
    act(() => result.current.need(20, 40));
    await waitFor(() => expect(result.current.rowAt(PAGE_ROWS - 1)?.title).toBe('北京 13'));
    expect(searches().at(-1)).toEqual({ query: '北京', filters: NO_FILTERS, view, offset: 0, limit: PAGE_ROWS });
  });

  it('starts again from the page it gets when the worker has dropped the view', async () => {
    const store = library(PAGE_ROWS + 5);
    const fake = fakeLibrary(store);
    const client = { ...fake, viewClips: (r: RequestOf<'viewClips'>) => fake.viewClips(r.offset === 0 ? r : { ...r, view: undefined }) };
    const { result } = render(client);
    await waitFor(() => expect(result.current.total).toBe(PAGE_ROWS + 5));
    const first = result.current.view!.view;
    store.set('new', makeClip({ id: 'new', seq: 999, updatedAt: 999 }));
    act(() => result.current.need(PAGE_ROWS, PAGE_ROWS + 5));
    await waitFor(() => expect(result.current.view!.view).not.toBe(first));
    expect(result.current.total).toBe(PAGE_ROWS + 6);
    expect(result.current.rowAt(0)).toBeUndefined();
    expect(result.current.rowAt(PAGE_ROWS)?.id).toBe('c6');
  });
});
