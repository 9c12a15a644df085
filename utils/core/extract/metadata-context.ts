// What every metadata rule reads: the page's structured sources (`<meta>` tags, JSON-LD), where
// its headline, article and header are, and the rule builders over them. A rule gives the
// candidate values of one source; each field tries its rules in order (see metadata.ts).

import { type ArticleHeader, elementText, findContainer, findH1, findHeadlineByText, type NoiseCheck, noiseCheck, type PageParts, pageParts, readHeader } from './page-structure';
import { collapseWhitespace, looseKey } from './text';
import { agreesWith, TITLE_SEPARATOR } from './title';

/** What Readability found, used after the page's own metadata. */
export interface ReadabilityHints {
  title?: string | null;
  byline?: string | null;
  excerpt?: string | null;
  siteName?: string | null;
  publishedTime?: string | null;
}

export type LdNode = Record<string, unknown>;

export interface Context {
  doc: Document;
  pageUrl: string;
  baseUrl: string;
  now: number;
  hints: ReadabilityHints;
  /** `<meta>` contents by lower-cased name / property / http-equiv, in document order. */
  meta: Map<string, string[]>;
  ldIds: Map<string, LdNode>;
  ldNodes: LdNode[];
  ldArticle?: LdNode;
  h1?: Element;
  /** The `<title>` text, on one line. */
  title: string;
  /** The addresses the page declares for itself (see `readDeclaredUrls`). */
  declaredUrls: string[];
  /** Where the article is: selector rules look only here. */
  container: Element;
  /** Noise below the container (footers, related lists, comments). */
  noise: NoiseCheck;
  page: PageParts;
  header: ArticleHeader;
  /** Epoch ms of a date value read in the page's zone and numeric order, when plausible. */
  time: (value: string) => number | undefined;
}

// ---------------------------------------------------------------------------------------------
// Structured sources

function readMeta(doc: Document): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const m of doc.querySelectorAll('meta[content]')) {
    // `property` may list several names: <meta property="og:title twitter:title" content="…">.
    const keys = (m.getAttribute('property') ?? m.getAttribute('name') ?? m.getAttribute('http-equiv') ?? '').trim().toLowerCase();
    const content = m.getAttribute('content')?.trim();
    if (!content) continue;
    // Most tags have one name: splitting with a regular expression costs more than looking for a space.
    for (const key of /\s/.test(keys) ? keys.split(/\s+/) : [keys]) {
      if (!key) continue;
      const values = map.get(key);
      if (values) values.push(content);
      else map.set(key, [content]);
    }
  }
  return map;
}

export const isNode = (v: unknown): v is LdNode => typeof v === 'object' && v !== null && !Array.isArray(v);

function readJsonLd(doc: Document): LdNode[] {
  const nodes: LdNode[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (isNode(v)) {
      nodes.push(v);
      visit(v['@graph']);
    }
  };
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    // Raw line breaks inside strings and CDATA wrappers are common and make JSON.parse fail.
    const source = (script.textContent ?? '').replace(/<!\[CDATA\[|\]\]>/g, '').replace(/[\n\r\t]+/g, ' ');
    try {
      visit(JSON.parse(source));
    } catch {
      // A broken block is skipped; the page's other metadata still counts.
    }
  }
  return nodes;
}

export const ldTypes = (n: LdNode) => [n['@type']].flat().filter((t): t is string => typeof t === 'string');
const isLdArticle = (n: LdNode) => ldTypes(n).some((t) => /(?:Article|Posting|Report)$/i.test(t));

/** Strings of a JSON-LD value: plain strings, `name`s (or `url`s) of objects, `@id` references resolved. */
export function ldStrings(c: Context, value: unknown, key: 'name' | 'url' = 'name'): string[] {
  if (typeof value === 'string') return [value];
  if (typeof value === 'number') return [String(value)];
  if (Array.isArray(value)) return value.flatMap((v) => ldStrings(c, v, key));
  if (!isNode(value)) return [];
  const id = value['@id'];
  const node = value[key] === undefined && typeof id === 'string' ? (c.ldIds.get(id) ?? value) : value;
  return ldStrings(c, node[key], key);
}

// ---------------------------------------------------------------------------------------------
// Rules

export type Rule = (c: Context) => string[];

export const meta =
  (...keys: string[]): Rule =>
  (c) =>
    keys.flatMap((k) => c.meta.get(k) ?? []);
/** Values of the first of `keys` the page has: the same fact under several names is not a list. */
export const metaFirst =
  (...keys: string[]): Rule =>
  (c) =>
    keys.map((k) => c.meta.get(k) ?? []).find((v) => v.length) ?? [];
export const ld =
  (key: string, sub: 'name' | 'url' = 'name'): Rule =>
  (c) =>
    c.ldArticle ? ldStrings(c, c.ldArticle[key], sub) : [];
export const hint =
  (key: keyof ReadabilityHints): Rule =>
  (c) =>
    c.hints[key] ? [c.hints[key]] : [];

