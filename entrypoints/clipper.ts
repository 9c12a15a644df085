import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { decodeHtml } from '@/utils/core/extract/charset';
import { extractClip } from '@/utils/core/extract/extract-draft';
import { EXTRACT_GLOBAL, type ExtractMode } from '@/utils/core/model/types';

/** A next page that takes longer than this is reported missing rather than holding up the clip. */
const PAGE_TIMEOUT_MS = 10_000;

/**
 * Further pages of a multi-page article. The content script runs in the page's origin, so a
 * same-origin fetch sends the reader's cookies like the page's own requests (the extractor only
 * follows same-origin links).
 */
async function fetchPage(url: string): Promise<string> {
  const response = await fetch(url, { credentials: 'same-origin', signal: AbortSignal.timeout(PAGE_TIMEOUT_MS) });
  if (!response.ok || response.status === 204) throw new Error(`${url} answered ${response.status}`);
  return decodeHtml(new Uint8Array(await response.arrayBuffer()), response.headers.get('content-type'));
}

/**
 * Gives the page back its thread between the steps of a clip, so that the reader's input and the
 * page's rendering go on while a long article is read: `scheduler.yield()` where the browser has
 * it (its continuation runs before the page's other waiting tasks, so the clip is not starved by
 * a busy page), else a message to itself (queued behind the tasks waiting, and not clamped to
 * 4 ms as a timer is).
 */
function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

// Injected on demand into the active tab's isolated world. It defines the entry function that the
// worker then calls with the chosen mode (see `browserClipPlatform.extract`; executeScript waits
// for the promise it returns); it keeps no state.
export default defineUnlistedScript(() => {
  (globalThis as unknown as Record<string, unknown>)[EXTRACT_GLOBAL] = (mode: ExtractMode) =>
    extractClip(document, window, { mode, fetchPage, yieldToPage });
});
