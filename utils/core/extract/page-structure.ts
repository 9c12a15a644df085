// Where things are on an article page: the headline, the part that holds the article, the
// header between headline and text (credit line, dateline), and the parts that are about other
// articles (related lists, comments, footers) whose names and dates must never be taken.

import { DATE_IN_TEXT, mayHoldDate } from './dates';
import { collapseWhitespace, looseKey } from './text';

/**
 * Class or id words of page parts that are not the article: lists of other articles, comments.
 * ("widget" is not one: Blogger and WordPress call the post itself a widget.)
 */
const NOISE_WORDS = /(?:^|[\s_-])(?:comments?|related|recommend\w*|sidebar|footer|popular|trending|hot)(?:$|[\s_-])/i;
const NOISE_TAGS = new Set(['FOOTER', 'ASIDE', 'NAV']);
/** An article's own footer by class ("post-footer" holds Blogger's date and author): not noise. */
const OWN_FOOTER_WORDS = /\b(?:post|entry|article)[-_]footer\b/gi;

/** A test of whether an element sits in page noise below one container (see `noiseCheck`). */
export type NoiseCheck = (el: Element) => boolean;

/** True when `e` itself (not its ancestors) is a footer, sidebar, comment or related-articles part. */
function isNoisePart(e: Element, container: Element): boolean {
  // An article's own <footer> or <aside> (its credits and dates) belongs to it; the page's do not.
  const tag = e.tagName.toUpperCase();
  const own = (tag === 'FOOTER' || tag === 'ASIDE') && e.parentElement?.closest('article') === container;
  if (NOISE_TAGS.has(tag) && !own) return true;
  const words = `${e.getAttribute('id') ?? ''} ${e.getAttribute('class') ?? ''}`.replace(OWN_FOOTER_WORDS, '');
  return NOISE_WORDS.test(words);
}

/**
 * The test "does `el` sit in a footer, sidebar, comment or related-articles part below
 * `container`?" (the walk up stops at the container, body and root). One page's metadata asks it
 * of many elements that share ancestors (each text node of the header, each match of a selector
 * rule), and the content script runs cold, so each element's answer is kept: an ancestor's tag and
 * words are read once. Make one per read of a page: the answers hold for the page as it is.
 */
export function noiseCheck(container: Element): NoiseCheck {
  const doc = container.ownerDocument;
  const stop = new Set<Element | null>([container, doc.body, doc.documentElement]);
  const known = new Map<Element, boolean>();
  return (el) => {
    // The elements walked whose answer is not known yet: each gets the answer the walk finds.
    const walked: Element[] = [];
    let noisy = false;
    for (let e: Element | null = el; e && !stop.has(e); e = e.parentElement) {
      const answer = known.get(e);
      if (answer !== undefined) {
        noisy = answer;
        break;
      }
      walked.push(e);
      if (isNoisePart(e, container)) {
        noisy = true;
        break;
      }
    }
    for (const e of walked) known.set(e, noisy);
    return noisy;
  };
}

/**
 * What several of the functions below read of one page, read once: its h1 elements (most pages
 * have a few) and its noise check (`noiseCheck` of the body). For one read of the page.
 */
export interface PageParts {
  doc: Document;
  /** The page's h1 elements, in document order. */
  h1s: readonly Element[];
  noise: NoiseCheck;
}

export function pageParts(doc: Document): PageParts {
  return { doc, h1s: [...doc.querySelectorAll('h1')], noise: noiseCheck(doc.body ?? doc.documentElement) };
}

/** An element's text on one line. */
export const elementText = (el: Element | null | undefined) => collapseWhitespace(el?.textContent ?? '');

/**
 * The article's headline element: an h1 in the article (or main part), else the page's only h1 (or
 * one marked as a title) when the page title repeats it, since a lone h1 is often the site's logo.
 */
