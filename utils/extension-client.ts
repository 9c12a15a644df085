import { browser } from 'wxt/browser';
import { archivePostOf, downloadBytes, downloadTextFile, zipPosts } from './export-post';
import { sanitizeHtml } from './extract/sanitize';
import { sendMessage } from './messaging';
import type { PopupClient } from './popup-client';

/**
 * The popup's and the library tab's window on the extension. `tabId` targets a given tab (the
 * popup opened as a tab in tests is itself the active tab); without it the worker clips the
 * active tab of the last focused window.
 */
export function extensionClient(win: Window, tabId: number | undefined): PopupClient {
  const doc = win.document;
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
    exportPost: (clip) => archivePostOf(clip),
    download(posts) {
      if (posts.length === 1) downloadTextFile(doc, posts[0]!);
      else downloadBytes(doc, `clips-${new Date().toISOString().slice(0, 10)}.zip`, zipPosts(posts), 'application/zip');
    },
    copyText: (text) => win.navigator.clipboard.writeText(text),
    openUrl: (url) => void browser.tabs.create({ url }),
    openLibraryTab: () => void browser.tabs.create({ url: browser.runtime.getURL('/library.html') }),
    sanitize: (html) => sanitizeHtml(html, win),
    parser: new (win as Window & typeof globalThis).DOMParser(),
  };
}

/** `?tab=N` in the page's address, if any. */
export function targetTabId(search: string): number | undefined {
  const value = new URLSearchParams(search).get('tab');
  return value === null ? undefined : Number(value);
}
