import { describe, expect, it } from 'vitest';
import { countNonWhitespace, countScripts, weightedLength } from './text';

describe('countScripts', () => {
  it('counts characters by script in one pass, whitespace left out, astral characters once', () => {
    expect(countScripts('中文 かな カナ 한국 abc\u3000\u00a0\n𠀀')).toEqual({ total: 12, han: 3, kana: 4, hangul: 2 });
    expect(countNonWhitespace(' a b\u2028c ')).toBe(3);
    expect(weightedLength(countScripts('ab中'))).toBe(5);
  });
});
