import type { FolderClient } from './folder-client';
import { sendMessage } from '../protocol/messaging';
import type { PopupClient } from './popup-client';
import { ReasonError, reason } from '../core/model/reasons';

// Most of a library page's script is what it needs only after the user acts: export formats
// (YAML, Turndown), zips, the sanitizer for previews. Loaded before the first render, it delays
// the first rows by the time to fetch and run it; loaded beside the first render, it runs while
// the page waits for the worker's answer. This client asks the worker directly for what the first
// screen needs (the list and its views, the selection) and hands everything else to the full client
// once it has loaded.

/** `?tab=N` in the page's address, if any. */
export function targetTabId(search: string): number | undefined {
  const value = new URLSearchParams(search).get('tab');
  return value === null ? undefined : Number(value);
}

/** What the first screen asks for (the list, its views, the selection): plain messages to the worker. */
export type FirstScreenCalls = Pick<PopupClient, 'listClips' | 'viewClips' | 'viewIds' | 'libraryFacets' | 'hasSelection'>;

export function firstScreenCalls(tabId: number | undefined): FirstScreenCalls {
  return {
    listClips: (limit) => sendMessage('listClips', { limit }),
    viewClips: (request) => sendMessage('viewClips', request),
    viewIds: (request) => sendMessage('viewIds', request),
    libraryFacets: () => sendMessage('libraryFacets', {}),
    hasSelection: () => sendMessage('tabHasSelection', { tabId }),
  };
}

/** The full client's folder export, reached through it once it has loaded. */
function deferredFolders(full: Promise<PopupClient>): FolderClient {
  const folders = full.then((c) => {
    if (!c.folders) throw new ReasonError(reason('no-folder-export'));
    return c.folders;
  });
  return {
    remembered: () => folders.then((f) => f.remembered()),
    pick: () => folders.then((f) => f.pick()),
    allow: (folder) => folders.then((f) => f.allow(folder)),
    write: (folder, ids, signal, onProgress) => folders.then((f) => f.write(folder, ids, signal, onProgress)),
  };
}

/**
 * A client that answers at once with `early`, and through `full` (a promise of the whole client)
 * for the rest. Its synchronous parts (`postFor`, `sanitize`, `parser`…) act on whole clips, and a
 * whole clip is only ever handed out by `full` (`getClip` waits for it), so they are ready
 * whenever a caller can hold a clip.
 */
export function deferredClient(
  early: FirstScreenCalls,
  full: Promise<PopupClient>,
  /** Whether the full client will export into folders (known before it loads: the page has a folder picker). */
  { folders = false }: { folders?: boolean } = {},
): PopupClient {
  let loaded: PopupClient | undefined;
  full.then(
    (client) => (loaded = client),
    () => {},
  );
  const ready = (): PopupClient => {
    if (!loaded) throw new ReasonError(reason('still-starting'));
    return loaded;
  };
  return {
    ...early,
    clipTab: (mode) => full.then((c) => c.clipTab(mode)),
    saveClip: (draft, tags, note) => full.then((c) => c.saveClip(draft, tags, note)),
    getClip: (id) => full.then((c) => c.getClip(id)),
    updateClip: (id, edit) => full.then((c) => c.updateClip(id, edit)),
    retagClips: (ids, add, remove) => full.then((c) => c.retagClips(ids, add, remove)),
    deleteClips: (ids) => full.then((c) => c.deleteClips(ids)),
    restoreClips: (clips) => full.then((c) => c.restoreClips(clips)),
    exportZip: (ids, signal, onProgress, options) => full.then((c) => c.exportZip(ids, signal, onProgress, options)),
    imageHosts: (ids, signal) => full.then((c) => c.imageHosts(ids, signal)),
    // Straight from the click, not after a promise: the browser asks only during a user gesture.
    requestImageHosts: (origins) => ready().requestImageHosts(origins),
    includeImages: () => full.then((c) => c.includeImages()),
    setIncludeImages: (include) => ready().setIncludeImages(include),
    ...(folders && { folders: deferredFolders(full) }),
    copyText: (text) => full.then((c) => c.copyText(text)),
    openUrl: (url) => void full.then((c) => c.openUrl(url)),
    openLibraryTab: () => void full.then((c) => c.openLibraryTab?.()),
    postFor: (clip) => ready().postFor(clip),
    downloadPost: (file) => ready().downloadPost(file),
    sanitize: (html) => ready().sanitize(html),
    previewImages: () => ready().previewImages(),
    get parser() {
      return ready().parser;
    },
  };
}
