// Page metadata for a clip. Every field is a list of rules tried in order (structured metadata
// first, visible text last); the first rule that yields a valid value wins. Read-only on `doc`.
// Dates, bylines and the site's name have modules of their own (date-rules.ts, byline-rules.ts,
// site-name-rules.ts); what every rule reads is in metadata-context.ts.

import { stripTrackingParams } from '../model/url';
import { readByline } from './byline-rules';
import { readDates } from './date-rules';
import { buildContext, type Context, first, hint, ld, meta, nonEmpty, type ReadabilityHints, type Rule } from './metadata-context';
import { elementText } from './page-structure';
import { readSiteName, registrableDomain } from './site-name-rules';
import { collapseWhitespace, looseKey, sampleText } from './text';
import { agreesWith, stripSiteSuffix, TITLE_SEPARATOR, withoutTrailingLabels } from './title';

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

export interface MetadataOptions {
  now?: number;
  /** The page's text as `sampleText` gives it, when the caller has it already. */
  sample?: string;
  readability?: ReadabilityHints | null;
}

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

/**
 * A Chinese credit that names the portal the page is on in a shorter or other form: "网易" on
 * 网易财经, "新浪网" on 新浪新闻 (the portal's stem, 新浪, begins the site's name).
 */
function isPortalOf(name: string, siteName: string): boolean {
  if (!/^\p{Script=Han}{2,}/u.test(name) || !/^\p{Script=Han}{2,}/u.test(siteName)) return false;
  const stem = name.replace(/(?:网|網|新闻|新聞|公司|集团|集團)$/u, '');
  return [...stem].length >= 2 && siteName.startsWith(stem);
}

/** Reads the metadata of the page `doc` (never modified) loaded from `pageUrl`. */
export function readMetadata(doc: Document, pageUrl: string, options: MetadataOptions = {}): PageMetadata {
  const c = buildContext(doc, pageUrl, options.now ?? Date.now(), options.readability ?? {});
  const { siteName, siteNames } = readSiteName(c);
  const headline = (v: string) => nonEmpty(stripSiteSuffix(collapseWhitespace(v), siteNames));
  // A title that is only the site's name (Yahoo's og:title) is no headline while another source has one.
  const title = first(c, TITLE_RULES, (v) => {
    const t = headline(v);
    return t && !siteNames.includes(looseKey(t)) && looseKey(t) !== looseKey(siteName) ? t : undefined;
  }) ?? first(c, TITLE_RULES, headline) ?? '';

  // The site's keys are lower-cased already; its name is compared as credits are, lower-cased.
  const siteNameLower = siteName.toLowerCase();
  const { byline, source } = readByline(c, { includes: (name) => name === siteNameLower || siteNames.includes(name) || isPortalOf(name, siteNameLower) });

  const lang = first(c, LANG_RULES, nonEmpty);
  const { publishedAt, modifiedAt } = readDates(c, lang, options.sample ?? sampleText(doc.body ?? doc.documentElement));
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
    publishedAt,
    modifiedAt,
    url: articleUrl(c),
    lang,
    dir: dirAttr === 'rtl' || dirAttr === 'ltr' ? dirAttr : undefined,
    excerpt: first(c, EXCERPT_RULES, nonEmpty),
    keywords: [...keywords.values()],
    leadImage: first(c, LEAD_IMAGE_RULES, (v) => absoluteHttp(v, c.baseUrl)),
  };
}
