// Headlines out of page titles: sites append their name, and in `<title>` often their sections
// too ("A | 大纪元", "A_网易新闻", "A - BBC News", "A @ blog :: platform ::", "A [Site]"). String
// rules only; which names count as the site's comes from the page (see site-name-rules.ts).

import { countScripts, looseKey } from './text';

export const TITLE_SEPARATOR = /\s+[-–—·•»@]\s+|\s*[|｜_]\s*|\s+::\s+/g;
/** Separators left dangling at the end ("… :: 痞客邦 PIXNET ::" once the name is gone). */
const TRAILING_SEPARATORS = /(?:\s*(?:::|[|｜_])|\s+[-–—·•»@])+\s*$/u;
/** A bracketed last part: "A [Archive of Our Own]", "欲張りなイヌ ＜福娘童話集＞". */
const BRACKETED_TAIL = /\s*(?:\[([^\]]+)\]|＜([^＞]+)＞|【([^】]+)】)$/u;

/**
 * The site's names as loose keys (`looseKey`): a list, or an object that reads some of them only
 * when a check needs them (see site-name-rules.ts).
 */
export interface SiteNames {
  includes(key: string): boolean;
  some(test: (key: string) => boolean): boolean;
}

const NON_ASCII = /[^\p{ASCII}]/u;

/** The part names the site: equals a site name, or is a short part that starts or ends with one ("BBC News"). */
function isSiteName(part: string, siteNames: SiteNames): boolean {
  const key = looseKey(part);
  if (key === '') return false;
  if (siteNames.includes(key)) return true;
  // Short Latin names ("ap") would match ordinary words; two Han characters (网易) are a name.
  const long = (name: string) => name.length >= 3 || NON_ASCII.test(name);
  // A long part that merely starts with the name ("CNN reporters barred from…") is a headline.
  return key.length <= 24 && siteNames.some((name) => long(name) && (key.startsWith(name) || key.endsWith(name)));
}

function lastPart(title: string): { rest: string; part: string; bracketed: boolean } | undefined {
  const bracket = BRACKETED_TAIL.exec(title);
  if (bracket && bracket.index > 0) {
    return { rest: title.slice(0, bracket.index), part: bracket.slice(1).find((g) => g !== undefined) ?? '', bracketed: true };
  }
  const last = [...title.matchAll(TITLE_SEPARATOR)].pop();
  if (!last || last.index === 0) return undefined;
  return { rest: title.slice(0, last.index), part: title.slice(last.index + last[0].length), bracketed: false };
}

/**
 * Removes the site's name wherever it starts the title's tail: "A | 大纪元", "A_网易新闻",
 * "A - BBC News", "A @ 博客名 :: 平台 ::" (each name the site's own, `siteNames` as loose keys).
 */
export function stripSiteSuffix(title: string, siteNames: SiteNames): string {
  let current = title.replace(TRAILING_SEPARATORS, '');
  for (;;) {
    const bracket = lastPart(current);
    if (bracket?.bracketed && isSiteName(bracket.part, siteNames)) {
      current = bracket.rest.replace(TRAILING_SEPARATORS, '').trim();
      continue;
    }
    // The name may itself hold a separator ("史蒂文的家_藍天"): every tail is tried, longest last.
    const separators = [...current.matchAll(TITLE_SEPARATOR)].filter((m) => m.index > 0).reverse();
    const cut = separators.find((m) => isSiteName(current.slice(m.index + m[0].length), siteNames));
    if (!cut) return current;
    current = current.slice(0, cut.index).replace(TRAILING_SEPARATORS, '').trim();
  }
}

const cjkCount = (text: string) => {
  const c = countScripts(text);
  return c.han + c.kana + c.hangul;
};
const latinWords = (text: string) => text.split(/\s+/).filter((w) => /\p{L}/u.test(w) && cjkCount(w) === 0).length;

/** A section or site label: a few words, not a clause ("Code", "Boku no Hero Academia", "探索者"). */
function isLabel(part: string, bracketed: boolean): boolean {
  return part.length <= 40 && part.split(/\s+/).length <= 4 && cjkCount(part) <= (bracketed ? 20 : 12);
}

/** Enough to stand alone as a headline: three words, or five CJK characters. */
const readsAsHeadline = (text: string) => latinWords(text) >= 3 || cjkCount(text) >= 5;

/**
 * A `<title>` with no headline element to confirm it: short trailing labels (sections, the site,
 * its author) are dropped while what stays still reads as a headline. "A | Code | Nicolas
 * Perriault" is A; "Biden - Xi meeting" stays whole, "Biden" alone being no headline.
 */
export function withoutTrailingLabels(title: string): string {
  let current = title;
  for (;;) {
    const last = lastPart(current);
    if (!last) return current;
    const rest = last.rest.replace(TRAILING_SEPARATORS, '').trim();
    const head = rest.split(TITLE_SEPARATOR)[0] ?? '';
    if (!isLabel(last.part.trim(), last.bracketed) || !readsAsHeadline(head)) return current;
    current = rest;
  }
}

/** Words, lower-cased; each CJK character a word of its own. */
function words(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * True when at least half of the candidate's words appear in one of the references (the page's
 * `<title>` or headline element), or when there is nothing to compare with. Wikipedia's JSON-LD
 * `headline` is the article's one-line description, which agrees with neither.
 */
export function agreesWith(candidate: string, references: readonly string[]): boolean {
  const refs = references.map((r) => new Set(words(r))).filter((r) => r.size > 0);
  const own = words(candidate);
  if (refs.length === 0 || own.length === 0) return true;
  return refs.some((ref) => own.filter((w) => ref.has(w)).length * 2 >= own.length);
}
