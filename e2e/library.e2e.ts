import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_BUILD_DIR, PROJECT_ROOT, clipWithPopup, launchClipper, servePagesOffline, tabIdOf, type ClipperSession } from '../cli/headless';

// The library in the real popup: clip, search Chinese, select and bulk-delete with undo, edit a
// title and see it in the export, the library tab, both themes, and the Chinese interface.

const GOLDEN_URL = 'https://www.epochtimes.com/gb/23/6/18/n14018244.htm';
const SHORT_URL = 'https://news.example.cn/news/2023/0618/a1.html';
const GOLDEN_TITLE = '布林肯和秦刚会面5个半小时 双方分歧未解';
const fixture = (path: string) => readFileSync(join(PROJECT_ROOT, 'test/fixtures', path), 'utf8');
const ARTIFACTS = join(PROJECT_ROOT, 'test-results');
const PAGES = new Map([
  [GOLDEN_URL, fixture('golden/epochtimes-n14018244.html')],
  [SHORT_URL, fixture('pages/short-chinese-article.html')],
]);

let session: ClipperSession;
let shortTitle = '';

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  session = await launchClipper({ extensionDir: E2E_BUILD_DIR });
  await servePagesOffline(session.context, PAGES);
  for (const url of PAGES.keys()) {
    const page = await session.context.newPage();
    await page.goto(url);
    const result = await clipWithPopup(session, await tabIdOf(session, page));
    expect(result.status).toBe('saved');
    if (url === SHORT_URL) shortTitle = /^title: "(.*)"$/m.exec(result.post!.text)![1]!;
    await page.close();
  }
});

afterAll(async () => {
  await session?.close();
});

async function openPopup(path = 'popup.html'): Promise<Page> {
  const popup = await session.context.newPage();
  await popup.goto(session.extensionUrl(path));
  await popup.locator('.count').waitFor();
  return popup;
}

const titles = (popup: Page) => popup.locator('.clip-row .clip-title').allTextContents();

describe('the library in the popup', () => {
  it('finds a Chinese word in the article text and marks it in the list', async () => {
    const popup = await openPopup();
    expect((await titles(popup)).sort()).toEqual([GOLDEN_TITLE, shortTitle].sort());
    // 钓鱼台 appears only in the golden article's body, not in its title.
    await popup.getByRole('searchbox').fill('钓鱼台');
    await expect.poll(() => titles(popup)).toEqual([GOLDEN_TITLE]);
    await popup.getByRole('searchbox').fill('秦刚');
    await expect.poll(() => popup.locator('.clip-row mark').first().textContent()).toBe('秦刚');
    await popup.close();
  });

  it('selects every result, bulk-deletes them and undoes it', async () => {
    const popup = await openPopup();
    await popup.locator('.clip-controls .select').first().click();
    await popup.getByRole('button', { name: 'Select all results' }).click();
    await expect(popup.getByText('2 selected').count()).resolves.toBe(1);
    await popup.getByRole('button', { name: 'Delete selected' }).click();
    await popup.getByText('Deleted 2 clips.').waitFor();
    await popup.getByText(/No clips yet/).waitFor();
    await popup.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await titles(popup)).length).toBe(2);
    await popup.close();
    const again = await openPopup();
    expect(await titles(again)).toHaveLength(2);
    await again.close();
  });

  it('edits a title, shows it in the preview, and exports it', async () => {
    const popup = await openPopup();
    await popup.getByRole('button', { name: `Preview ${GOLDEN_TITLE}` }).click();
    const frame = popup.frameLocator('iframe.article-frame');
    await expect(frame.locator('p').first().textContent()).resolves.toContain('布林肯');
    expect(await popup.locator('iframe.article-frame').getAttribute('sandbox')).toBe('');
    await popup.getByRole('button', { name: 'Edit' }).click();
    await popup.getByRole('textbox', { name: 'Title' }).fill('布林肯访华：会谈五个半小时');
    await popup.getByRole('button', { name: 'Save' }).click();
    await popup.getByText(/Changes saved/).waitFor();
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.getByRole('button', { name: 'Export', exact: true }).click()]);
    expect(download.suggestedFilename()).toBe('2023-06-18-布林肯访华：会谈五个半小时.md');
    const text = readFileSync(await download.path(), 'utf8');
    expect(text).toContain('title: "布林肯访华：会谈五个半小时"');
    expect(text).toContain('[布林肯访华：会谈五个半小时](https://www.epochtimes.com/gb/23/6/18/n14018244.htm)');
    await popup.getByRole('button', { name: /Back to the list/ }).click();
    await expect.poll(() => titles(popup)).toContain('布林肯访华：会谈五个半小时');
    await popup.close();
  });

  it('opens the same library as a full tab', async () => {
    const tab = await openPopup('library.html');
    expect(await titles(tab)).toHaveLength(2);
    expect(await tab.getByRole('button', { name: 'Clip this page' }).count()).toBe(0);
    await tab.close();
  });

  it.each(['light', 'dark'] as const)('keeps a screenshot of the popup in the %s theme', async (colorScheme) => {
    const popup = await session.context.newPage();
    await popup.emulateMedia({ colorScheme });
    await popup.setViewportSize({ width: 480, height: 640 });
    await popup.goto(session.extensionUrl('popup.html'));
    await popup.locator('.count').waitFor();
    const background = await popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe(colorScheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(255, 255, 255)');
    await popup.screenshot({ path: join(ARTIFACTS, `popup-library-${colorScheme}.png`) });
    await popup.close();
  });
});

describe('the interface language', () => {
  it.each([
    ['zh-CN', '剪藏此页'],
    ['zh-TW', '剪藏此頁'],
  ])('follows the browser (%s)', async (lang, clipLabel) => {
    const other = await launchClipper({ extensionDir: E2E_BUILD_DIR, lang });
    try {
      const popup = await other.context.newPage();
      await popup.goto(other.extensionUrl('popup.html'));
      await popup.getByRole('button', { name: clipLabel }).waitFor();
    } finally {
      await other.close();
    }
  });
});
