// The site's name (`siteName`), and the names that mark it in titles and credits: those the page
// declares, its address, and its logo. Which title parts are such names is title.ts's matter.

import { type Context, firstValue, hint, ldStrings, ldTypes, meta, nonEmpty, type Rule } from './metadata-context';
import { elementText, logoNames, mayBeLogoKey } from './page-structure';
import { collapseWhitespace, looseKey } from './text';
import { type SiteNames, TITLE_SEPARATOR } from './title';

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

const HAN = /\p{Script=Han}/u;
/**
 * Title separators, and two that only Chinese titles use for their brand: "标题--科技--人民网"
 * (people.cn) and "标题-新华网", a hyphen without spaces before Han text.
 */
const BRAND_SEPARATOR = new RegExp(`${TITLE_SEPARATOR.source}|\\s*-{2,}\\s*|-(?=\\p{Script=Han})`, 'gu');
const MAX_BRAND_CHARS = 12;
/** Logo texts that are no name ("logo", "首页"). */
const NOT_A_BRAND = /^(?:logo|home|homepage|首页|首頁|返回首页|返回首頁|menu|菜单|菜單)$/i;

/**
 * A brand the page shows but does not declare, read only when it declares none: a name in Han
 * characters (Chinese sites leave `og:site_name` out far more often than others do, and their
 * host, `money.163.com`, is no name a reader knows), or one whose words hold the host's own name
 * ("BBC News" on bbc.co.uk), so that an English section or author label is not taken for it.
 */
function brandValue(value: string, hostLabel: string): string | undefined {
  const v = collapseWhitespace(value.replace(/\s*(?:logo|LOGO|Logo)\s*$/, ''));
  if (!v || NOT_A_BRAND.test(v) || /\d{4}/.test(v)) return undefined;
  if (HAN.test(v)) return [...v.replace(/\s+/g, '')].length <= MAX_BRAND_CHARS && !/[。，！？；：、]/.test(v) ? v : undefined;
  return hostLabel.length >= 3 && v.length <= 30 && v.split(/\s+/).length <= 3 && looseKey(v).includes(hostLabel) ? v : undefined;
}

/**
 * The last part of `<title>` (or og:title) when the part before it is the headline: "…_网易财经",
 * "… - 新浪新闻", "…--科技--人民网", "… | 政治要聞 | 要聞 | 聯合新聞網".
 */
function titleBrands(c: Context): string[] {
  const headline = looseKey(elementText(c.h1));
  return [c.title, ...meta('og:title')(c)].flatMap((title) => {
    const last = [...title.matchAll(BRAND_SEPARATOR)].filter((m) => m.index > 0).pop();
    if (!last) return [];
    const part = title.slice(last.index + last[0].length).trim();
    const head = title.slice(0, last.index).trim();
    // The headline itself ending in a hyphenated word is no brand.
    return part && head.length >= part.length && !(headline && headline.endsWith(looseKey(part))) ? [part] : [];
  });
}

/** Where a page states its copyright: "Copyright © 2023 東網 版權所有", "人民网股份有限公司版权所有". */
const COPYRIGHT_BLOCKS = 'footer, [class*="foot" i], [id*="foot" i], [class*="copyright" i], [id*="copyright" i]';
const RIGHTS = /(?:版权所有|版權所有|著作权所有|著作權所有)/;
const COPYRIGHT_SIGN = /(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d{2}\s*(?:[-–~]\s*(?:19|20)\d{2})?)?\s*/gi;
const HAN_NAME = /\p{Script=Han}[\p{Script=Han}·]*$/u;
const HAN_NAME_START = /^\p{Script=Han}[\p{Script=Han}·]*/u;

/** The Han name a copyright line gives the site: before 版权所有, or after "© 2023". */
function copyrightBrands(c: Context): string[] {
  const out: string[] = [];
  for (const block of c.doc.querySelectorAll(COPYRIGHT_BLOCKS)) {
    // "人 民 网 股 份 有 限 公 司 版 权 所 有": letter-spaced Han text is joined up first.
    const text = elementText(block).replace(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu, '');
    if (!HAN.test(text)) continue;
    const rights = RIGHTS.exec(text);
    if (rights) {
      const before = HAN_NAME.exec(text.slice(0, rights.index).trim())?.[0];
      if (before) out.push(before);
    }
    for (const sign of text.matchAll(COPYRIGHT_SIGN)) {
      const after = HAN_NAME_START.exec(text.slice(sign.index + sign[0].length))?.[0];
      if (after) out.push(after.replace(RIGHTS, ''));
    }
    if (out.length) break;
  }
  // A company's legal form is no part of the brand readers know ("人民网股份有限公司" is 人民网).
  return out.map((name) => name.replace(/(?:股份)?有限(?:责任)?公司$|有限公司$/, '')).filter(Boolean);
}

/** Brands the page shows where it declares no name, most specific first. */
const SHOWN_SITE_NAME_RULES: Rule[] = [titleBrands, (c) => logoNames(c.page, c.baseUrl), copyrightBrands];

/** Second-level labels under which sites register (example.co.uk, example.com.cn). */
const SECOND_LEVEL = /^(?:co|com|net|org|gov|edu|ac|or|ne|go|gob|mil|nic|ltd|plc)$/;

/** The registrable domain, approximated without the public suffix list (no IP or IDN subtleties needed here). */
export function registrableDomain(host: string): string {
  const labels = host.toLowerCase().replace(/^www\d*\./, '').split('.');
  if (labels.length < 3 || /^\d+$/.test(labels.at(-1) ?? '')) return labels.join('.');
  const keep = (labels.at(-1) ?? '').length === 2 && SECOND_LEVEL.test(labels.at(-2) ?? '') ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/**
 * The site's name and its name keys. The names the page declares give the name (the first valid
 * one, else the host's) and mark title suffixes: they are read once for both.
 */
export function readSiteName(c: Context): { siteName: string; siteNames: SiteNames } {
  const declaredNames = DECLARED_SITE_NAME_RULES.flatMap((rule) => rule(c));
  const host = hostName(c);
  const declared = firstValue(declaredNames, siteNameValue);
  if (declared !== undefined) return { siteName: declared, siteNames: siteNameKeys(c, declaredNames, host) };
  const hostLabel = registrableDomain(host).split('.')[0] ?? '';
  let shown: string | undefined;
  for (const rule of SHOWN_SITE_NAME_RULES) {
    shown = firstValue(rule(c), (v) => brandValue(v, hostLabel));
    if (shown !== undefined) break;
  }
  const names = shown === undefined ? declaredNames : [...declaredNames, shown];
  return { siteName: shown ?? firstValue([host], siteNameValue) ?? '', siteNames: siteNameKeys(c, names, host) };
}
