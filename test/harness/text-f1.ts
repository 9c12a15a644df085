import { JSDOM } from 'jsdom';

// Body text agreement between a clip and the corpus's expected article: token F1.
//
// The tokeniser: text is lower-cased (locale-independent) and NFKC-normalised (full-width Latin
// and digits read as ASCII); every Han, Hiragana or Katakana character is one token (Chinese and
// Japanese write no spaces, and one character carries about a word's meaning); every other run of
// letters, digits and combining marks is one token (Latin, Cyrillic, Greek, Arabic, Hebrew, and
// Hangul, which Korean separates by spaces); punctuation, symbols and whitespace are not tokens.
// F1 compares the two token multisets, so order and markup do not count, words do.

const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const TOKEN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}\p{M}])+/gu;

export function tokenize(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(TOKEN) ?? [];
}

export const isCjkToken = (token: string) => CJK_CHAR.test(token);

export interface F1 {
  f1: number;
  precision: number;
  recall: number;
  /** Tokens of the clip and of the expected text. */
  ours: number;
  expected: number;
}

export function tokenF1(ours: readonly string[], expected: readonly string[]): F1 {
  const counts = new Map<string, number>();
  for (const t of expected) counts.set(t, (counts.get(t) ?? 0) + 1);
  let overlap = 0;
  for (const t of ours) {
    const left = counts.get(t) ?? 0;
    if (left > 0) {
      overlap++;
      counts.set(t, left - 1);
    }
  }
  // Two empty texts agree; one empty text against a non-empty one shares nothing.
  if (ours.length === 0 && expected.length === 0) return { f1: 1, precision: 1, recall: 1, ours: 0, expected: 0 };
  const precision = ours.length ? overlap / ours.length : 0;
  const recall = expected.length ? overlap / expected.length : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { f1, precision, recall, ours: ours.length, expected: expected.length };
}

/** Elements whose edges separate words even when the markup has no space there. */
const BREAKS = new Set(
  (
    'address article aside blockquote br caption dd details div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 ' +
    'header hr img li main nav ol p pre section summary table tbody td tfoot th thead tr ul'
  ).split(' '),
);
const SKIPPED = new Set(['script', 'style', 'template', 'noscript']);

/** The visible text of an HTML fragment, with a space wherever a block starts or ends. */
export function htmlText(html: string): string {
  const parts: string[] = [];
  const walk = (node: Node): void => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) parts.push(child.nodeValue ?? '');
      else if (child.nodeType === 1) {
        const tag = child.nodeName.toLowerCase();
        if (SKIPPED.has(tag)) continue;
        const breaks = BREAKS.has(tag);
        if (breaks) parts.push(' ');
        walk(child);
        if (breaks) parts.push(' ');
      }
    }
  };
  walk(JSDOM.fragment(html));
  return parts.join('');
}

/** Token F1 of a clip's body HTML against the expected article HTML. */
export const bodyF1 = (oursHtml: string, expectedHtml: string): F1 => tokenF1(tokenize(htmlText(oursHtml)), tokenize(htmlText(expectedHtml)));
