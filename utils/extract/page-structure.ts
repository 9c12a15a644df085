// Where things are on an article page: the headline, the part that holds the article, the
// header between headline and text (credit line, dateline), and the parts that are about other
// articles (related lists, comments, footers) whose names and dates must never be taken.

import { collapseWhitespace, looseKey } from './text';

/** Class or id words of page parts that are not the article: lists of other articles, comments. */
const NOISE_WORDS = /(?:^|[\s_-])(?:comments?|related|recommend\w*|sidebar|widget|footer|popular|trending|hot)(?:$|[\s_-])/i;
const NOISE_TAGS = new Set(['FOOTER', 'ASIDE', 'NAV']);

/** True when `el` sits in a footer, sidebar, comment or related-articles part below `container`. */
export function inNoise(el: Element, container: Element): boolean {
  const stop = new Set([container, el.ownerDocument.body, el.ownerDocument.documentElement]);
  for (let e: Element | null = el; e && !stop.has(e); e = e.parentElement) {
    if (NOISE_TAGS.has(e.tagName.toUpperCase())) return true;
    if (NOISE_WORDS.test(`${e.getAttribute('id') ?? ''} ${e.getAttribute('class') ?? ''}`)) return true;
  }
  return false;
}

/** An element's text on one line. */
export const elementText = (el: Element | null | undefined) => collapseWhitespace(el?.textContent ?? '');

/**
 * The article's headline element: an h1 in the article (or main part), else the page's only h1 (or
 * one marked as a title) when the page title repeats it, since a lone h1 is often the site's logo.
 */
export function findH1(doc: Document): Element | undefined {
  for (const selector of ['article h1', 'main h1', '[role="main"] h1']) {
    const h1 = doc.querySelector(selector);
    if (h1 && elementText(h1)) return h1;
  }
  const all = [...doc.querySelectorAll('h1')].filter((h) => elementText(h) && !inNoise(h, doc.documentElement));
  const h1 = all.length === 1 ? all[0] : all.find((h) => /title|headline/i.test(`${h.id} ${h.getAttribute('class') ?? ''}`));
  const titles = [doc.querySelector('title'), doc.querySelector('meta[property="og:title"]')]
    .map((el) => looseKey(el?.getAttribute('content') ?? el?.textContent ?? ''))
    .filter(Boolean);
  return h1 && (titles.length === 0 || titles.some((t) => t.includes(looseKey(elementText(h1))))) ? h1 : undefined;
}

export function findContainer(doc: Document, h1: Element | undefined): Element {
  const articles = doc.querySelectorAll('article');
  return (
    h1?.closest('article, main, [role="main"]') ??
    (articles.length === 1 ? articles[0] : undefined) ??
    doc.querySelector('main, [role="main"]') ??
    doc.body ??
    doc.documentElement
  );
}

export interface ArticleHeader {
  /** Text lines between the headline and the article text (credit line, dateline). */
  lines: string[];
  /** `<time>` elements there. */
  times: Element[];
}

/** Classes of paragraphs that hold metadata rather than article text. */
const META_CLASS = /meta|byline|author|date|time|info|source|credit|writer|reporter|editor|publish|posted/i;
const LINE_BLOCKS = 'p, div, li, dd, dt, td, th, header, section, address, h2, h3, h4, h5, h6';
const SKIPPED_IN_HEADER = 'h1, figure, figcaption, picture, table, script, style, noscript, template, button, select';
const HEADER_MAX_CHARS = 600;
/** A text this long is article prose, not a credit line. */
const PROSE_CHARS = 200;

/**
 * The article's header: text after the headline (all of its <header> when it has one) up to the
 * first paragraph of article text. Credit lines and datelines are read only here, never
 * from the article's paragraphs.
 */
export function readHeader(h1: Element | undefined, container: Element): ArticleHeader {
  const header: ArticleHeader = { lines: [], times: [] };
  if (!h1) return header;
  const start = h1.closest('header') ?? h1;
  const doc = h1.ownerDocument;
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, 0x1 | 0x4); // elements and text
  walker.currentNode = start;
  const lineOf = new Map<Element, string[]>();
  let chars = 0;
  for (let node: Node | null = start; node && chars < HEADER_MAX_CHARS; node = walker.nextNode()) {
    if (node.nodeType === 1) {
      const el = node as Element;
      const isProse = el.tagName.toUpperCase() === 'P' && !start.contains(el) && !el.closest(SKIPPED_IN_HEADER);
      if (isProse && !META_CLASS.test(`${el.id} ${el.getAttribute('class') ?? ''}`)) break;
      if (el.tagName.toUpperCase() === 'TIME' && !inNoise(el, container)) header.times.push(el);
      continue;
    }
    const parent = node.parentElement;
    const value = collapseWhitespace(node.nodeValue ?? '');
    if (!parent || !value || parent.closest(SKIPPED_IN_HEADER) || inNoise(parent, container)) continue;
    if (value.length >= PROSE_CHARS) break;
    const block = parent.closest(LINE_BLOCKS) ?? container;
    lineOf.set(block, [...(lineOf.get(block) ?? []), value]);
    chars += value.length;
  }
  header.lines = [...lineOf.values()].map((parts) => parts.join(' '));
  return header;
}
