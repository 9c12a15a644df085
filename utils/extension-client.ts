import { browser } from 'wxt/browser';
import { downloadBlob, downloadName, postFor, zipClips } from './export-post';
import { sanitizeHtml } from './extract/sanitize';
import { BATCH_LIMIT } from './messages';
import { sendMessage } from './messaging';
import type { PopupClient } from './popup-client';
import { loadSettings } from './settings';
import type { Clip } from './types';

/** Whole clips, fetched from the worker a batch at a time as the consumer asks for them. */
export async function* clipsInBatches(ids: string[]): AsyncGenerator<Clip> {
  for (let i = 0; i < ids.length; i += BATCH_LIMIT) {
    yield* await sendMessage('getClips', { ids: ids.slice(i, i + BATCH_LIMIT) });
  }
}

/**
 * The popup's and the library tab's window on the extension. `tabId` targets a given tab (the
 * popup opened as a tab in tests is itself the active tab); without it the worker clips the
 * active tab of the last focused window.
 */
export function extensionClient(win: Window, tabId: number | undefined): PopupClient {
  const doc = win.document;
  const parser = new (win as Window & typeof globalThis).DOMParser();
  return {
    clipTab: (mode) => sendMessage('clipTab', { tabId, mode }),
    hasSelection: () => sendMessage('tabHasSelection', { tabId }),
    listClips: (limit) => sendMessage('listClips', limit === undefined ? {} : { limit }),
    searchClips: (query) => sendMessage('searchClips', { query }),
    getClip: (id) => sendMessage('getClip', { id }),
    updateClip: (id, edit) => sendMessage('updateClip', { id, edit }),
    retagClips: async (ids, add, remove) => void (await sendMessage('retagClips', { ids, add, remove })),
    deleteClips: (ids) => sendMessage('deleteClips', { ids }),
    restoreClips: async (clips) => void (await sendMessage('restoreClips', { clips })),
    postFor: (clip) => postFor(clip, loadSettings(win.localStorage), parser),
    downloadPost: (file) => downloadBlob(doc, downloadName(file.path), [file.text], 'text/markdown;charset=utf-8'),
    async exportZip(ids, signal, onProgress) {
      const settings = loadSettings(win.localStorage);
      const { chunks, result } = await zipClips({
        clips: clipsInBatches(ids),
        total: ids.length,
        settings,
        parser,
        signal,
        onProgress: ({ done }) => onProgress({ done, total: ids.length }),
      });
      downloadBlob(doc, `clips-${settings.preset}-${new Date().toISOString().slice(0, 10)}.zip`, chunks as BlobPart[], 'application/zip');
      return result.files.length;
    },
    copyText: (text) => win.navigator.clipboard.writeText(text),
    openUrl: (url) => void browser.tabs.create({ url }),
    openLibraryTab: () => void browser.tabs.create({ url: browser.runtime.getURL('/library.html') }),
    sanitize: (html) => sanitizeHtml(html, win),
    previewImages: () => loadSettings(win.localStorage).previewImages,
    parser,
  };
}
