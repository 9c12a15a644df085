// Search terms for the library's full-text index. Chinese and Japanese are not written with
// spaces, so CJK runs are indexed as overlapping character pairs (bigrams): any query of two or
// more characters is then a conjunction of bigrams, and a one-character query is a prefix look-up
// on them. Other scripts are indexed by word; the last word of a query is matched as a prefix,
// so results follow each keystroke.

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/v;
/** A CJK run, or a word of letters and digits of any other script. */
const TOKEN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー]+|[[\p{L}\p{N}]--[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]]+/gv;
/** Index entries longer than this add little and bloat the index. */
const MAX_WORD = 40;

export function normalizeForSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function bigrams(run: string): string[] {
  const chars = [...run];
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

function isCjkRun(token: string): boolean {
  return CJK.test(token);
}

// Character classes for indexTerms' scanner, by code point, filled in as they are met: the same
// sets as TOKEN's (a CJK character; ー, which TOKEN lets into a CJK run and a word alike; another
// letter or digit; anything else).
const OTHER = 0;
const CJK_CHAR = 1;
const PROLONGED = 2;
const WORD_CHAR = 3;
const UNKNOWN = 255;
const PROLONGED_MARK = 0x30fc;
const WORD_ONE = /[\p{L}\p{N}]/v;
/** Bigrams of two characters of U+3000 to U+9FFF (kana, CJK symbols, the common Han) are counted as small integers. */
const PAIR_BASE = 0x3000;
const PAIR_END = 0xa000;
const PAIR_SPAN = PAIR_END - PAIR_BASE;
const bmpClasses = new Uint8Array(0x10000).fill(UNKNOWN);
const astralClasses = new Map<number, number>();

function classify(cp: number): number {
  if (cp === PROLONGED_MARK) return PROLONGED;
  const char = String.fromCodePoint(cp);
  return CJK.test(char) ? CJK_CHAR : WORD_ONE.test(char) ? WORD_CHAR : OTHER;
}

function classOf(cp: number): number {
  if (cp < 0x10000) {
    const known = bmpClasses[cp]!;
    return known !== UNKNOWN ? known : (bmpClasses[cp] = classify(cp));
  }
  let known = astralClasses.get(cp);
  if (known === undefined) astralClasses.set(cp, (known = classify(cp)));
  return known;
}

/**
 * The distinct terms under which a text is indexed, in the order they first appear: what TOKEN's
 * runs give (a CJK run's bigrams, or the character of a run of one; a word of other letters and
 * digits), found by one scan of the text instead of a regular expression and a string per bigram.
 * A bigram of two common CJK characters is counted as a small integer until the end (most of a
 * Chinese text's terms), so a repeated one costs no string.
 */
export function indexTerms(text: string): string[] {
  const s = normalizeForSearch(text);
  const found = new Set<string | number>();
  const n = s.length;
  let i = 0;
  while (i < n) {
    const start = i;
    let cp = s.codePointAt(i)!;
    const cls = classOf(cp);
    if (cls === OTHER) {
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    if (cls === CJK_CHAR || cls === PROLONGED) {
      let cjk = false;
      let chars = 0;
      for (; i < n; chars++) {
        cp = s.codePointAt(i)!;
        const c = classOf(cp);
        if (c === CJK_CHAR) cjk = true;
        else if (c !== PROLONGED) break;
        i += cp > 0xffff ? 2 : 1;
      }
      if (!cjk) {
        // Only ー: a word, as TOKEN's first branch matched it.
        if (i - start <= MAX_WORD) found.add(s.slice(start, i));
      } else if (chars === 1) found.add(s.slice(start, i));
      else {
        let prev = s.codePointAt(start)!;
        for (let at = start + (prev > 0xffff ? 2 : 1); at < i; ) {
          cp = s.codePointAt(at)!;
          found.add(prev >= PAIR_BASE && prev < PAIR_END && cp >= PAIR_BASE && cp < PAIR_END ? (prev - PAIR_BASE) * PAIR_SPAN + (cp - PAIR_BASE) : String.fromCodePoint(prev, cp));
          at += cp > 0xffff ? 2 : 1;
          prev = cp;
        }
      }
      continue;
    }
    for (; i < n; ) {
      cp = s.codePointAt(i)!;
      const c = classOf(cp);
      if (c !== WORD_CHAR && c !== PROLONGED) break;
      i += cp > 0xffff ? 2 : 1;
    }
    if (i - start <= MAX_WORD) found.add(s.slice(start, i));
  }
  // A run of ー alone is a word that can also be a bigram of a longer run: the strings are kept once.
  const terms = new Set<string>();
  for (const term of found) terms.add(typeof term === 'number' ? String.fromCharCode(PAIR_BASE + Math.floor(term / PAIR_SPAN), PAIR_BASE + (term % PAIR_SPAN)) : term);
  return [...terms];
}

/** One look-up of a query: an exact term, or every term starting with `prefix`. */
export type QueryTerm = { exact: string } | { prefix: string };

/**
 * The look-ups a query needs; a clip matches when every look-up finds it. Empty when the query
 * has nothing searchable.
 */
export function queryTerms(query: string): QueryTerm[] {
  const tokens = [...normalizeForSearch(query).matchAll(TOKEN)].map(([t]) => t);
  const out: QueryTerm[] = [];
  tokens.forEach((token, i) => {
    const last = i === tokens.length - 1;
    if (isCjkRun(token)) {
      const grams = bigrams(token);
      if (grams.length === 1 && [...token].length === 1) out.push({ prefix: token });
      else for (const gram of new Set(grams)) out.push({ exact: gram });
    } else {
      const word = token.slice(0, MAX_WORD);
      // A one-letter prefix would match most of the library: wait for the second letter.
      out.push(last && word.length > 1 ? { prefix: word } : { exact: word });
    }
  });
  return out;
}