export function findH1(page: PageParts): Element | undefined {
  const { doc } = page;
  // The first h1 in an article, else in the main part: the page's few h1s are asked for their
  // ancestors rather than the whole page searched once per selector ("article h1"…).
  for (const outer of ['article', 'main', '[role="main"]']) {
    const h1 = page.h1s.find((h) => h.parentElement?.closest(outer));
    if (h1 && elementText(h1)) return h1;
  }
  // An h1 in the site's logo ("痞客邦 PIXNET") names the site, not the article.
  const all = page.h1s.filter((h) => elementText(h) && !page.noise(h) && !h.closest(LOGO));
  const h1 = all.length === 1 ? all[0] : all.find((h) => /title|headline/i.test(`${h.id} ${h.getAttribute('class') ?? ''}`));
  const titles = [doc.querySelector('title'), doc.querySelector('meta[property="og:title"]')]
    .map((el) => looseKey(el?.getAttribute('content') ?? el?.textContent ?? ''))
    .filter(Boolean);
  return h1 && (titles.length === 0 || titles.some((t) => t.includes(looseKey(elementText(h1))))) ? h1 : undefined;
}

/** What holds one article: HTML's own element, schema.org and hAtom markup (Blogger), the main part. */
const ARTICLE_ROOT = 'article, [itemtype*="Article" i], [itemtype*="Posting" i], .hentry, main, [role="main"]';

