// Page dates to epoch ms without `Date.parse`: it reads zone-less strings in the machine's zone,
// and a clip must not depend on where it was made. A time without a zone is read in the zone the
// page implies (its language or script), which is right for the vast majority of news sites.

import { cjkShare, countScripts } from './text';

/** No news page we clip predates this; earlier values are template junk (`1970-01-01`, `0000`). */
export const EARLIEST_PLAUSIBLE = Date.UTC(1990, 0, 1);

/** Minutes east of UTC in which to read the page's zone-less times. */
export function impliedZoneOffset(lang: string | undefined, text: string): number {
  const l = (lang ?? '').toLowerCase();
  if (/^zh\b/.test(l)) return 8 * 60;
  if (/^(ja|ko)\b/.test(l)) return 9 * 60;
  // Many Chinese sites declare `lang="en"` (or nothing) from a template; trust the text instead.
  const counts = countScripts(text);
  if (cjkShare(counts) < 0.3) return 0;
  const cjk = counts.han + counts.kana + counts.hangul;
  if (counts.kana > cjk * 0.05 || counts.hangul > cjk * 0.5) return 9 * 60;
  return 8 * 60;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = String.raw`(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?`;
/** A weekday some pages put between day and year: "Dec 28 Sat 2013". */
const WEEKDAY = String.raw`(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?`;
const NUMERIC = String.raw`(?<![\d/.-])(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?![\d/.-])`;
/**
 * A numeric date with a two-digit year ("3/09/15 8:00am", Kinja's sites: Lifehacker, Gizmodo).
 * Alone, "1/2/15" may as well be a ratio or a version; only followed by a time of day is it read.
 */
const NUMERIC_SHORT_YEAR = String.raw`(?<![\d/.-])(\d{1,2})/(\d{1,2})/(\d{2})(?=,?\s+(?:at\s+)?\d{1,2}:\d{2})`;

/**
 * False when `text` holds no date in any shape read here: each has a digit. The date expressions
 * are large (case-insensitive month names), and the content script runs cold at every clip, where
 * compiling them costs up to milliseconds: text without a digit (most header lines, title parts,
 * paragraphs) is not run through them.
 */
export function mayHoldDate(text: string): boolean {
  return /\d/.test(text);
}

/**
 * The year apart from month and day, as headers laid out in spans read ("2023 05/01 19:42:16",
 * Xinhua): only with a time of day after it, so that a year and a fraction are never a date.
 */
const YEAR_SPACE_DAY = String.raw`(?<!\d)(?:19|20)\d{2}\s+\d{1,2}\s*[/-]\s*\d{1,2}(?=\s+\d{1,2}:\d{2})`;

/** Where dates start in running text (a dateline); `parseDate` then reads each from there. */
export const DATE_IN_TEXT = new RegExp(
  [
    String.raw`\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}`,
    String.raw`\b${MONTH}\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:${WEEKDAY}\s+)?\d{4}`,
    String.raw`\b\d{1,2}(?:st|nd|rd|th)?\.?\s+${MONTH},?\s+\d{4}`,
    String.raw`(?<![\d/.-])\d{1,2}[/.-]\d{1,2}[/.-]\d{4}(?![\d/.-])`,
    String.raw`(?<![\d/.-])\d{1,2}/\d{1,2}/\d{2}(?=,?\s+(?:at\s+)?\d{1,2}:\d{2})`,
    YEAR_SPACE_DAY,
  ].join('|'),
  'gi',
);

/**
 * How the page orders an all-numeric date whose day is 12 or less (05/08/2014): US English writes
 * the month first, other English and most other languages the day; undefined when unknown.
 */
export type NumericOrder = 'mdy' | 'dmy' | undefined;

export function numericOrder(lang: string | undefined): NumericOrder {
  const l = (lang ?? '').toLowerCase();
  if (!l || /^(?:zh|ja|ko)\b/.test(l) || l === 'en' || l === 'en-ca') return undefined;
  return l === 'en-us' ? 'mdy' : 'dmy';
}

export type Ymd = [year: number, month: number, day: number];

/**
 * What every month name MONTH matches starts with (case-insensitively, as MONTH is matched). The
 * shapes with a month name are the largest expressions: values without one ("2023-06-18T10:00Z")
 * are not run through them (see `mayHoldDate` for why that matters).
 */
const MONTH_START = /jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec/i;

type DateShape = [RegExp, (m: RegExpExecArray, order: NumericOrder) => Ymd, { monthName?: boolean }?];

/** Date shapes: year first, with a month name, or all-numeric where only one order makes a date. */
const DATE_SHAPES: readonly DateShape[] = [
  [/(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)\s*日?/, (m) => [+m[1]!, +m[2]!, +m[3]!]],
  [/^(\d{4})(\d{2})(\d{2})(?=T?\d{4}|$)/, (m) => [+m[1]!, +m[2]!, +m[3]!]],
  [/(?<!\d)((?:19|20)\d{2})\s+(\d{1,2})\s*[/-]\s*(\d{1,2})(?=\s+\d{1,2}:\d{2})/, (m) => [+m[1]!, +m[2]!, +m[3]!]],
  [
    new RegExp(String.raw`\b${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(?:${WEEKDAY}\s+)?(\d{4})`, 'i'),
    (m) => [+m[3]!, MONTHS.indexOf(m[1]!.toLowerCase()) + 1, +m[2]!],
    { monthName: true },
  ],
  [
    new RegExp(String.raw`\b(\d{1,2})(?:st|nd|rd|th)?\.?\s+${MONTH},?\s+(\d{4})`, 'i'),
    (m) => [+m[3]!, MONTHS.indexOf(m[2]!.toLowerCase()) + 1, +m[1]!],
    { monthName: true },
  ],
  [new RegExp(NUMERIC), (m, order) => numericDayMonth(+m[4]!, +m[1]!, +m[3]!, m[2] === '.' ? 'dmy' : order)],
  // '90 to '99 are the 1990s (nothing earlier is plausible), the rest this century.
  [new RegExp(NUMERIC_SHORT_YEAR), (m, order) => numericDayMonth(+m[3]! + (+m[3]! >= 90 ? 1900 : 2000), +m[1]!, +m[2]!, order)],
];

/**
 * 05/29/2007 is May 29 and 29/05/2007 too; 05/06/2007 is read in the page's order, and with dots
 * (07.12.2017) day first, as only day-first locales write them; otherwise it is no date (month 0).
 */
function numericDayMonth(year: number, a: number, b: number, order: NumericOrder): Ymd {
  if (a > 12 && b <= 12) return [year, b, a];
  if (b > 12 && a <= 12) return [year, a, b];
  if (order === 'mdy') return [year, a, b];
  if (order === 'dmy') return [year, b, a];
  return [year, 0, 0];
}

const TIME = /^\s*(?:T|,|at|um|à|\|)?\s*(\d{1,2})[:：时時](\d{2})(?:[:：分](\d{2})(?:[.,](\d{1,3})\d*)?)?\s*[秒分]?\s*(?:([ap])\.?m\.?\b)?/i;
const OFFSET = /^\s*(?:GMT|UTC)?\s*([+-])(\d{2}):?(\d{2})\b|^(?:GMT|UTC)([+-])(\d{1,2})\b/i;
const NAMED_ZONES: Readonly<Record<string, number>> = {
  Z: 0, UTC: 0, GMT: 0, EST: -300, EDT: -240, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  BST: 60, CET: 60, CEST: 120, EET: 120, EEST: 180, HKT: 480, SGT: 480, JST: 540, KST: 540,
};
const NAMED_ZONE = /^\s*([A-Z]{1,4})\b/;

function readZone(rest: string): number | undefined {
  const o = OFFSET.exec(rest);
  if (o) {
    return o[1] ? (o[1] === '-' ? -1 : 1) * (+o[2]! * 60 + +o[3]!) : (o[4] === '-' ? -1 : 1) * +o[5]! * 60;
  }
  const named = NAMED_ZONE.exec(rest)?.[1];
  return named === undefined ? undefined : NAMED_ZONES[named];
}

/**
 * Epoch ms of the first date in `value` (ISO 8601, `2023-06-18 11:48`, `2023年06月18日 11:48`,
 * `2023/6/18`, `June 18, 2023`, RFC 2822, `20230618`, epoch seconds or ms), or undefined.
 * `zoneMinutes` (east of UTC) is used when the value names no zone.
 */
export function parseDate(value: string, zoneMinutes: number, order?: NumericOrder): number | undefined {
  const text = value.trim();
  if (!mayHoldDate(text)) return undefined;
  if (/^\d{10}$|^\d{13}$/.test(text)) return text.length === 10 ? +text * 1000 : +text;
  // The date that comes first in the text, whatever its shape.
  let found: { m: RegExpExecArray; read: (m: RegExpExecArray, order: NumericOrder) => Ymd } | undefined;
  const monthName = MONTH_START.test(text);
  for (const [shape, read, needs] of DATE_SHAPES) {
    if (needs?.monthName && !monthName) continue;
    const m = shape.exec(text);
    if (m && (!found || m.index < found.m.index)) found = { m, read };
  }
  if (found) {
    const { m, read } = found;
    const [year, month, day] = read(m, order);
    let rest = text.slice(m.index + m[0].length);
    let [hour, minute, second, ms] = [0, 0, 0, 0];
    let zone: number | undefined;
    const t = TIME.exec(rest);
    if (t) {
      [hour, minute, second] = [+t[1]!, +t[2]!, +(t[3] ?? 0)];
      ms = +(t[4] ?? '0').padEnd(3, '0');
      if (t[5]) hour = (hour % 12) + (t[5].toLowerCase() === 'p' ? 12 : 0);
      rest = rest.slice(t[0].length);
      zone = readZone(rest);
    }
    if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
    const local = Date.UTC(year, month - 1, day, hour, minute, second, ms);
    // Date.UTC rolls 2023-02-31 over into March; such a value is not a date.
    if (new Date(local).getUTCDate() !== day) return undefined;
    return local - (zone ?? zoneMinutes) * 60_000;
  }
  return undefined;
}

const YEARLESS = new RegExp(String.raw`\b${MONTH}\s+(\d{1,2})(?:st|nd|rd|th)?(?=,?\s+(?:at\s+)?\d{1,2}:\d{2})`, 'i');
/**
 * The month-first numeric and CJK forms: "3/9(木) 18:45" (Yahoo! Japan), "3月9日 18:45". The
 * weekday in brackets is dropped as the year is put in, so that the time follows the date.
 */
const YEARLESS_NUMERIC = /(?<![\d/.-])(\d{1,2})\s*(?:\/|月)\s*(\d{1,2})(?![\d/.-])\s*日?(?=\s*(?:[(（][月火水木金土日][)）])?\s*\d{1,2}[:：]\d{2})/;
const WEEKDAY_IN_BRACKETS = /^\s*[(（][月火水木金土日][)）]/;

/**
 * A date and time written without the year ("March 18 at 3:57 PM", "3/9(木) 18:45") completed
 * with `ymd`'s year when its month and day are `ymd`'s; the text with the year put in, or
 * undefined. (Without a time of day it would add nothing to `ymd` itself.)
 */
export function completeYearless(text: string, ymd: Ymd): string | undefined {
  if (!mayHoldDate(text)) return undefined;
  const named = MONTH_START.test(text) ? YEARLESS.exec(text) : null;
  if (named && MONTHS.indexOf(named[1]!.toLowerCase()) + 1 === ymd[1] && +named[2]! === ymd[2]) {
    const end = named.index + named[0].length;
    return `${text.slice(0, end)}, ${ymd[0]}${text.slice(end)}`;
  }
  const numeric = YEARLESS_NUMERIC.exec(text);
  if (numeric && +numeric[1]! === ymd[1] && +numeric[2]! === ymd[2]) {
    const rest = text.slice(numeric.index + numeric[0].length).replace(WEEKDAY_IN_BRACKETS, '');
    return `${text.slice(0, numeric.index)}${ymd.join('-')}${rest}`;
  }
  return undefined;
}

/** A published/modified time worth keeping: not before 1990 and not in the future. */
export function isPlausibleTime(ms: number | undefined, now: number): ms is number {
  return ms !== undefined && Number.isFinite(ms) && ms >= EARLIEST_PLAUSIBLE && ms <= now;
}
