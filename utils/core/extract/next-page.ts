// Multi-page articles (common on Chinese news sites): the link to the article's next page. Only a
// continuation of the same article counts: same origin, and an address made from the first page's
// own with the next page number (`a.html` → `a_2.html`, `a-2.html`, `a/2/`, `?page=2`), so that
// "next article" links (blogs put rel="next" on them too) are never followed.

import { elementText } from './page-structure';

/** Link texts that mean "next page" (not "next article"). */
const NEXT_TEXT = /^(?:下一?页|下一?頁|下一页\s*[>»›]*|next\s+page|next\s*[>»›]+|[>»›]|weiter|suivante?|siguiente)$/i;
/** "第2页", "第 2 頁", "[2]", "2": a page number link. */
const PAGE_NUMBER_TEXT = /^(?:第\s*(\d{1,3})\s*[页頁]|\[?\s*(\d{1,3})\s*\]?)$/;
/** Query parameters that number pages. */
const PAGE_PARAMS = ['page', 'p', 'pg', 'pn', 'pagenum', 'paged'];
const PAGE_PARAM_IN_HREF = new RegExp(`[?&](?:${PAGE_PARAMS.join('|')})=\\d`, 'i');

/** The path without its file extension and trailing slash: what every page of the article starts with. */
function stemOf(url: URL): { stem: string; ext: string } {
  const path = url.pathname.replace(/\/+$/, '');
  const ext = /\.[a-z0-9]{2,5}$/i.exec(path)?.[0] ?? '';
  return { stem: path.slice(0, path.length - ext.length), ext };
}

/**
 * The page number `candidate` is as a continuation of the article that starts at `first`, or
 * undefined when it is some other page.
 */
export function pageNumberOf(candidate: URL, first: URL): number | undefined {
  if (candidate.origin !== first.origin) return undefined;
  const a = stemOf(first);
  const path = candidate.pathname.replace(/\/+$/, '');
  if (path.startsWith(a.stem) && path !== a.stem + a.ext) {
    const rest = path.slice(a.stem.length);
    const m = /^(?:[_-](?:p|page)?|\/(?:page\/)?|p)(\d{1,3})(\.[a-z0-9]{2,5})?$/i.exec(rest);
    if (m && (m[2] ?? '') === a.ext && candidate.search === first.search) return +m[1]!;
  }
  if (candidate.pathname === first.pathname) {
    for (const name of PAGE_PARAMS) {
      const value = candidate.searchParams.get(name);
      if (value !== null && /^\d{1,3}$/.test(value) && first.searchParams.get(name) !== value) return +value;
    }
  }
  return undefined;
}

/**
 * The address of page `wanted` of the article whose first page is `firstUrl`, as `doc` (page
 * `wanted - 1`) links to it: `rel="next"`, then "下一页" / "Next page" links, then "第N页" or
 * plain number links, each only when it continues the same article.
 */
export function findNextPage(doc: Document, firstUrl: string, wanted: number): string | undefined {
  let first: URL;
  try {
    first = new URL(firstUrl);
  } catch {
    return undefined;
  }
  const base = doc.baseURI || firstUrl;
  // Pages hold hundreds of links; only those that name the article's own file, or number pages
  // in their query, are worth parsing. The selector narrows them natively (a superset: any
  // query), `mayContinue` then decides.
  const stemName = stemOf(first).stem.split('/').pop() ?? '';
  const mayContinue = (href: string) => (stemName !== '' && href.includes(stemName)) || PAGE_PARAM_IN_HREF.test(href);
  const quoted = stemName.replace(/["\\]/g, '\\$&');
  let links: NodeListOf<Element>;
  try {
    links = doc.querySelectorAll(`link[rel~="next"][href], a[href*="="]${stemName ? `, a[href*="${quoted}"]` : ''}`);
  } catch {
    // A file name no selector can quote: every link, as before narrowing.
    links = doc.querySelectorAll('link[rel~="next"][href], a[href]');
  }
  const score = (el: Element): number => {
    if ((el.getAttribute('rel') ?? '').split(/\s+/).includes('next')) return 3;
    const text = elementText(el);
    if (NEXT_TEXT.test(text)) return 2;
    const number = PAGE_NUMBER_TEXT.exec(text);
    return number && +(number[1] ?? number[2] ?? 0) === wanted ? 1 : 0;
  };
  const candidates: Array<{ url: string; score: number }> = [];
  for (const el of links) {
    if (!mayContinue(el.getAttribute('href') ?? '')) continue;
    let url: URL;
    try {
      url = new URL(el.getAttribute('href') ?? '', base);
    } catch {
      continue;
    }
    url.hash = '';
    if (pageNumberOf(url, first) === wanted) candidates.push({ url: url.href, score: score(el) });
  }
  // A link with the right address but no telling text ("2" in an image map) still counts, last.
  return candidates.sort((x, y) => y.score - x.score)[0]?.url;
}
