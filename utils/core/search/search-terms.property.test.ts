import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexTerms, normalizeForSearch } from './search-terms';

// indexTerms scans the text by hand for speed; it must give exactly what the tokenising regular
// expression gives (the one queryTerms still uses), in the same order.
const TOKEN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー]+|[[\p{L}\p{N}]--[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]]+/gv;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/v;

function referenceTerms(text: string): string[] {
  const terms = new Set<string>();
  for (const [token] of normalizeForSearch(text).matchAll(TOKEN)) {
    if (CJK.test(token)) {
      const chars = [...token];
      if (chars.length === 1) terms.add(token);
      else for (let i = 0; i + 1 < chars.length; i++) terms.add(chars[i]! + chars[i + 1]!);
    } else if (token.length <= 40) terms.add(token);
  }
  return [...terms];
}

// Characters that tell the branches apart: CJK of each script (and astral Han), ー, full-width and
// other letters, digits, combining marks, spaces and punctuation, lone surrogates.
const PIECES = ['中', '国', '习', '近', '平', 'の', 'カ', 'ー', '한', '𠀋', '𠀌', 'a', 'B', 'z', 'Ａ', 'ß', 'é', 'e\u0301', 'ﬁ', '1', '٣', '²', ' ', '\n', '-', '，', '。', '!', '\ud800', '\udc00', 'Ω', 'ё', 'ｶ', '〇', '々'];

describe('indexTerms', () => {
  it('gives what the tokenising expression gives, in order', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: 'binary', maxLength: 3 }), fc.constant('a'.repeat(41))), { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        expect(indexTerms(text)).toEqual(referenceTerms(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives the same terms for a long news text', () => {
    const text = '美国国务卿布林肯和中国外长秦刚会面5个半小时 双方分歧未解 — Blinken met Qin Gang for 5½ hours; カーター・ーー ー東京 '.repeat(50);
    expect(indexTerms(text)).toEqual(referenceTerms(text));
  });
});
