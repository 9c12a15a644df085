import type { Refusal } from '../protocol/messages';
import { reason, type PlainReasonCode } from '../core/model/reasons';

// Browsers refuse to run extension scripts on their own pages, on other extensions' pages and
// on the extension stores; telling the user why beats a bare "Cannot access contents" error.

const STORE_HOSTS = new Set(['chromewebstore.google.com', 'addons.mozilla.org', 'microsoftedge.microsoft.com']);

function refuse(code: PlainReasonCode): Refusal {
  return { status: 'unclippable', reason: reason(code) };
}

export type TabAccess = { status: 'clippable' } | Refusal;

/**
 * Classifies a tab's URL before any script is injected. `fileAccess` is whether the user let
 * the extension read `file://` pages.
 */
export function classifyTabUrl(url: string | undefined, fileAccess: boolean): TabAccess {
  if (!url) return refuse('tab-no-page');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse('tab-bad-url');
  }
  const { protocol, hostname, pathname } = parsed;
  if (protocol === 'view-source:') return refuse('tab-source-view');
  if (protocol === 'about:' || protocol === 'data:' || protocol === 'blob:' || protocol === 'javascript:') return refuse('tab-blank');
  if (protocol === 'file:') {
    if (/\.pdf$/i.test(pathname)) return refuse('pdf-file');
    return fileAccess ? { status: 'clippable' } : refuse('file-access-off');
  }
  if (protocol !== 'http:' && protocol !== 'https:') return refuse('tab-browser-page');
  if (STORE_HOSTS.has(hostname) || (hostname === 'chrome.google.com' && pathname.startsWith('/webstore')))
    return refuse('tab-store');
  if (/\.pdf$/i.test(pathname)) return refuse('pdf-document');
  return { status: 'clippable' };
}
