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

/** The distinct terms under which a text is indexed. */
export function indexTerms(text: string): string[] {
  const terms = new Set<string>();
  for (const [token] of normalizeForSearch(text).matchAll(TOKEN)) {
    if (isCjkRun(token)) for (const gram of bigrams(token)) terms.add(gram);
    else if (token.length <= MAX_WORD) terms.add(token);
  }
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
