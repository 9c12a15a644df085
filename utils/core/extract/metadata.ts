// Page metadata for a clip. Every field is a list of rules tried in order (structured metadata
// first, visible text last); the first rule that yields a valid value wins. Read-only on `doc`.

import { stripTrackingParams } from '../model/url';
import { type LowerCaseSiteNames, readCredit } from './credit';
import { completeYearless, DATE_IN_TEXT, impliedZoneOffset, isPlausibleTime, mayHoldDate, numericOrder, parseDate, type Ymd } from './dates';
import { type ArticleHeader, elementText, findContainer, findH1, findHeadlineByText, logoNames, mayBeLogoKey, type NoiseCheck, noiseCheck, type PageParts, pageParts, readHeader } from './page-structure';
import { collapseWhitespace, looseKey, sampleText } from './text';
import { agreesWith, type SiteNames, stripSiteSuffix, TITLE_SEPARATOR, withoutTrailingLabels } from './title';

export interface PageMetadata {
  title: string;
  byline?: string;
  source?: string;
  siteName: string;
  publishedAt?: number;
  modifiedAt?: number;
  /** Canonical URL when trustworthy, else the page URL without tracking parameters. */
  url: string;
  lang?: string;
  dir?: 'ltr' | 'rtl';
  excerpt?: string;
  keywords: string[];
  leadImage?: string;
}

/** What Readability found, used after the page's own metadata. */
export interface ReadabilityHints {
  title?: string | null;
  byline?: string | null;
  excerpt?: string | null;
  siteName?: string | null;
  publishedTime?: string | null;
}

export interface MetadataOptions {
  now?: number;
  /** The page's text as `sampleText` gives it, when the caller has it already. */
  sample?: string;
  readability?: ReadabilityHints | null;
}

type LdNode = Record<string, unknown>;