export function findContainer(doc: Document, h1: Element | undefined): Element {
  const onlyArticle = () => {
    const articles = doc.querySelectorAll('article');
    return articles.length === 1 ? articles[0] : undefined;
  };
  return (
    h1?.closest(ARTICLE_ROOT) ??
    onlyArticle() ??
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
  /** The element whose paragraphs are the article text (the first one's parent), when found. */
  text?: Element;
  /** Text of header elements classed as the author or byline ("Joe Wee", no label needed). */
  credits: string[];
}

/** Classes of paragraphs that hold metadata rather than article text. */
const META_CLASS = /meta|byline|author|date|time|info|source|credit|writer|reporter|editor|publish|posted/i;
const LINE_BLOCKS = 'p, div, li, dd, dt, td, th, header, section, address, h2, h3, h4, h5, h6';
const SKIPPED_IN_HEADER = 'h1, figure, figcaption, picture, table, script, style, noscript, template, button, select';
const HEADER_MAX_CHARS = 600;
/** A text this long is article prose, not a credit line. */
const PROSE_CHARS = 200;
/** A paragraph this short that holds a date is a dateline ("May 20, 2019"), not prose. */
const DATELINE_CHARS = 60;
/** The headline's earlier siblings (and its parent's) read as header: a dateline or credit above it. */
const PRELUDE_LEVELS = 2;
const PRELUDE_SIBLINGS = 4;
const PRELUDE_CHARS = 160;
/** Elements sites class as the credit: "article-author", "byline", "author-name". */
const CREDIT_CLASS = '[class*="author" i], [class*="byline" i]';
/**
 * What a credit element shows that is no part of a name: words only screen readers get ("Author
 * links open overlay panel"), affiliation and footnote marks (<sup>a</sup>), badges and counts.
 */
const NOT_IN_CREDIT = 'sup, .sr-only, .visually-hidden, .screen-reader-text, .screen-reader-only, .a11y-hidden, [class*="badge" i], [class*="count" i]';
const CREDIT_OPENING = /^(?:by\s+\p{Lu}|(?:作者|撰文|记者|記者)\s*[:：︱]|文\s*[/／])/u;
const PRECEDING = 2; // Node.DOCUMENT_POSITION_PRECEDING, without the Node global
const A_DATE = new RegExp(DATE_IN_TEXT.source, 'i');
/** "Feb. 23, 2015 -- Life-threatening…", "WASHINGTON, March 3, 2015 (Reuters) - …": a dateline opening the text. */
const DATELINE_DASH = /\s(?:--|[—–-])\s/;
/** A credit label on a line of its own, its name on the next ("by" / "Sleyca"). */
const BARE_BY = /^by$/i;

/**
 * Short elements just before the headline, when no <header> holds both: Salon puts its dateline
 * above the h1, PIXNET its date in the list item before the title's, Royal Road "Story by Author".
 * The earliest of them, where reading the header starts; undefined when there is none. Never
 * outside the article's container, nor past a list of links: those are other stories, dated too.
 */
function headlinePrelude(headline: Element, container: Element): Element | undefined {
  let first: Element | undefined;
  let chars = 0;
  let el: Element | null = headline;
  for (let level = 0; level < PRELUDE_LEVELS && el && el !== container; level++, el = el.parentElement) {
    let sibling = el.previousElementSibling;
    for (let n = 0; sibling && n < PRELUDE_SIBLINGS; n++, sibling = sibling.previousElementSibling) {
      chars += collapseWhitespace(sibling.textContent ?? '').length;
      if (chars > PRELUDE_CHARS || sibling.matches('h1, nav, aside, footer') || sibling.querySelectorAll('a[href]').length > 1) return first;
      first = sibling;
    }
    if (sibling) return first;
  }
  return first;
}

/** The date and place that open the first paragraph ("Feb. 23, 2015"), when they do. */
function datelineOf(paragraph: string): string | undefined {
  const date = mayHoldDate(paragraph) ? A_DATE.exec(paragraph) : null;
  if (!date || date.index > 40) return undefined;
  const rest = paragraph.slice(date.index + date[0].length);
  const dash = DATELINE_DASH.exec(rest);
  return dash && dash.index <= 30 ? paragraph.slice(0, date.index + date[0].length + dash.index) : undefined;
}

/** Adds `value` to the list `map` keeps for `key`. */
function append<K>(map: Map<K, string[]>, key: K, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The article's header: text after the headline (all of its <header> when it has one, else from
 * the short elements just above it) up to the first paragraph of article text. Credit lines and
 * datelines are read only here, never from the article's paragraphs, save a dateline that opens
 * the first one ("Feb. 23, 2015 -- …").
 */
export function readHeader(h1: Element | undefined, container: Element, noise: NoiseCheck): ArticleHeader {
  const header: ArticleHeader = { lines: [], times: [], credits: [] };
  if (!h1) return header;
  const start = h1.closest('header') ?? headlinePrelude(h1, container) ?? h1;
  const doc = h1.ownerDocument;
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, 0x1 | 0x4); // elements and text
  walker.currentNode = start;
  const lineOf = new Map<Element, string[]>();
  const creditOf = new Map<Element, string[]>();
  // A table, figure… that holds the header itself is page layout (LWN lays out pages in tables).
  const skipped = (el: Element) => {
    const outer = el.closest(SKIPPED_IN_HEADER);
    return outer !== null && !outer.contains(start);
  };
  let dateline: string | undefined;
  let chars = 0;
  for (let node: Node | null = start; node && chars < HEADER_MAX_CHARS; node = walker.nextNode()) {
    if (node.nodeType === 1) {
      const el = node as Element;
      // Paragraphs above the headline are its prelude (a kicker, a dateline), not the article.
      const prose =
        el.tagName.toUpperCase() === 'P' &&
        !start.contains(el) &&
        !skipped(el) &&
        !META_CLASS.test(`${el.id} ${el.getAttribute('class') ?? ''}`) &&
        (h1.compareDocumentPosition(el) & PRECEDING) === 0;
      if (prose) {
        const text = elementText(el);
        // Empty paragraphs are spacing; a short one with a date is the dateline, one that opens
        // with a credit label the credit line ("作者︱春春", "By Jane Doe").
        if (text && !(text.length <= DATELINE_CHARS && ((mayHoldDate(text) && A_DATE.test(text)) || CREDIT_OPENING.test(text)))) {
          dateline = datelineOf(text);
          header.text = el.parentElement ?? undefined;
          break;
        }
      }
      if (el.tagName.toUpperCase() === 'TIME' && !noise(el)) header.times.push(el);
      continue;
    }
    const parent = node.parentElement;
    const value = collapseWhitespace(node.nodeValue ?? '');
    if (!parent || !value || h1.contains(parent) || noise(parent)) continue;
    const credit = parent.closest(CREDIT_CLASS);
    const ownCredit = credit && !credit.contains(h1) ? credit : undefined;
    if (skipped(parent)) {
      // Journals make each author's name a button (it opens the affiliations): in a credit
      // element a button's text is the name, though buttons are no header lines.
      if (ownCredit && parent.closest('button') && !parent.closest(NOT_IN_CREDIT)) append(creditOf, ownCredit, value);
      continue;
    }
    if (value.length >= PROSE_CHARS) break;
    const block = parent.closest(LINE_BLOCKS) ?? container;
    append(lineOf, block, value);
    if (ownCredit && !parent.closest(NOT_IN_CREDIT)) append(creditOf, ownCredit, value);
    chars += value.length;
  }
  header.credits = [...creditOf.values()].map((parts) => parts.join(' '));
  for (const parts of lineOf.values()) {
    const line = parts.join(' ');
    const last = header.lines.length - 1;
    if (last >= 0 && BARE_BY.test(header.lines[last]!)) header.lines[last] += ` ${line}`;
    else header.lines.push(line);
  }
  if (dateline) header.lines.push(dateline);
  return header;
}

