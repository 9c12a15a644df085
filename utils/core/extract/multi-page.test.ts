// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { extractClip } from './extract-draft';
import { makePage, NOW } from '../../../test/helpers/page';

const BASE = 'https://news.example.cn/2023/0618/';
const FIRST = `${BASE}a1.html`;
const paragraph = (page: number) => `<p>第${page}页的正文。${'市政府今天宣布了新的公共交通计划，地铁票价将在下个月调整。'.repeat(4)}</p>`;

/** Page `n` of a `total`-page article: its own text, an image with a relative address, and the pager. */
function articlePage(n: number, total: number): string {
  const pager = Array.from({ length: total }, (_, i) => `<a href="a1${i ? `_${i + 1}` : ''}.html">${i + 1}</a>`).join(' ');
  const nextLink = n < total ? `<a href="a1_${n + 1}.html">下一页</a>` : '';
  return (
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>新计划_示例新闻</title>' +
    '<meta property="og:title" content="市政府启动公共交通新计划"><meta property="og:site_name" content="示例新闻"></head>' +
    `<body><article><h1>市政府启动公共交通新计划</h1><div class="content">${paragraph(n)}<img src="img/p${n}.jpg" alt="">${paragraph(n)}</div>` +
    `<div class="pages">${pager} ${nextLink}</div></article><div class="related-news"><a href="a9.html">下一篇</a></div></body></html>`
  );
}

/** A fake site: the pages it has, and the addresses it was asked for. */
function site(total: number, failing: string[] = []) {
  const asked: string[] = [];
  const fetchPage = async (url: string) => {
    asked.push(url);
    const m = /a1(?:_(\d+))?\.html$/.exec(url);
    const n = m ? +(m[1] ?? 1) : 0;
    if (failing.includes(url) || !m || n > total) throw new Error(`404 ${url}`);
    return articlePage(n, total);
  };
  return { asked, fetchPage };
}

async function clip(total: number, options: { failing?: string[]; maxPages?: number } = {}) {
  const { doc, win } = makePage(articlePage(1, total), FIRST);
  const fake = site(total, options.failing);
  const result = await extractClip(doc, win, { mode: 'article', now: NOW, fetchPage: fake.fetchPage, maxPages: options.maxPages });
  if (!result.ok) throw new Error('no article');
  return { draft: result.draft, asked: fake.asked };
}

describe('multi-page articles', () => {
  it('joins the next pages in order, with their links made absolute, and counts them', async () => {
    const { draft, asked } = await clip(3);
    expect(asked).toEqual([`${BASE}a1_2.html`, `${BASE}a1_3.html`]);
    expect(draft.pageCount).toBe(3);
    expect(draft.missingPages).toBeUndefined();
    const order = ['第1页', '第2页', '第3页'].map((t) => draft.contentHtml.indexOf(t));
    expect(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1]!))).toBe(true);
    expect(draft.contentHtml).toContain(`<img src="${BASE}img/p3.jpg" alt="">`);
    expect(draft.contentHtml).not.toContain('下一页');
    expect(draft.contentHtml).not.toContain('\n');
    const single = await clip(1);
    expect(draft.textLength).toBeGreaterThan(single.draft.textLength * 2.5);
  });

  it('leaves a one-page article as it is', async () => {
    const { draft, asked } = await clip(1);
    expect(asked).toEqual([]);
    expect(draft.pageCount).toBeUndefined();
    expect(draft.missingPages).toBeUndefined();
  });

  it('keeps the pages before one that cannot be fetched, and says which is missing', async () => {
    const third = await clip(4, { failing: [`${BASE}a1_3.html`] });
    expect(third.draft.pageCount).toBe(2);
    expect(third.draft.missingPages).toEqual([`${BASE}a1_3.html`]);
    expect(third.draft.contentHtml).toContain('第2页');
    expect(third.draft.contentHtml).not.toContain('第4页');
    const second = await clip(2, { failing: [`${BASE}a1_2.html`] });
    expect(second.draft.pageCount).toBeUndefined();
    expect(second.draft.missingPages).toEqual([`${BASE}a1_2.html`]);
  });

  it('stops at the page bound', async () => {
    const { draft, asked } = await clip(15, { maxPages: 10 });
    expect(draft.pageCount).toBe(10);
    expect(asked).toHaveLength(9);
  });

  it('follows nothing in the other modes', async () => {
    const { doc, win } = makePage(articlePage(1, 3), FIRST);
    const fake = site(3);
    const result = await extractClip(doc, win, { mode: 'full-page', now: NOW, fetchPage: fake.fetchPage });
    expect(result.ok && result.draft.pageCount).toBeFalsy();
    expect(fake.asked).toEqual([]);
  });
});