interface Context {
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

const isNode = (v: unknown): v is LdNode => typeof v === 'object' && v !== null && !Array.isArray(v);

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

const ldTypes = (n: LdNode) => [n['@type']].flat().filter((t): t is string => typeof t === 'string');
const isLdArticle = (n: LdNode) => ldTypes(n).some((t) => /(?:Article|Posting|Report)$/i.test(t));

/** Strings of a JSON-LD value: plain strings, `name`s (or `url`s) of objects, `@id` references resolved. */
function ldStrings(c: Context, value: unknown, key: 'name' | 'url' = 'name'): string[] {
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

type Rule = (c: Context) => string[];

const meta =
  (...keys: string[]): Rule =>
  (c) =>
    keys.flatMap((k) => c.meta.get(k) ?? []);
/** Values of the first of `keys` the page has: the same fact under several names is not a list. */
const metaFirst =
  (...keys: string[]): Rule =>
  (c) =>
    keys.map((k) => c.meta.get(k) ?? []).find((v) => v.length) ?? [];
const ld =
  (key: string, sub: 'name' | 'url' = 'name'): Rule =>
  (c) =>
    c.ldArticle ? ldStrings(c, c.ldArticle[key], sub) : [];
const hint =
  (key: keyof ReadabilityHints): Rule =>
  (c) =>
    c.hints[key] ? [c.hints[key]] : [];

/**
 * Text (or `content` / `datetime`) of the first element matching `selector` outside noise, and of
 * matches next to it (several authors of one byline), not of matches further down the page.
 */
const inArticle =
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

function publisherNames(c: Context): string[] {
  const fromArticle = c.ldArticle ? ldStrings(c, c.ldArticle['publisher']) : [];
  if (fromArticle.length) return fromArticle;
  const org = c.ldNodes.find((n) => ldTypes(n).some((t) => /Organization$/i.test(t)));
  const site = c.ldNodes.find((n) => ldTypes(n).includes('WebSite'));
  return [...(org ? ldStrings(c, org['name']) : []), ...(site ? ldStrings(c, site['name']) : [])];
}

function hostName(c: Context): string {
  try {
    return new URL(c.pageUrl).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** Names the page gives itself (also used to recognise title suffixes). */
const DECLARED_SITE_NAME_RULES: Rule[] = [
  meta('og:site_name'),
  publisherNames,
  meta('application-name', 'apple-mobile-web-app-title'),
  hint('siteName'),
];
/** A site name, not an address ("http://www.tmz.com" is TMZ's og:site_name). */
const siteNameValue = (v: string) => (/^[a-z]+:\/\//i.test(v.trim()) ? undefined : nonEmpty(v));

/** JSON-LD headlines that agree with the page's `<title>` or headline element. */
const ldHeadline: Rule = (c) => ld('headline')(c).filter((h) => agreesWith(h, [c.title, elementText(c.h1)]));

const TITLE_RULES: Rule[] = [
  meta('og:title'),
  meta('twitter:title'),
  ldHeadline,
  // Documentation generators end headings with a permalink "¶" (Sphinx).
  (c) => [elementText(c.h1).replace(/\s*¶$/, '')],
  titleFromTitleElement,
  hint('title'),
];

const CREDIT_LINE_CHARS = 120;

/** Byline sources; values of the article header count only where a label ("作者：", "By") says so. */
const BYLINE_RULES: ReadonlyArray<[Rule, 'names' | 'ignore']> = [
  [ldPersons, 'names'],
  [ld('author'), 'names'],
  // Dublin Core's creator is the work's author; `author` is sometimes the site's operator.
  [(c) => metaFirst('dc:creator', 'dcterms:creator', 'dc.creator', 'dcterms.creator')(c).map(uninverted), 'names'],
  [metaAuthor, 'names'],
  [(c) => meta('article:author')(c).filter((v) => !/^https?:|^www\./i.test(v)), 'names'],
  [meta('parsely-author', 'sailthru.author'), 'names'],
  [inArticle('a[rel~="author"], [itemprop~="author"]'), 'names'],
  [(c) => c.header.credits, 'names'],
  [readabilityByline, 'names'],
  // Long header lines are summaries ("…在记者会上表示…"), not credit lines.
  [(c) => c.header.lines.filter((line) => line.length <= CREDIT_LINE_CHARS), 'ignore'],
  [trailingCredits, 'ignore'],
];

/**
 * Readability's byline, when the article header shows it: Readability also takes it from any
 * element classed "author" or "byline", such as a navigation link, a "Follow Author" button or a
 * related story's credit. (Often it is the meta author again, which may be an editor's name.)
 */
function readabilityByline(c: Context): string[] {
  const shown = looseKey(c.header.lines.join(' '));
  return withoutEditors(c, hint('byline')(c)).filter((v) => {
    const key = looseKey(v);
    return key !== '' && shown.includes(key);
  });
}

/** JSON-LD authors typed Person: people even when the site bears their name (a personal blog). */
function ldPersons(c: Context): string[] {
  const authors: unknown[] = c.ldArticle ? [c.ldArticle['author']].flat() : [];
  return authors.filter((a) => isNode(a) && ldTypes(a).includes('Person')).flatMap((a) => ldStrings(c, a));
}

const TRAILING_PARAGRAPHS = 4;
const TRAILING_CREDIT_CHARS = 40;

/**
 * Credit lines that close the article ("作者︱春春", "（记者 张三）"): the last short paragraphs
 * beside its first paragraph of text or in its own footer, read for labelled credits only.
 */
function trailingCredits(c: Context): string[] {
  // The article's own <footer> (V8's blog: "Posted by Alon Zakai.") closes it too.
  const footers = c.container.tagName.toUpperCase() === 'ARTICLE' ? [...c.container.querySelectorAll('footer')].filter((f) => !c.noise(f)) : [];
  const paragraphs = [...(c.header.text?.children ?? []), ...footers.flatMap((f) => [...f.querySelectorAll('p')])].filter(
    (el) => el.tagName.toUpperCase() === 'P',
  );
  const lines: string[] = [];
  for (let i = paragraphs.length - 1, seen = 0; i >= 0 && seen < TRAILING_PARAGRAPHS; i--) {
    const text = elementText(paragraphs[i]);
    if (!text) continue;
    seen++;
    if (text.length <= TRAILING_CREDIT_CHARS) lines.push(text);
  }
  return lines;
}

/** Names the article credits with an author link (rel=author), outside related lists and comments. */
const linkedAuthors = (c: Context): string[] =>
  [...c.container.querySelectorAll('a[rel~="author"]')]
    .filter((a) => !c.noise(a))
    .map((a) => looseKey(elementText(a)))
    .filter(Boolean);

/**
 * `<meta name="author">`, unless the article's own author link names someone else: AO3 gives every
 * work the meta author "Organization for Transformative Works" and links the writer's name.
 */
function metaAuthor(c: Context): string[] {
  const values = withoutEditors(c, meta('author')(c));
  const linked = values.length ? linkedAuthors(c) : [];
  if (linked.length === 0) return values;
  return values.filter((v) => linked.some((l) => l.includes(looseKey(v)) || looseKey(v).includes(l)));
}

const HAN = /\p{Script=Han}/u;
const EDITOR_LABEL = /(?:责任编辑|責任編輯|责编|責編)\s*[:：︱]\s*/g;

/**
 * Chinese sites often fill the meta author with the responsible editor ("青网校园崔宁宁" where the
 * article ends "责任编辑：崔宁宁"): a name the page credits as editor is no author. Read only
 * for Chinese names, where this happens.
 */
function withoutEditors(c: Context, values: string[]): string[] {
  if (!values.some((v) => HAN.test(v))) return values;
  const text = c.container.textContent ?? '';
  // What follows each label; the name's end is unknown (no spaces), so a value is an editor's
  // when one of these starts with the value or its tail ("崔宁宁" of "青网校园崔宁宁").
  const credited = [...text.matchAll(EDITOR_LABEL)].map((m) => text.slice(m.index + m[0].length, m.index + m[0].length + 20));
  const isEditor = (v: string) => {
    const chars = [...v.trim()];
    return chars.some((_, i) => i <= chars.length - 2 && credited.some((after) => after.startsWith(chars.slice(i).join(''))));
  };
  return values.filter((v) => !isEditor(v));
}

/** "Jong, Michiel de" → "Michiel de Jong": Dublin Core creators are written surname first. */
const uninverted = (name: string) => name.replace(/^\s*([^\s,]+),\s*([^,]+?)\s*$/u, '$2 $1');

/** Classes blog engines and microformats give the published and updated time (hAtom, WordPress, AO3). */
const PUBLISHED_CLASSES = 'abbr.published, time.published, dd.published, .entry-date, .post-date, .pubdate, .publish-date, .date-published';
const MODIFIED_CLASSES = 'abbr.updated, time.updated, .date-modified, .updated-date';

const PUBLISHED_RULES: Rule[] = [
  earliest(meta('article:published_time', 'og:published_time'), ld('datePublished')),
  inArticle('[itemprop~="datePublished"]'),
  inArticle(PUBLISHED_CLASSES),
  meta(
    'parsely-pub-date', 'sailthru.date', 'dc.date.issued', 'dc.date', 'dcterms.issued', 'dcterms.date',
    'pubdate', 'publishdate', 'publish-date', 'publish_date', 'date',
  ),
  (c) => c.header.times.filter((t) => !isModifiedTime(t)).map((t) => t.getAttribute('datetime') ?? ''),
  (c) => headerDates(c, 'published'),
  hint('publishedTime'),
  titleDates,
  (c) => yearlessHeaderDates(c),
  (c) => urlDates(c).map(([y, m, d]) => `${y}-${m}-${d}`),
];

const MODIFIED_RULES: Rule[] = [
  meta('article:modified_time', 'og:updated_time'),
  ld('dateModified'),
  inArticle('[itemprop~="dateModified"]'),
  inArticle(MODIFIED_CLASSES),
  meta('dc.date.modified', 'dcterms.modified', 'last_updated', 'last-modified'),
  (c) => c.header.times.filter(isModifiedTime).map((t) => t.getAttribute('datetime') ?? ''),
  (c) => headerDates(c, 'modified'),
];

const EXCERPT_RULES: Rule[] = [meta('og:description', 'description', 'twitter:description'), hint('excerpt')];
const KEYWORD_RULES: Rule[] = [meta('article:tag', 'news_keywords', 'keywords'), ld('keywords')];
const LEAD_IMAGE_RULES: Rule[] = [
  meta('og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image', 'twitter:image:src'),
  ld('image', 'url'),
];
const LANG_RULES: Rule[] = [
  (c) => [c.doc.documentElement.getAttribute('lang') ?? ''],
  (c) => meta('og:locale')(c).map((l) => l.replace('_', '-')),
  (c) => meta('content-language')(c).map((l) => l.split(',')[0] ?? ''),
];

/** The first of `values` that `accept` turns into a result, as that result. */
function firstValue<T>(values: readonly string[], accept: (value: string) => T | undefined): T | undefined {
  for (const value of values) {
    const result = accept(value);
    if (result !== undefined) return result;
  }
  return undefined;
}

/** First value of the first rule that gives one that `accept` turns into a result. */
function first<T>(c: Context, rules: readonly Rule[], accept: (value: string) => T | undefined): T | undefined {
  for (const rule of rules) {
    const result = firstValue(rule(c), accept);
    if (result !== undefined) return result;
  }
  return undefined;
}

const nonEmpty = (v: string) => collapseWhitespace(v) || undefined;

const DAY_MS = 86_400_000;
const HAS_TIME = /\d{1,2}[:：时時]\d{2}|^\d{10}$|^\d{13}$/;

/**
 * The first time `rules` give; when that is a bare day ("2017-03-10" in a meta tag), a later
 * source's time on that day ("2017-03-10 09:58" in the header) makes it precise.
 */
function firstTime(c: Context, rules: readonly Rule[]): number | undefined {
  let day: number | undefined;
  for (const rule of rules) {
    for (const value of rule(c)) {
      const t = c.time(value);
      if (t === undefined) continue;
      if (day === undefined) {
        if (HAS_TIME.test(value.trim())) return t;
        day = t;
      } else if (t >= day && t < day + DAY_MS && HAS_TIME.test(value.trim())) return t;
    }
  }
  return day;
}

// ---------------------------------------------------------------------------------------------
// Title

/**
 * The site's names as loose keys: those the page declares, and those its logo shows. The logo's
 * are read (a search of the whole page) only when a check cannot be answered without them: a key
 * that no logo name can have, or a declared name that passes the test, settles it.
 */
class SiteNameKeys implements SiteNames {
  private logos?: string[];

  constructor(
    private readonly declared: readonly string[],
    private readonly readLogos: () => string[],
  ) {}

  private logoKeys(): string[] {
    this.logos ??= this.readLogos()
      .map(looseKey)
      .filter(Boolean);
    return this.logos;
  }

  includes(key: string): boolean {
    return this.declared.includes(key) || (mayBeLogoKey(key) && this.logoKeys().includes(key));
  }

  some(test: (key: string) => boolean): boolean {
    return this.declared.some(test) || this.logoKeys().some(test);
  }
}

/** The site's name keys, from the names the page declares (`DECLARED_SITE_NAME_RULES`' values) on. */
function siteNameKeys(c: Context, declaredNames: readonly string[], host: string): SiteNameKeys {
  const names = [...declaredNames, ...meta('twitter:site')(c).map((s) => s.replace(/^@/, ''))];
  // The host's own name ("bbc" of bbc.co.uk) also marks a suffix ("BBC News").
  const label = registrableDomain(host).split('.')[0] ?? '';
  // "Factorio.com" names the site that "… | Factorio" ends with.
  const domainLabels = names.filter((n) => /^[\w-]+(?:\.[\w-]+)+$/.test(n.trim())).map((n) => registrableDomain(n.trim()).split('.')[0] ?? '');
  const declared = [...names.map(looseKey), ...domainLabels, ...(label.length >= 3 && !/^\d+$/.test(label) ? [label] : [])];
  return new SiteNameKeys(
    declared.filter(Boolean),
    () => logoNames(c.page, c.baseUrl),
  );
}

/**
 * `<title>` often lists sections: "A | B | C | Site" is A when A is the headline shown on the page,
 * and, with no headline shown, it is A as long as A reads as a headline (see title.ts).
 */
function titleFromTitleElement(c: Context): string[] {
  const raw = c.title;
  const head = raw.split(TITLE_SEPARATOR)[0]?.trim() ?? '';
  const shown = [...c.page.h1s.map(elementText), ...meta('og:title')(c).map(collapseWhitespace)];
  return [head && head !== raw && shown.includes(head) ? head : withoutTrailingLabels(raw)];
}

// ---------------------------------------------------------------------------------------------
// Dates

const isModifiedTime = (t: Element) => /modif|updat/i.test(`${t.getAttribute('itemprop') ?? ''} ${t.getAttribute('class') ?? ''}`);

const UPDATE_LABEL = /(?:更新|修改|updated|modified|edited)[^\d]{0,12}$/i;

/** Dates written in the article header; those after an "updated" label are modification times. */
function headerDates(c: Context, kind: 'published' | 'modified'): string[] {
  const out: string[] = [];
  for (const line of c.header.lines) {
    if (!mayHoldDate(line)) continue;
    for (const m of line.matchAll(DATE_IN_TEXT)) {
      const updated = UPDATE_LABEL.test(line.slice(Math.max(0, m.index - 20), m.index));
      if (updated === (kind === 'modified')) out.push(line.slice(m.index));
    }
  }
  return out;
}

/**
 * Values of several sources of the same fact, earliest first: a page whose `article:published_time`
 * and JSON-LD `datePublished` disagree shows the earlier one (Medium, NBC News: the later one is
 * the time of a republication).
 */
function earliest(...rules: Rule[]): Rule {
  return (c) => {
    const timed = rules.flatMap((rule) => rule(c)).map((v) => ({ v, t: c.time(v) }));
    return timed.sort((a, b) => (a.t ?? Infinity) - (b.t ?? Infinity)).map(({ v }) => v);
  };
}

/** A title part that is a date: "Una solución no violenta - 07.12.2017 - LA NACION". */
const DATE_FIRST = new RegExp(`^(?:${DATE_IN_TEXT.source})`, 'i');

function titleDates(c: Context): string[] {
  return [...meta('title')(c), c.title]
    .flatMap((t) => t.split(TITLE_SEPARATOR))
    .map((part) => part.trim())
    .filter((part) => part.length <= 32 && mayHoldDate(part) && DATE_FIRST.test(part));
}

/** /2015/03/18/ in the article's address (canonical first): news sites date their paths. */
const URL_DATE = /\/((?:19|20)\d{2})\/(0?[1-9]|1[0-2])\/(0?[1-9]|[12]\d|3[01])(?:\/|$)/;
/**
 * 20170309 anywhere in the address (Yahoo! Japan's `hl?a=20170309-35097838-cnetj-sci`): as likely
 * an id that looks like a date, so it only completes a header date with the same month and day.
 */
const URL_COMPACT_DATE = /(?<!\d)((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?!\d)/;

/** The first date `pattern` finds in the article's addresses (declared ones first), in `part` of them. */
function urlDates(c: Context, pattern = URL_DATE, part: (url: URL) => string = (url) => url.pathname): Ymd[] {
  const urls = [...c.declaredUrls, c.pageUrl];
  for (const raw of urls) {
    let url: URL;
    try {
      url = new URL(raw.trim(), c.baseUrl);
    } catch {
      continue;
    }
    const m = pattern.exec(part(url));
    if (m) return [[+m[1]!, +m[2]!, +m[3]!]];
  }
  return [];
}

/**
 * "March 18 at 3:57 PM" or "3/9(木) 18:45" in the header, the year taken from the address when
 * month and day agree.
 */
function yearlessHeaderDates(c: Context): string[] {
  const lines = c.header.lines.filter(mayHoldDate);
  if (lines.length === 0) return [];
  const days = [...urlDates(c), ...urlDates(c, URL_COMPACT_DATE, (url) => url.pathname + url.search)];
  return lines.flatMap((line) => days.map((ymd) => completeYearless(line, ymd)).filter((v): v is string => v !== undefined));
}

// ---------------------------------------------------------------------------------------------
// URL

/** Second-level labels under which sites register (example.co.uk, example.com.cn). */
const SECOND_LEVEL = /^(?:co|com|net|org|gov|edu|ac|or|ne|go|gob|mil|nic|ltd|plc)$/;

/** The registrable domain, approximated without the public suffix list (no IP or IDN subtleties needed here). */
function registrableDomain(host: string): string {
  const labels = host.toLowerCase().replace(/^www\d*\./, '').split('.');
  if (labels.length < 3 || /^\d+$/.test(labels.at(-1) ?? '')) return labels.join('.');
  const keep = (labels.at(-1) ?? '').length === 2 && SECOND_LEVEL.test(labels.at(-2) ?? '') ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/** The addresses the page declares for itself: canonical link, then og:url. */
const readDeclaredUrls = (doc: Document, metaMap: Map<string, string[]>) => [
  ...[...doc.querySelectorAll('link[rel~="canonical"][href]')].map((l) => l.getAttribute('href') ?? ''),
  ...(metaMap.get('og:url') ?? []),
];

/**
 * The canonical URL when the page declares one on its own site that is not the home page (some
 * sites point every page's canonical at their front page); otherwise the page URL. Either way
 * without tracking parameters or fragment.
 */
function articleUrl(c: Context): string {
  let pageHost: string;
  try {
    pageHost = registrableDomain(new URL(c.pageUrl).hostname);
  } catch {
    return c.pageUrl;
  }
  for (const raw of c.declaredUrls) {
    let url: URL;
    try {
      url = new URL(stripTrackingParams(new URL(raw.trim(), c.baseUrl).href));
    } catch {
      continue;
    }
    const home = (url.pathname === '/' || url.pathname === '') && url.search === '';
    if (/^https?:$/.test(url.protocol) && registrableDomain(url.hostname) === pageHost && !home) return url.href;
  }
  return stripTrackingParams(c.pageUrl);
}

function absoluteHttp(value: string, baseUrl: string): string | undefined {
  try {
    const url = new URL(value.trim(), baseUrl);
    return /^https?:$/.test(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * The first byline source that names someone; the outlet (`来源：新华社`) found on the way, or in
 * the header, is kept apart as `source`.
 */
function readByline(c: Context, siteNames: LowerCaseSiteNames): { byline?: string; source?: string } {
  let source: string | undefined;
  for (const [rule, unlabelled] of BYLINE_RULES) {
    const names = new Set<string>();
    for (const value of rule(c)) {
      const credit = readCredit(collapseWhitespace(value), unlabelled, rule === ldPersons ? [] : siteNames);
      source ??= credit.source;
      credit.names.forEach((name) => names.add(name));
    }
    if (names.size) {
      for (const line of c.header.lines) source ??= readCredit(line, 'ignore', siteNames).source;
      return { byline: [...names].join(', '), source };
    }
  }
  return { source };
}

/** "A - B | Site" gives "A", "A - B" and itself: one of them is the headline shown. */
function titlePrefixes(title: string): string[] {
  return [...title.matchAll(TITLE_SEPARATOR)].map((m) => title.slice(0, m.index)).concat(title);
}

function buildContext(doc: Document, pageUrl: string, options: MetadataOptions): Context {
  const ldNodes = readJsonLd(doc);
  const ldIds = new Map<string, LdNode>();
  for (const n of ldNodes) if (typeof n['@id'] === 'string' && Object.keys(n).length > 1) ldIds.set(n['@id'], n);
  const metaMap = readMeta(doc);
  const ldArticle = ldNodes.find(isLdArticle) ?? ldNodes.find((n) => 'headline' in n || 'datePublished' in n);
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
    now: options.now ?? Date.now(),
    hints: options.readability ?? {},
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

/** Reads the metadata of the page `doc` (never modified) loaded from `pageUrl`. */
export function readMetadata(doc: Document, pageUrl: string, options: MetadataOptions = {}): PageMetadata {
  const c = buildContext(doc, pageUrl, options);
  // The names the page declares give the site's name (the first valid one, else the host's) and
  // mark title suffixes: they are read once for both.
  const declaredNames = DECLARED_SITE_NAME_RULES.flatMap((rule) => rule(c));
  const host = hostName(c);
  const siteName = firstValue([...declaredNames, host], siteNameValue) ?? '';
  const siteNames = siteNameKeys(c, declaredNames, host);
  const headline = (v: string) => nonEmpty(stripSiteSuffix(collapseWhitespace(v), siteNames));
  // A title that is only the site's name (Yahoo's og:title) is no headline while another source has one.
  const title = first(c, TITLE_RULES, (v) => {
    const t = headline(v);
    return t && !siteNames.includes(looseKey(t)) && looseKey(t) !== looseKey(siteName) ? t : undefined;
  }) ?? first(c, TITLE_RULES, headline) ?? '';

  // The site's keys are lower-cased already; its name is compared as credits are, lower-cased.
  const siteNameLower = siteName.toLowerCase();
  const { byline, source } = readByline(c, { includes: (name) => name === siteNameLower || siteNames.includes(name) });

  const lang = first(c, LANG_RULES, nonEmpty);
  const zone = impliedZoneOffset(lang, options.sample ?? sampleText(doc.body ?? doc.documentElement));
  const order = numericOrder(lang);
  // The same values are read more than once (sorted by `earliest`, then taken by `firstTime`).
  const times = new Map<string, number | undefined>();
  c.time = (v) => {
    if (times.has(v)) return times.get(v);
    const ms = parseDate(v, zone, order);
    const plausible = isPlausibleTime(ms, c.now) ? ms : undefined;
    times.set(v, plausible);
    return plausible;
  };
  const dirAttr = (doc.documentElement.getAttribute('dir') ?? doc.body?.getAttribute('dir') ?? '').toLowerCase();
  const keywords = new Map<string, string>();
  for (const rule of KEYWORD_RULES) {
    for (const word of rule(c).flatMap((v) => v.split(/[,，]/))) {
      const trimmed = collapseWhitespace(word);
      if (trimmed && !keywords.has(trimmed.toLowerCase())) keywords.set(trimmed.toLowerCase(), trimmed);
    }
  }

  return {
    title,
    byline,
    source,
    siteName,
    publishedAt: firstTime(c, PUBLISHED_RULES),
    modifiedAt: firstTime(c, MODIFIED_RULES),
    url: articleUrl(c),
    lang,
    dir: dirAttr === 'rtl' || dirAttr === 'ltr' ? dirAttr : undefined,
    excerpt: first(c, EXCERPT_RULES, nonEmpty),
    keywords: [...keywords.values()],
    leadImage: first(c, LEAD_IMAGE_RULES, (v) => absoluteHttp(v, c.baseUrl)),
  };
}