/**
 * Text (or `content` / `datetime`) of the first element matching `selector` outside noise, and of
 * matches next to it (several authors of one byline), not of matches further down the page.
 */
export const inArticle =
  (selector: string): Rule =>
  (c) => {
    const found: Element[] = [];
    let scope: Element | undefined;
    for (const el of c.doc.querySelectorAll(selector)) {
      // Matches come in document order, so those of the scope's subtree come together: the first
      // one past it ends the search (the rest of the page is not tested for noise).
      if (scope && !scope.contains(el)) break;
      if (c.noise(el)) continue;
      scope ??= el.parentElement?.parentElement ?? el;
      found.push(el);
    }
    return found
      .map(
        (el) =>
          el.getAttribute('content') ??
          el.getAttribute('datetime') ??
          // Blogger and hAtom: <abbr class="published" title="2016-05-08T00:55:00-07:00">12:55 AM</abbr>
          (el.tagName.toUpperCase() === 'ABBR' ? el.getAttribute('title') : null) ??
          elementText(el.querySelector('[itemprop~="name"]') ?? el),
      );
  };

/** The first of `values` that `accept` turns into a result, as that result. */
export function firstValue<T>(values: readonly string[], accept: (value: string) => T | undefined): T | undefined {
  for (const value of values) {
    const result = accept(value);
    if (result !== undefined) return result;
  }
  return undefined;
}

/** First value of the first rule that gives one that `accept` turns into a result. */
export function first<T>(c: Context, rules: readonly Rule[], accept: (value: string) => T | undefined): T | undefined {
  for (const rule of rules) {
    const result = firstValue(rule(c), accept);
    if (result !== undefined) return result;
  }
  return undefined;
}

export const nonEmpty = (v: string) => collapseWhitespace(v) || undefined;

// ---------------------------------------------------------------------------------------------
// The context

/** The addresses the page declares for itself: canonical link, then og:url. */
const readDeclaredUrls = (doc: Document, metaMap: Map<string, string[]>) => [
  ...[...doc.querySelectorAll('link[rel~="canonical"][href]')].map((l) => l.getAttribute('href') ?? ''),
  ...(metaMap.get('og:url') ?? []),
];

/** "A - B | Site" gives "A", "A - B" and itself: one of them is the headline shown. */
function titlePrefixes(title: string): string[] {
  return [...title.matchAll(TITLE_SEPARATOR)].map((m) => title.slice(0, m.index)).concat(title);
}

/** The context of one read of `doc`; `time` reads no date until the page's language is known. */
export function buildContext(doc: Document, pageUrl: string, now: number, hints: ReadabilityHints): Context {
  const ldNodes = readJsonLd(doc);
  const ldIds = new Map<string, LdNode>();
  for (const n of ldNodes) if (typeof n['@id'] === 'string' && Object.keys(n).length > 1) ldIds.set(n['@id'], n);
  const metaMap = readMeta(doc);
  const ldArticle = ldNodes.find(isLdArticle) ?? ldNodes.find((n) => 'headline' in n || 'datePublished' in n || 'uploadDate' in n);
  const title = collapseWhitespace(doc.querySelector('title')?.textContent ?? '');
  // Several steps ask about the same elements: the answers are kept for this read.
  const page = pageParts(doc);
  // The page's titles, read only when the headline is looked for by its text.
  const titles = () => [
    ...['og:title', 'twitter:title'].flatMap((k) => metaMap.get(k) ?? []),
    ...[ldArticle?.['headline']].flat().filter((h): h is string => typeof h === 'string'),
    ...titlePrefixes(title),
  ];
  // A lone h1 is often the blog's name ("Silicon Exposed"): when it disagrees with og:title, the
  // headline is the element that shows og:title.
  const declared = metaMap.get('og:title') ?? [];
  // A lone h1 that holds the site's name (a blog's title) is no headline either.
  const siteKeys = ['og:site_name', 'application-name'].flatMap((k) => metaMap.get(k) ?? []).map(looseKey);
  const candidate = findH1(page);
  const found = candidate && siteKeys.includes(looseKey(elementText(candidate))) ? undefined : candidate;
  const h1 = found && agreesWith(elementText(found), declared) ? found : (findHeadlineByText(page, titles()) ?? found);
  const container = findContainer(doc, h1);
  // Below the body (or the root), the container's noise is the page's: the walk stops at both, and
  // no <article> is either of them.
  const noise = container === doc.body || container === doc.documentElement ? page.noise : noiseCheck(container);
  return {
    doc,
    pageUrl,
    baseUrl: doc.baseURI || pageUrl,
    now,
    hints,
    meta: metaMap,
    ldIds,
    ldNodes,
    ldArticle,
    h1,
    title,
    declaredUrls: readDeclaredUrls(doc, metaMap),
    container,
    noise,
    page,
    header: readHeader(h1, container, noise),
    time: () => undefined,
  };
}
