import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countNonWhitespace, countScripts, sampleText, weightedLength } from './text';
import { makePage } from '../../../test/helpers/page';

/** The counts read code point by code point: what the regular expressions must agree with. */
function referenceCounts(text: string) {
  const counts = { total: 0, han: 0, kana: 0, hangul: 0 };
  for (const ch of text) {
    if (/\s/.test(ch)) continue;
    const c = ch.codePointAt(0)!;
    counts.total++;
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x3134f)) counts.han++;
    else if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x31f0 && c <= 0x31ff)) counts.kana++;
    else if ((c >= 0xac00 && c <= 0xd7af) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f)) counts.hangul++;
  }
  return counts;
}

describe('countScripts', () => {
  it('counts characters by script, whitespace left out, astral characters once', () => {
    expect(countScripts('中文 かな カナ 한국 abc\u3000\u00a0\n𠀀')).toEqual({ total: 12, han: 3, kana: 4, hangul: 2 });
    expect(countNonWhitespace(' a b\u2028c ')).toBe(3);
    expect(weightedLength(countScripts('ab中'))).toBe(5);
    // The edges of the astral Han range: U+3134F is Han, U+31350 is not.
    expect(countScripts('\u{3134f}\u{31350}\u{1f600}')).toEqual({ total: 3, han: 1, kana: 0, hangul: 0 });
  });

  it('agrees with counting code point by code point on any text', () => {
    const pieces = ['a', ' ', '\n', '\u3000', '\u00a0', '中', '\u3400', '\uf900', 'か', 'ア', '\u31f0', '한', '\u1100', '\u3130', '𠀀', '\u{3134f}', '\u{31350}', '😀', 'é'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        expect(countScripts(text)).toEqual(referenceCounts(text));
        expect(countNonWhitespace(text)).toBe(referenceCounts(text).total);
      }),
    );
  });

  it('counts a text of megabytes the same way', () => {
    const text = '中文 かな 한국 abc 𠀀\n'.repeat(30_000);
    expect(text.length).toBeGreaterThan(200_000);
    expect(countScripts(text)).toEqual(referenceCounts(text));
    expect(countNonWhitespace(text)).toBe(referenceCounts(text).total);
  });
});

describe('sampleText', () => {
  it('reads the page text but no script, style or template source, up to its limit', () => {
    const { doc } = makePage(
      '<!doctype html><body><p>新闻</p><script>var a = 1;</script><style>p{}</style><template>t</template><noscript>n</noscript><p>text</p></body>',
    );
    expect(sampleText(doc.body)).toBe('新闻 text ');
    expect(sampleText(doc.body, 3)).toBe('新闻 ');
  });
});
