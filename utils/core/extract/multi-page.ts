// Joins the further pages of a multi-page article to its first: each next page is fetched (the
// fetching comes in as a parameter: the content script's same-origin `fetch`, or a fake in
// tests), read like the first, and its article body appended in order. A page that cannot be
// fetched or has no article ends the clip there; the clip says which page is missing.

import { articleSteps, prepareClone } from './article';
import { parseInert } from './dom';
import { findNextPage } from './next-page';
import { runSteps, runStepsPaced, type YieldToPage } from './steps';

/** Fetches a page of the same site and answers its HTML, decoded; rejects when it cannot. */
export type FetchPage = (url: string) => Promise<string>;

/** No real article has more pages; a bound also stops loops between pages that link each other. */
export const MAX_PAGES = 10;

export interface JoinedPages {
  /** The bodies of page 2 on, in order. */
  bodies: Array<{ html: string; textLength: number }>;
  /** Addresses of the pages that could not be clipped (the first that failed; the clip stops there). */
  missingPages: string[];
}

/** An inert document of `html` whose relative links resolve against `url`. */
function pageDocument(html: string, url: string, win: Window): Document {
  const doc = parseInert(html, win);
  if (!doc.querySelector('base[href]')) {
    const base = doc.createElement('base');
    base.setAttribute('href', url);
    doc.head.prepend(base);
  }
  return doc;
}

/**
 * Follows the next-page links from `doc` (page 1, at `firstUrl`) up to `maxPages` pages in all.
 * Only same-origin continuations of the article are followed (see next-page.ts). With
 * `yieldToPage`, each page is read in steps, the page's thread given back between them.
 */
export async function joinNextPages(
  doc: Document,
  firstUrl: string,
  win: Window,
  fetchPage: FetchPage,
  maxPages = MAX_PAGES,
  yieldToPage?: YieldToPage,
): Promise<JoinedPages> {
  const joined: JoinedPages = { bodies: [], missingPages: [] };
  const seen = new Set([firstUrl]);
  let current = doc;
  for (let page = 2; page <= maxPages; page++) {
    const url = findNextPage(current, firstUrl, page);
    if (!url || seen.has(url)) break;
    seen.add(url);
    let next: Document;
    try {
      next = pageDocument(await fetchPage(url), url, win);
    } catch {
      joined.missingPages.push(url);
      break;
    }
    // The fetched document is only read: it serves as the next page's clone and link source.
    const links = next.cloneNode(true) as Document;
    prepareClone(next, win);
    const steps = articleSteps(next, win, next.baseURI || url);
    const { body } = yieldToPage ? await runStepsPaced(steps, yieldToPage) : runSteps(steps);
    if (!body) {
      joined.missingPages.push(url);
      break;
    }
    joined.bodies.push(body);
    current = links;
  }
  return joined;
}
