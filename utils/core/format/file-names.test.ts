import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cutAtBoundary, safeSegment } from './file-names';

const units = (max: number) => (start: string) => start.length <= max;
const graphemesOf = (s: string) => Array.from(new Intl.Segmenter('und', { granularity: 'grapheme' }).segment(s), (g) => g.segment);

describe('cutAtBoundary', () => {
  it('leaves text that fits alone', () => {
    expect(cutAtBoundary('Short title', units(50))).toBe('Short title');
    expect(cutAtBoundary('', units(0))).toBe('');
  });

  it('never ends inside a Latin word, and drops the space, dash or comma before the cut', () => {
    const title = 'Blinken and Qin Gang meet for five and a half hours, differences remain';
    // 50 units end inside "hours": the name ends after "half".
    expect(title.slice(0, 50)).toBe('Blinken and Qin Gang meet for five and a half hour');
    expect(cutAtBoundary(title, units(50))).toBe('Blinken and Qin Gang meet for five and a half');
    expect(cutAtBoundary('Élections municipales à Besançon — résultats définitifs', units(40))).toBe('Élections municipales à Besançon');
    expect(cutAtBoundary('Markets, bonds, currencies', units(15))).toBe('Markets, bonds');
    expect(cutAtBoundary("The president's don't-miss speech", units(20))).toBe("The president's");
    expect(cutAtBoundary('Выборы в Государственную думу завершились', units(30))).toBe('Выборы в Государственную думу');
    expect(cutAtBoundary('국회 본회의에서 예산안이 통과되었다', units(12))).toBe('국회 본회의에서');
  });

  it('cuts right at the limit when the limit falls between words', () => {
    expect(cutAtBoundary('abc def ghi', units(7))).toBe('abc def');
    expect(cutAtBoundary('abc def ghi', units(8))).toBe('abc def');
  });

  it('cuts a word longer than the room at its last whole character', () => {
    expect(cutAtBoundary('a'.repeat(60), units(50))).toBe('a'.repeat(50));
    expect(cutAtBoundary('Donaudampfschifffahrtsgesellschaftskapitänswitwe', units(20))).toBe('Donaudampfschifffahr');
  });

  it('cuts Chinese and Japanese at any character, never inside a surrogate pair', () => {
    expect(cutAtBoundary('布林肯和秦刚会面5个半小时 双方分歧未解'.repeat(3), units(50))).toBe('布林肯和秦刚会面5个半小时 双方分歧未解'.repeat(3).slice(0, 50));
    expect(cutAtBoundary('習近平與拜登會面', units(5))).toBe('習近平與拜');
    expect(cutAtBoundary('東京都知事選挙の結果', units(7))).toBe('東京都知事選挙');
    // U+20BB7 (𠮷) is two code units: it goes whole or not at all.
    expect(cutAtBoundary('𠮷野家𠮷野家', units(6))).toBe('𠮷野家𠮷');
    expect(cutAtBoundary('𠮷野家𠮷野家', units(4))).toBe('𠮷野家');
    expect(cutAtBoundary('中文English混合', units(6))).toBe('中文');
  });

  it('never splits an emoji sequence or a letter from its combining marks', () => {
    const family = '👨‍👩‍👧‍👦';
    expect(cutAtBoundary(`News ${family}${family}`, units(5 + family.length + 3))).toBe(`News ${family}`);
    expect(cutAtBoundary('👍🏽👍🏽', units(5))).toBe('👍🏽');
    // "e" + combining acute: the mark stays with its letter.
    expect(cutAtBoundary('cafe\u0301 cafe\u0301', units(9))).toBe('cafe\u0301');
    expect(cutAtBoundary('🇨🇳🇹🇼', units(6))).toBe('🇨🇳');
  });

  it('fits, and is a start of the text made of whole characters, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), fc.integer({ min: 0, max: 60 }), (text, max) => {
        const cut = cutAtBoundary(text, units(max));
        expect(cut.length).toBeLessThanOrEqual(max);
        expect(text.startsWith(cut)).toBe(true);
        // Never inside a grapheme: the cut's graphemes are the text's first ones.
        const whole = graphemesOf(text);
        expect(graphemesOf(cut)).toEqual(whole.slice(0, graphemesOf(cut).length));
        if (text.length <= max) expect(cut).toBe(text);
      }),
    );
  });
});

describe('cutAtBoundary on words', () => {
  it('ends every cut of space-separated words at the end of a word, unless the first word alone is too long', () => {
    const word = fc.stringMatching(/^[a-zé]{1,12}$/);
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 60 }), (words, max) => {
        const text = words.join(' ');
        const cut = cutAtBoundary(text, units(max));
        if (text.length <= max) expect(cut).toBe(text);
        else if (words[0]!.length > max) expect(cut).toBe(text.slice(0, max));
        else {
          expect(cut.length).toBeLessThanOrEqual(max);
          expect(text.charAt(cut.length)).toBe(' ');
          expect(cut.endsWith(' ')).toBe(false);
        }
      }),
    );
  });
});

describe('safeSegment', () => {
  it('cuts long names between words, within the bytes allowed', () => {
    const title = 'Word '.repeat(50).trim();
    const cut = safeSegment(title, 23);
    expect(cut).toBe('Word Word Word Word');
    expect(safeSegment('字'.repeat(100), 200)).toBe('字'.repeat(66));
  });
});
