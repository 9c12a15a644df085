import { browser } from 'wxt/browser';
import { firstScreenCalls } from './deferred-client';
import { blobSink, downloadBlob, downloadName, imageHostsOf, postFor, zipClips } from './export-post';
import { folderClient } from './folder-client';
import { boundedImageFetch } from './image-fetch';
import { sanitizeHtml } from '../core/extract/sanitize';
import { BATCH_LIMIT } from '../protocol/messages';
import { sendMessage } from '../protocol/messaging';
import type { PopupClient } from './popup-client';
import { settingsClient } from './settings';
import type { Clip } from '../core/model/types';

/**
 * Whole clips, fetched from the worker a batch at a time as the consumer asks for them, the next
 * batch asked for while the consumer works through this one (the worker reads it meanwhile).
 */
export async function* clipsInBatches(ids: string[]): AsyncGenerator<Clip> {
  const batch = (from: number) => {
    const answer = sendMessage('getClips', { ids: ids.slice(from, from + BATCH_LIMIT) });
    // A consumer that stops early (a cancelled export) never awaits the batch asked for ahead.
    answer.catch(() => undefined);
    return answer;
  };
  let next = ids.length > 0 ? batch(0) : undefined;
  for (let i = 0; next; i += BATCH_LIMIT) {
    const clips = await next;
    next = i + BATCH_LIMIT < ids.length ? batch(i + BATCH_LIMIT) : undefined;
    yield* clips;
  }
}

/**
 * The popup's and the library tab's window on the extension. `tabId` targets a given tab (the
 * popup opened as a tab in tests is itself the active tab); without it the worker clips the
 * active tab of the last focused window.
 */
export async function extensionClient(win: Window, tabId: number | undefined, options: { folders?: boolean } = {}): Promise<PopupClient> {
  const doc = win.document;
  const parser = new (win as Window & typeof globalThis).DOMParser();
  // The settings as they are now, kept current as the options page (or another page) changes them:
  // the export's synchronous parts read them without waiting.
  const store = settingsClient(win);
  let current = (await store.load()).settings;
  store.watch((next) => (current = next));
  const settings = () => current;
  return {
    clipTab: (mode) => sendMessage('clipTab', { tabId, mode }),
    saveClip: (draft, tags, note) => sendMessage('saveClip', { draft, tags, ...(note.trim() && { note }) }),
    ...firstScreenCalls(tabId),
    getClip: (id) => sendMessage('getClip', { id }),
    updateClip: (id, edit) => sendMessage('updateClip', { id, edit }),
    retagClips: async (ids, add, remove) => void (await sendMessage('retagClips', { ids, add, remove })),
    deleteClips: (ids) => sendMessage('deleteClips', { ids }),
    restoreClips: async (clips) => void (await sendMessage('restoreClips', { clips })),
    postFor: (clip) => postFor(clip, settings(), parser),
    downloadPost: (file) => downloadBlob(doc, downloadName(file.path), [file.text], 'text/markdown;charset=utf-8'),
    async exportZip(ids, signal, onProgress, { images = false } = {}) {
      const current = settings();
      const sink = blobSink((win as Window & typeof globalThis).Blob);
      const result = await zipClips({
        clips: clipsInBatches(ids),
        total: ids.length,
        settings: current,
        parser,
        write: sink.write,
        signal,
        onProgress: ({ done }) => onProgress({ done, total: ids.length }),
        ...(images && { fetchImage: boundedImageFetch(win.fetch.bind(win)) }),
      });
      downloadBlob(doc, `clips-${current.preset}-${new Date().toISOString().slice(0, 10)}.zip`, sink.parts(), 'application/zip');
      return { posts: result.files.length, images: result.images, failedImages: result.failedImages };
    },
    includeImages: async () => settings().downloadImages,
    setIncludeImages: (include) => {
      current = { ...current, downloadImages: include };
      void store.update({ downloadImages: include });
    },
    async imageHosts(ids, signal) {
      const origins = await imageHostsOf(clipsInBatches(ids), settings().preset, parser, signal);
      return { origins, granted: origins.length === 0 || (await browser.permissions.contains({ origins })) };
    },
    requestImageHosts: (origins) => browser.permissions.request({ origins }),
    copyText: (text) => win.navigator.clipboard.writeText(text),
    openUrl: (url) => void browser.tabs.create({ url }),
    openLibraryTab: () => void browser.tabs.create({ url: browser.runtime.getURL('/library.html') }),
    sanitize: (html) => sanitizeHtml(html, win),
    previewImages: () => settings().previewImages,
    ...(options.folders && { folders: folderClient({ win, parser, settings, clips: clipsInBatches }) }),
    parser,
  };
}
