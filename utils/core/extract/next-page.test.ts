// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { findNextPage, pageNumberOf } from './next-page';
import { makePage } from '../../../test/helpers/page';

const FIRST = 'https://news.example.cn/2023/0618/a1.html';

describe('pageNumberOf', () => {
  it.each([
    ['https://news.example.cn/2023/0618/a1_2.html', 2],
    ['https://news.example.cn/2023/0618/a1-3.html', 3],
    ['https://news.example.cn/2023/0618/a1p2.html', 2],
    ['https://news.example.cn/2023/0618/a1_page2.html', 2],
    ['https://news.example.cn/2023/0618/a1.html?page=2', 2],
    ['https://news.example.cn/2023/0618/a1.html', undefined],
    ['https://news.example.cn/2023/0618/a2.html', undefined],
    ['https://news.example.cn/2023/0618/b1_2.html', undefined],
    ['https://other.example.cn/2023/0618/a1_2.html', undefined],
    ['http://news.example.cn/2023/0618/a1_2.html', undefined],
  ])('%s is page %s of a1.html', (url, page) => {
    expect(pageNumberOf(new URL(url), new URL(FIRST))).toBe(page);
  });

  it('reads /2/ and /page/2/ after a directory-style address', () => {
    const first = new URL('https://blog.example.com/2023/06/long-read/');
    expect(pageNumberOf(new URL('https://blog.example.com/2023/06/long-read/2/'), first)).toBe(2);
    expect(pageNumberOf(new URL('https://blog.example.com/2023/06/long-read/page/3/'), first)).toBe(3);
  });
});

describe('findNextPage', () => {
  const next = (body: string, wanted = 2, url = FIRST) => findNextPage(makePage(`<!doctype html><body>${body}</body>`, url).doc, FIRST, wanted);

  it.each([
    ['下一页', '<a href="a1_2.html">下一页</a>'],
    ['下一頁', '<a href="a1_2.html">下一頁</a>'],
    ['第2页', '<a href="a1_2.html">第2页</a>'],
    ['a page number', '<a href="a1.html">1</a><a href="a1_2.html">2</a><a href="a1_3.html">3</a>'],
    ['rel="next"', '<a rel="next" href="/2023/0618/a1_2.html">»</a>'],
  ])('follows %s to the continuation', (_name, body) => {
    expect(next(body)).toBe('https://news.example.cn/2023/0618/a1_2.html');
  });

  it('asks for the page after the current one', () => {
    const pager = '<a href="a1.html">1</a><a href="a1_2.html">2</a><a href="a1_3.html">3</a><a href="a1_3.html">下一页</a>';
    expect(next(pager, 3, 'https://news.example.cn/2023/0618/a1_2.html')).toBe('https://news.example.cn/2023/0618/a1_3.html');
  });

  it('never follows a next article, another site, or the page itself', () => {
    expect(next('<a rel="next" href="a2.html">Next article</a>')).toBeUndefined();
    expect(next('<a href="https://other.example.cn/2023/0618/a1_2.html">下一页</a>')).toBeUndefined();
    expect(next('<a href="a1.html">下一页</a><a href="#comments">2</a>')).toBeUndefined();
  });
});
