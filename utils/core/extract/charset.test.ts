import { describe, expect, it } from 'vitest';
import { decodeHtml } from './charset';

// "中文" in GBK; the same bytes mean nothing in UTF-8.
const GBK_ZHONGWEN = [0xd6, 0xd0, 0xce, 0xc4];
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const bytes = (...parts: number[][]) => new Uint8Array(parts.flat());

describe('decodeHtml', () => {
  it('uses the charset of the Content-Type header', () => {
    expect(decodeHtml(bytes(ascii('<p>'), GBK_ZHONGWEN), 'text/html; charset=GBK')).toBe('<p>中文');
    expect(decodeHtml(bytes(ascii('<p>'), GBK_ZHONGWEN), 'text/html;charset="gb2312"')).toBe('<p>中文');
  });

  it('reads <meta charset> and <meta http-equiv> when the header names none', () => {
    expect(decodeHtml(bytes(ascii('<meta charset="gbk"><p>'), GBK_ZHONGWEN), 'text/html')).toBe('<meta charset="gbk"><p>中文');
    const httpEquiv = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><p>';
    expect(decodeHtml(bytes(ascii(httpEquiv), GBK_ZHONGWEN), null)).toBe(`${httpEquiv}中文`);
  });

  it('prefers a byte-order mark, and reads UTF-8 by default or for unknown labels', () => {
    const utf8 = [...new TextEncoder().encode('<p>中文')];
    expect(decodeHtml(bytes([0xef, 0xbb, 0xbf], utf8), 'text/html; charset=gbk')).toBe('<p>中文');
    expect(decodeHtml(bytes(utf8))).toBe('<p>中文');
    expect(decodeHtml(bytes(utf8), 'text/html; charset=x-unknown')).toBe('<p>中文');
    expect(decodeHtml(bytes(ascii('<p>'), GBK_ZHONGWEN))).not.toContain('中文');
  });
});
