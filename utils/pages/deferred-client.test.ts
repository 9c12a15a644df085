import { describe, expect, it, vi } from 'vitest';
import { deferredClient, firstScreenCalls, targetTabId } from './deferred-client';
import type { DirectoryHandle } from './folder-memory';
import type { FolderExportResult } from '../core/format/folder-export';
import type { PopupClient } from './popup-client';
import type { Clip, ClipSummary } from '../core/model/types';
import { reason } from '../core/model/reasons';
import { NO_FILTERS } from '../core/library/library-view';

const sent = vi.hoisted(() => [] as unknown[]);
vi.mock('../protocol/messaging', () => ({
  sendMessage: async (type: string, request: unknown) => (sent.push({ type, request }), []),
}));

const summary = { id: 'a', seq: 1, title: 'A' } as ClipSummary;
const clip = { ...summary, contentHtml: '<p>a</p>', revisions: [] } as unknown as Clip;

/** A full client whose every method records its call. */
function fullClient(calls: string[]): PopupClient {
  return {
    clipTab: async () => (calls.push('clipTab'), { status: 'failed', reason: reason('not-an-article') }),
    saveClip: async () => (calls.push('saveClip'), { status: 'failed', reason: reason('not-an-article') }),
    hasSelection: async () => false,
    listClips: async () => (calls.push('full.listClips'), []),
    viewClips: async () => (calls.push('full.viewClips'), { view: 1, total: 0, libraryTotal: 0, titleMatches: 0, offset: 0, rows: [] }),
    viewIds: async () => (calls.push('full.viewIds'), { view: 1, ids: [] }),
    libraryFacets: async () => (calls.push('full.libraryFacets'), { sites: [], tags: [] }),
    getClip: async () => (calls.push('getClip'), clip),
    updateClip: async () => null,
    retagClips: async () => {},
    deleteClips: async (ids) => (calls.push(`deleteClips:${ids.join()}`), [clip]),
    restoreClips: async () => {},
    postFor: (c) => ({ path: `_posts/${c.id}.md`, text: 'post' }),
    downloadPost: () => calls.push('downloadPost'),
    exportZip: async (_ids, _signal, _progress, options) => (calls.push(`exportZip:${options?.images}`), { posts: 1, images: 0, failedImages: [] }),
    includeImages: async () => true,
    setIncludeImages: (include) => calls.push(`setIncludeImages:${include}`),
    imageHosts: async () => ({ origins: ['https://img.example/*'], granted: false }),
    requestImageHosts: async (origins) => (calls.push(`requestImageHosts:${origins.join()}`), true),
    folders: {
      remembered: async () => undefined,
      pick: async () => (calls.push('folders.pick'), { name: '_posts' }) as unknown as DirectoryHandle,
      allow: async () => true,
      write: async (): Promise<FolderExportResult> => (calls.push('folders.write'), { written: [], duplicates: [] }),
    },
    copyText: async () => {},
    openUrl: (url) => calls.push(`openUrl:${url}`),
    sanitize: (html) => `clean:${html}`,
    previewImages: () => true,
    parser: { parseFromString: () => ({}) as Document },
  };
}