/** Elements sites mark as their logo or brand. */
const LOGO = '[class*="logo" i], [id*="logo" i], [class*="brand" i]';
const MAX_LOGO_NAME = 40;
const MAX_LOGOS = 8;
const COMBINING_DOT_ABOVE = /\u0307/g;

/**
 * False when `key`, a lower-cased name, cannot be the loose key (`looseKey`) of a logo name, so
 * that a caller can skip reading them: such a key has no spaces or dots, and at most
 * MAX_LOGO_NAME code units besides the combining dots that lower-casing adds ("İ" becomes "i̇",
 * the only character whose lower case is longer).
 */
export function mayBeLogoKey(key: string): boolean {
  return !/[\s.]/.test(key) && key.replace(COMBINING_DOT_ABOVE, '').length <= MAX_LOGO_NAME;
}

function isHomeLink(href: string, base: URL): boolean {
  try {
    const url = new URL(href, base);
    return url.host === base.host && (url.pathname === '/' || url.pathname === '') && url.search === '';
  } catch {
    return false;
  }
}

function parsedUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * The names the site shows as its logo: the short text and image alt of logo elements and of
 * links to the home page in headings and the page header ("痞客邦 PIXNET", "Archive of Our Own").
 * Titles end with them ("… :: 痞客邦 PIXNET ::") as often as with `og:site_name`.
 */
export function logoNames(page: PageParts, baseUrl: string): string[] {
  const { doc } = page;
  const names = new Set<string>();
  const add = (el: Element) => {
    for (const text of [elementText(el), ...[...el.querySelectorAll('img[alt]')].map((img) => collapseWhitespace(img.getAttribute('alt') ?? ''))]) {
      if (text && text.length <= MAX_LOGO_NAME) names.add(text);
    }
  };
  // The first MAX_LOGOS outside noise: the noise check walks ancestors, so it stops there.
  let kept = 0;
  for (const el of doc.querySelectorAll(LOGO)) {
    if (kept === MAX_LOGOS) break;
    if (page.noise(el)) continue;
    add(el);
    kept += 1;
  }
  // The base is parsed once: a page header may hold dozens of links. (No link resolves against a
  // base that is no URL.)
  const base = parsedUrl(baseUrl);
  if (base) for (const a of doc.querySelectorAll('h1 a[href], header a[href]')) if (isHomeLink(a.getAttribute('href') ?? '', base)) add(a);
  return [...names];
}

// "tit" also finds abbreviated class names ("l_tit" on youth.cn); the text must still be a title.
const HEADLINE_LIKE = 'h1, h2, h3, [itemprop~="headline"], [class*="tit" i], [class*="headline" i]';
const MAX_HEADLINE_CHARS = 300;

/**
 * Where the page shows its headline when no h1 says so (blogs put it in an h2, AO3 in
 * `h2.title`): the first heading-like element whose text is one of the page's own titles (og:title,
 * `<title>` parts), so that the credit line and dateline under it can be read.
 */
export function findHeadlineByText(page: PageParts, titles: readonly string[]): Element | undefined {
  const keys = titles.map(looseKey).filter((k) => k.length >= 4);
  if (keys.length === 0) return undefined;
  const body = page.doc.body ?? page.doc.documentElement;
  const same = (a: string, b: string) => a === b || (a.includes(b) && b.length * 4 >= a.length * 3);
  const matches = (el: Element) => {
    const key = looseKey(elementText(el));
    if (key.length < 4 || key.length > MAX_HEADLINE_CHARS || page.noise(el)) return false;
    return keys.some((k) => same(k, key) || same(key, k));
  };
  // An h1 first: a list of stories earlier in the page may repeat the headline in an h3 (Yahoo).
  return page.h1s.find((h) => body.contains(h) && matches(h)) ?? [...body.querySelectorAll(HEADLINE_LIKE)].find(matches);
}
