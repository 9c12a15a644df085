// The site's name (`siteName`), and the names that mark it in titles and credits: those the page
// declares, its address, and its logo. Which title parts are such names is title.ts's matter.

import { type Context, firstValue, hint, ldStrings, ldTypes, meta, nonEmpty, type Rule } from './metadata-context';
import { logoNames, mayBeLogoKey } from './page-structure';
import { looseKey } from './text';
import { type SiteNames } from './title';

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
  const siteName = firstValue([...declaredNames, host], siteNameValue) ?? '';
  return { siteName, siteNames: siteNameKeys(c, declaredNames, host) };
}
