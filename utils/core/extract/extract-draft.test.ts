// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractDraft } from './extract-draft';
import { makePage, NOW } from '../../../test/helpers/page';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/');
const GOLDEN = join(FIXTURES, 'golden/');
const PAGES = join(FIXTURES, 'pages/');
const PAGE_URL = 'https://www.epochtimes.com/gb/23/6/18/n14018244.htm';

describe('extractDraft on the golden page', () => {
  const html = readFileSync(`${GOLDEN}epochtimes-n14018244.html`, 'utf8');
  const bodyLine = readFileSync(`${GOLDEN}epochtimes-n14018244.md`, 'utf8').split('\n')[15];

  it('gives the draft the archive post is made from', () => {
    const { doc, win } = makePage(html, PAGE_URL);
    const result = extractDraft(doc, win, { mode: 'article', now: NOW });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { draft } = result;
    expect(draft.title).toBe('布林肯和秦刚会面5个半小时 双方分歧未解');
    expect(draft.siteName).toBe('大纪元');
    expect(draft.byline).toBeUndefined();
    expect(draft.publishedAt).toBe(Date.parse('2023-06-18T11:48:21-04:00'));
    expect(draft.modifiedAt).toBe(Date.parse('2023-06-18T13:02:40-04:00'));
    expect(draft.url).toBe(PAGE_URL);
    expect(draft.pageUrl).toBe(PAGE_URL);
    expect(draft.fullPage).toBe(false);
    expect(draft.contentHtml).toBe(bodyLine);
  });
});

describe('extractDraft in article mode', () => {
  it('clips a short Chinese article (about 300 characters) without the comment box under it', () => {
    const html = readFileSync(join(PAGES, 'short-chinese-article.html'), 'utf8');
    const { doc, win } = makePage(html, 'https://news.example.cn/news/2023/0618/a1.html?spm=1.2');
    const articleText = [...doc.querySelectorAll('.content > p')].map((p) => p.textContent).join('');
    expect(articleText.match(/[\u4e00-\u9fff]/g)!.length).toBeLessThanOrEqual(300);
    const result = extractDraft(doc, win, { mode: 'article', now: NOW });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { draft } = result;
    expect(draft.title).toBe('市政府启动公共交通新计划');
    expect(draft.byline).toBe('陈明');
    expect(draft.source).toBe('示例日报');
    expect(draft.siteName).toBe('示例新闻');
    expect(draft.publishedAt).toBe(Date.parse('2023-06-18T01:30:00Z'));
    expect(draft.url).toBe('https://news.example.cn/news/2023/0618/a1.html');
    expect(draft.keywords).toEqual(['公共交通', '地铁', '票价']);
    // A Latin-sized threshold makes Readability fall back to its loosest pass, which keeps the comments.
    expect(draft.contentHtml).not.toContain('网友评论');
    expect(draft.contentHtml.match(/<p>/g)).toHaveLength(4);
    expect(draft.textLength).toBe(articleText.length);
  });

  it('answers no-article for a page without one', () => {
    const { doc, win } = makePage(
      '<!doctype html><html lang="en"><head><title>Search - Example News</title><meta property="og:site_name" content="Example News"></head>' +
        '<body><nav><a href="/">Home</a></nav><h1>Search</h1><form><input name="q"></form><p>No results.</p></body></html>',
    );
    expect(extractDraft(doc, win, { mode: 'article', now: NOW })).toEqual({ ok: false, reason: 'no-article', title: 'Search' });
  });

  it('resolves lazy images on the clone and never changes the live page', () => {
    const html =
      '<!doctype html><html lang="en"><head><title>Bridge opens</title></head><body><article><h1>Bridge opens</h1>' +
      `<p>${'The new bridge opened to traffic on Sunday, linking the two halves of the city. '.repeat(6)}</p>` +
      '<figure><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/photos/bridge.jpg" alt="The bridge"></figure>' +
      `<p>${'Officials said the project came in on time and under budget, a rare feat. '.repeat(6)}</p>` +
      '<script>var x = 1;</script></article></body></html>';
    const { doc, win } = makePage(html);
    const before = doc.documentElement.outerHTML;
    const result = extractDraft(doc, win, { mode: 'article', now: NOW });
    expect(doc.documentElement.outerHTML).toBe(before);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.draft.contentHtml).toContain('<img src="https://news.example.com/photos/bridge.jpg" alt="The bridge">');
    expect(result.draft.contentHtml).not.toContain('script');
    expect(result.draft.contentHtml).not.toContain('\n');
  });

  it('leaves the golden page untouched', () => {
    const { doc, win } = makePage(readFileSync(`${GOLDEN}epochtimes-n14018244.html`, 'utf8'), PAGE_URL);
    const before = doc.documentElement.outerHTML;
    extractDraft(doc, win, { mode: 'article', now: NOW });
    extractDraft(doc, win, { mode: 'full-page', now: NOW });
    expect(doc.documentElement.outerHTML).toBe(before);
  });
});

describe('extractDraft in full-page mode', () => {
  it('clips the page <article>, sanitized and normalised', () => {
    const { doc, win } = makePage(readFileSync(`${GOLDEN}epochtimes-n14018244.html`, 'utf8'), PAGE_URL);
    const result = extractDraft(doc, win, { mode: 'full-page', now: NOW });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { draft } = result;
    expect(draft.fullPage).toBe(true);
    expect(draft.title).toBe('布林肯和秦刚会面5个半小时 双方分歧未解');
    expect(draft.contentHtml.startsWith('<h1>布林肯和秦刚会面5个半小时 双方分歧未解</h1>')).toBe(true);
    expect(draft.contentHtml).toContain('大纪元是独立的媒体');
    expect(draft.contentHtml).not.toMatch(/javascript:|<script|class=|相关新闻/);
    expect(draft.contentHtml).not.toContain('\n');
  });

  it('resolves URLs against the page base URL', () => {
    const { doc, win } = makePage(
      '<!doctype html><html><head><base href="https://cdn.example.com/news/"><title>T</title></head>' +
        '<body><main><p><a href="a.html">a</a><img src="/i.png"></p></main></body></html>',
    );
    const result = extractDraft(doc, win, { mode: 'full-page', now: NOW });
    expect(result.ok && result.draft.contentHtml).toBe('<p><a href="https://cdn.example.com/news/a.html">a</a><img src="https://cdn.example.com/i.png"></p>');
  });

  it('falls back to <main>, then <body>, without hidden parts', () => {
    const { doc, win } = makePage(
      '<!doctype html><html><head><title>Index</title></head><body><div hidden>secret</div>' +
        '<div style="display: none">menu</div><p>Hello <a href="/x">x</a></p><template><p>t</p></template></body></html>',
    );
    const result = extractDraft(doc, win, { mode: 'full-page', now: NOW });
    expect(result.ok && result.draft.contentHtml).toBe('<p>Hello <a href="https://news.example.com/x">x</a></p>');
    const withMain = makePage('<!doctype html><body><header>Site</header><main><p>Main text</p></main></body>');
    const main = extractDraft(withMain.doc, withMain.win, { mode: 'full-page', now: NOW });
    expect(main.ok && main.draft.contentHtml).toBe('<p>Main text</p>');
  });
});