describe('the deferred client', () => {
  it('answers the first screen before the full client has loaded, and the rest once it has', async () => {
    const calls: string[] = [];
    let load!: (client: PopupClient) => void;
    const full = new Promise<PopupClient>((resolve) => (load = resolve));
    const page = { view: 2, total: 1, libraryTotal: 1, titleMatches: 0, offset: 0, rows: [summary] };
    const early = {
      listClips: async () => [summary],
      viewClips: async () => page,
      viewIds: async () => ({ view: 2, ids: [summary.id] }),
      libraryFacets: async () => ({ sites: ['A'], tags: [] }),
      hasSelection: async () => true,
    };
    const client = deferredClient(early, full);

    expect(await client.listClips(30)).toEqual([summary]);
    expect(await client.viewClips({ query: 'a', filters: NO_FILTERS, offset: 0, limit: 10 })).toEqual(page);
    expect(await client.viewIds({ query: 'a', filters: NO_FILTERS })).toEqual({ view: 2, ids: [summary.id] });
    expect(await client.libraryFacets()).toEqual({ sites: ['A'], tags: [] });
    expect(await client.hasSelection()).toBe(true);
    // Nothing that needs the full client can run yet; what is asked waits for it.
    expect(() => client.sanitize('<p>x</p>')).toThrow(expect.objectContaining({ reason: { code: 'still-starting', params: {} } }));
    expect(() => client.parser).toThrow(expect.objectContaining({ reason: { code: 'still-starting', params: {} } }));
    let gotClip: Clip | null | undefined;
    const pending = client.getClip('a').then((c) => (gotClip = c));
    const deleted = client.deleteClips(['a']);
    client.openUrl('https://news.example/');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(gotClip).toBeUndefined();
    expect(calls).toEqual([]);

    load(fullClient(calls));
    await pending;
    expect(gotClip).toEqual(clip);
    expect(await deleted).toEqual([clip]);
    expect(calls).toEqual(['getClip', 'deleteClips:a', 'openUrl:https://news.example/']);
    // Once a whole clip is in hand, the synchronous parts are there.
    expect(client.sanitize('<p>x</p>')).toBe('clean:<p>x</p>');
    expect(client.postFor(clip).path).toBe('_posts/a.md');
    expect(client.previewImages()).toBe(true);
    expect(client.parser).toBeDefined();
    // The list still comes from the early calls.
    await client.listClips(30);
    await client.viewClips({ query: '', filters: NO_FILTERS, offset: 0, limit: 10 });
    expect(calls.filter((c) => c.startsWith('full.'))).toEqual([]);
  });

  it('reaches the export and folder code once it has loaded, asking for image hosts straight from the click', async () => {
    const calls: string[] = [];
    let load!: (client: PopupClient) => void;
    const full = new Promise<PopupClient>((resolve) => (load = resolve));
    const { listClips, viewClips, viewIds, libraryFacets } = fullClient([]);
    const early = { listClips, viewClips, viewIds, libraryFacets, hasSelection: async () => false };
    const client = deferredClient(early, full, { folders: true });
    expect(deferredClient(early, full).folders).toBeUndefined();

    const remembered = client.includeImages();
    const picked = client.folders!.pick();
    const zipped = client.exportZip(['a'], new AbortController().signal, () => {}, { images: true });
    // A permission request must not wait on a promise (it would lose the user's gesture).
    expect(() => client.requestImageHosts(['https://img.example/*'])).toThrow(expect.objectContaining({ reason: { code: 'still-starting', params: {} } }));

    load(fullClient(calls));
    expect(await remembered).toBe(true);
    expect(await picked).toEqual({ name: '_posts' });
    expect((await zipped).posts).toBe(1);
    expect(await client.imageHosts(['a'], new AbortController().signal)).toEqual({ origins: ['https://img.example/*'], granted: false });
    expect(await client.requestImageHosts(['https://img.example/*'])).toBe(true);
    client.setIncludeImages(false);
    await client.folders!.write({ name: '_posts' } as unknown as DirectoryHandle, ['a'], new AbortController().signal, () => {});
    // (the folder calls take one more step than the others, so only the set of calls is compared)
    expect([...calls].sort()).toEqual(['exportZip:true', 'folders.pick', 'folders.write', 'requestImageHosts:https://img.example/*', 'setIncludeImages:false']);
  });

  it('asks the worker for the first screen with plain messages', async () => {
    const calls = firstScreenCalls(7);
    await calls.listClips(30);
    await calls.viewClips({ query: '北京', filters: NO_FILTERS, view: 4, offset: 100, limit: 100 });
    await calls.viewIds({ query: '北京', filters: NO_FILTERS, only: ['c1'] });
    await calls.libraryFacets();
    await calls.hasSelection();
    expect(sent).toEqual([
      { type: 'listClips', request: { limit: 30 } },
      { type: 'viewClips', request: { query: '北京', filters: NO_FILTERS, view: 4, offset: 100, limit: 100 } },
      { type: 'viewIds', request: { query: '北京', filters: NO_FILTERS, only: ['c1'] } },
      { type: 'libraryFacets', request: {} },
      { type: 'tabHasSelection', request: { tabId: 7 } },
    ]);
  });

  it('reads the target tab from the address', () => {
    expect(targetTabId('?tab=12')).toBe(12);
    expect(targetTabId('')).toBeUndefined();
  });
});
