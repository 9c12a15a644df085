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

// Injected on demand into the active tab's isolated world. It defines the entry function that the
// worker then calls with the chosen mode (see `browserClipPlatform.extract`; executeScript waits
// for the promise it returns); it keeps no state.
export default defineUnlistedScript(() => {
  (globalThis as unknown as Record<string, unknown>)[EXTRACT_GLOBAL] = (mode: ExtractMode) =>
    extractClip(document, window, { mode, fetchPage });
});
