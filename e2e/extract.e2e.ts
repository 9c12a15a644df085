import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clipInTab } from '../test/harness/browser-clip';
import type { ExtractResult } from '../utils/core/model/types';
import { E2E_BUILD_DIR, launchClipper, servePagesOffline, tabIdOf, type ClipperSession } from '../cli/headless';

// The content script's own fetching and selection reading in the real browser: a multi-page
// article whose second page is GBK-encoded (as many Chinese sites still are), a next page the
// server refuses, and a clip of the reader's selection. Everything is served offline.

const SITE = 'http://news.example.test/2023/0618/';
const paragraph = (page: number) => `<p>第${page}页：${'市政府今天宣布了新的公共交通计划，地铁票价将在下个月调整，市民普遍表示欢迎。'.repeat(4)}</p>`;

function articlePage(name: string, n: number, total: number, charset = 'utf-8'): string {
  const next = n < total ? `<a href="${name}_${n + 1}.html">下一页</a>` : '';
  return (
    `<!doctype html><html lang="zh-CN"><head><meta charset="${charset}"><title>新计划_示例新闻</title>` +
    '<meta property="og:title" content="市政府启动公共交通新计划"><meta property="og:site_name" content="示例新闻"></head>' +
    `<body><article><h1>市政府启动公共交通新计划</h1><div class="content">${paragraph(n)}${paragraph(n)}</div>` +
    `<div class="pages">${next}</div></article></body></html>`
  );
}

/** GBK bytes of `text`, from the reverse of the platform's own GBK decoder. */
function encodeGbk(text: string): Buffer {
  const decoder = new TextDecoder('gbk');
  const table = new Map<string, [number, number]>();
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (!table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const pair = table.get(ch);
      if (!pair) throw new Error(`No GBK code for ${ch}`);
      out.push(...pair);
    }
  }
  return Buffer.from(out);
}

let session: ClipperSession;
let page: Page;
let tabId: number;

beforeAll(async () => {
  session = await launchClipper({ extensionDir: E2E_BUILD_DIR });
  await servePagesOffline(
    session.context,
    new Map([
      [`${SITE}two.html`, articlePage('two', 1, 2)],
      [`${SITE}three.html`, articlePage('three', 1, 3)],
      [`${SITE}three_2.html`, articlePage('three', 2, 3)],
    ]),
  );
  // Registered last, so answered first: the GBK page (as its header and <meta> say) and a next
  // page the server refuses.
  await session.context.route(`${SITE}two_2.html`, (route) =>
    route.fulfill({ status: 200, headers: { 'content-type': 'text/html; charset=GBK' }, body: encodeGbk(articlePage('two', 2, 2, 'gbk')) }),
  );
  await session.context.route(`${SITE}three_3.html`, (route) => route.fulfill({ status: 500, body: 'Server error' }));
  page = await session.context.newPage();
});

afterAll(async () => {
  await session?.close();
});

async function clip(url: string, mode: 'article' | 'selection' = 'article'): Promise<ExtractResult> {
  if (page.url() !== url) await page.goto(url);
  tabId ??= await tabIdOf(session, page);
  const { result } = await clipInTab(session, tabId, mode);
  return result as ExtractResult;
}

describe('multi-page articles in the browser', () => {
  it('fetches the next page from the page origin, decodes GBK, and joins it in order', async () => {
    const result = await clip(`${SITE}two.html`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.draft.pageCount).toBe(2);
    expect(result.draft.missingPages).toBeUndefined();
    const html = result.draft.contentHtml;
    expect(html.indexOf('第1页：市政府')).toBeGreaterThanOrEqual(0);
    expect(html.indexOf('第2页：市政府')).toBeGreaterThan(html.indexOf('第1页：市政府'));
    expect(html).not.toContain('\uFFFD');
  });

  it('keeps the pages it got when the next one fails, and names the missing page', async () => {
    const result = await clip(`${SITE}three.html`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.draft.pageCount).toBe(2);
    expect(result.draft.missingPages).toEqual([`${SITE}three_3.html`]);
    expect(result.draft.contentHtml).toContain('第2页：市政府');
  });
});

describe('selection in the browser', () => {
  it('clips what the reader selected, with the page metadata', async () => {
    await page.goto(`${SITE}two.html`);
    await page.evaluate(() => {
      const p = document.querySelector('.content p')!;
      const range = document.createRange();
      range.selectNodeContents(p);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    const result = await clip(`${SITE}two.html`, 'selection');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.draft.selection).toBe(true);
    expect(result.draft.title).toBe('市政府启动公共交通新计划');
    expect(result.draft.contentHtml).toMatch(/^第1页：市政府/);
    expect(result.draft.contentHtml).not.toContain('<p>');
  });
});
