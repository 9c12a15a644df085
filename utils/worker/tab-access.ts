import type { Refusal } from '../protocol/messages';

// Browsers refuse to run extension scripts on their own pages, on other extensions' pages and
// on the extension stores; telling the user why beats a bare "Cannot access contents" error.

const STORE_HOSTS = new Set(['chromewebstore.google.com', 'addons.mozilla.org', 'microsoftedge.microsoft.com']);

function refuse(message: string): Refusal {
  return { status: 'unclippable', message };
}

export type TabAccess = { status: 'clippable' } | Refusal;

/**
 * Classifies a tab's URL before any script is injected. `fileAccess` is whether the user let
 * the extension read `file://` pages.
 */
export function classifyTabUrl(url: string | undefined, fileAccess: boolean): TabAccess {
  if (!url) return refuse('This tab has no page that can be read (it may still be loading, or be a browser page).');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refuse('This tab has no page that can be read.');
  }
  const { protocol, hostname, pathname } = parsed;
  if (protocol === 'view-source:') return refuse('Source views cannot be clipped: open the page itself and clip it there.');
  if (protocol === 'about:' || protocol === 'data:' || protocol === 'blob:' || protocol === 'javascript:')
    return refuse('This is a blank or temporary page: there is no article here to clip.');
  if (protocol === 'file:') {
    if (/\.pdf$/i.test(pathname)) return refuse('PDF files cannot be clipped: the browser shows them in its own viewer.');
    return fileAccess
      ? { status: 'clippable' }
      : refuse('Local files can be clipped only after you turn on "Allow access to file URLs" for this extension.');
  }
  if (protocol !== 'http:' && protocol !== 'https:')
    return refuse('Browser and extension pages cannot be clipped: open an article on the web and try again.');
  if (STORE_HOSTS.has(hostname) || (hostname === 'chrome.google.com' && pathname.startsWith('/webstore')))
    return refuse('The browser does not let extensions read the extension store: this page cannot be clipped.');
  if (/\.pdf$/i.test(pathname)) return refuse('PDF documents cannot be clipped: the browser shows them in its own viewer.');
  return { status: 'clippable' };
}
