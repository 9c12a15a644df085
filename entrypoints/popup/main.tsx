import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp } from '@/components/PopupApp';
import { archivePostOf, downloadTextFile } from '@/utils/export-post';
import { sendMessage } from '@/utils/messaging';
import type { PopupClient } from '@/utils/popup-client';
import './style.css';

// `?tab=N` targets a given tab: the popup opened as a tab (tests, the command-line clipper) is
// itself the active tab. Without it the worker clips the active tab of the last focused window.
const tabParam = new URLSearchParams(location.search).get('tab');
const tabId = tabParam === null ? undefined : Number(tabParam);

const client: PopupClient = {
  clipTab: (mode) => sendMessage('clipTab', { tabId, mode }),
  listClips: () => sendMessage('listClips', {}),
  getClip: (id) => sendMessage('getClip', { id }),
  deleteClip: (id) => sendMessage('deleteClip', { id }),
  restoreClip: async (clip) => void (await sendMessage('restoreClip', { clip })),
  exportPost: (clip) => archivePostOf(clip),
  download: (post) => downloadTextFile(document, post),
  copyText: (text) => navigator.clipboard.writeText(text),
  openUrl: (url) => void browser.tabs.create({ url }),
};

render(<PopupApp client={client} />, document.getElementById('app')!);
