// When the article was published and last modified: where on the page the dates are, in which
// order they are trusted, and in which zone a date without one is read. Reading one date value is
// dates.ts's matter.

import { completeYearless, DATE_IN_TEXT, impliedZoneOffset, isPlausibleTime, mayHoldDate, numericOrder, parseDate, type Ymd } from './dates';
import { type Context, hint, inArticle, ld, meta, type Rule } from './metadata-context';
import { TITLE_SEPARATOR } from './title';

/** Classes blog engines and microformats give the published and updated time (hAtom, WordPress, AO3). */
const PUBLISHED_CLASSES = 'abbr.published, time.published, dd.published, .entry-date, .post-date, .pubdate, .publish-date, .date-published';
const MODIFIED_CLASSES = 'abbr.updated, time.updated, .date-modified, .updated-date';

const PUBLISHED_RULES: Rule[] = [
  // A video page's JSON-LD (VideoObject) dates the video by its upload.
  earliest(meta('article:published_time', 'og:published_time'), ld('datePublished'), ld('uploadDate')),
  inArticle('[itemprop~="datePublished"]'),
  inArticle(PUBLISHED_CLASSES),
  meta(
    'parsely-pub-date', 'sailthru.date', 'dc.date.issued', 'dc.date', 'dcterms.issued', 'dcterms.date',
    'pubdate', 'publishdate', 'publish-date', 'publish_date', 'date',
  ),
  (c) => c.header.times.filter((t) => !isModifiedTime(t)).map((t) => t.getAttribute('datetime') ?? ''),
  (c) => headerDates(c, 'published'),
  scriptDates,
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
 * The published time in the page's script data, where pages rendered by script keep it
 * (`window.DATA = {"pubtime":"2023-05-01 21:05:38"}`, `var publishTime = "…"`): the value of the
 * first key that names a publication time, quoted or a number of epoch seconds or milliseconds.
 */
const SCRIPT_PUBLISHED =
  /["']?\b(?:publish(?:ed)?_?(?:time|date|at)|pub_?(?:time|date)|news_?time|date_?published|release_?(?:time|date)|ptime)["']?\s*[:=]\s*(?:["']([^"'\n]{8,40})["']|(\d{10}|\d{13})\b)/i;
/** Inline scripts longer than this are libraries or state dumps; only their start is read. */
const SCRIPT_CHARS = 100_000;

function scriptDates(c: Context): string[] {
  const out: string[] = [];
  for (const script of c.doc.querySelectorAll('script:not([src])')) {
    const type = (script.getAttribute('type') ?? '').toLowerCase();
    if (type && !/javascript|json|module/.test(type)) continue;
    const m = SCRIPT_PUBLISHED.exec((script.textContent ?? '').slice(0, SCRIPT_CHARS));
    if (m) out.push(m[1] ?? m[2] ?? '');
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

/** An ISO time's offset: "2023-03-14T18:05:00-04:00" is −240 minutes. */
const ISO_OFFSET = /T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*([+-])(\d{2}):?(\d{2})$/;
const MAX_TIME_ELEMENTS = 8;

/**
 * The zone the page states for its own times: the offset of a machine-readable time it gives
 * (article:published_time, JSON-LD, a `<time datetime>`), in which the times it writes for
 * readers without a zone are meant ("2:05 PM" on a page whose JSON-LD says
 * "2023-03-14T18:05:00-04:00"). UTC offsets say nothing: many sites write every machine time in UTC whatever their
 * zone, and a page that means UTC reads as such without them.
 */
function statedZone(c: Context): number | undefined {
  const values = [
    ...meta('article:published_time', 'og:published_time', 'article:modified_time', 'og:updated_time')(c),
    ...ld('datePublished')(c),
    ...ld('dateModified')(c),
    ...ld('uploadDate')(c),
    ...[...c.doc.querySelectorAll('time[datetime]')].slice(0, MAX_TIME_ELEMENTS).map((t) => t.getAttribute('datetime') ?? ''),
  ];
  for (const value of values) {
    const m = ISO_OFFSET.exec(value.trim());
    const minutes = m ? (m[1] === '-' ? -1 : 1) * (+m[2]! * 60 + +m[3]!) : 0;
    if (minutes !== 0) return minutes;
  }
  return undefined;
}

/**
 * The page's published and modified times. Zone-less values are read in the zone the page implies
 * (its language `lang`, else the script of `sample`, its text) and numeric ones in its language's order.
 */
export function readDates(c: Context, lang: string | undefined, sample: string): { publishedAt?: number; modifiedAt?: number } {
  const zone = statedZone(c) ?? impliedZoneOffset(lang, sample);
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
  return { publishedAt: firstTime(c, PUBLISHED_RULES), modifiedAt: firstTime(c, MODIFIED_RULES) };
}
