import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  E2E_BUILD_DIR,
  PROJECT_ROOT,
  clipWithPopup,
  launchClipper,
  servePagesOffline,
  tabIdOf,
  type ClipperSession,
} from '../cli/headless';

// The toolbar flow end to end, in headless Chromium with the test build of the extension.

const GOLDEN_URL = 'https://www.epochtimes.com/gb/23/6/18/n14018244.htm';
const NO_ARTICLE_URL = 'https://news.example/sections';
const fixture = (path: string) => readFileSync(join(PROJECT_ROOT, 'test/fixtures', path), 'utf8');
const goldenHtml = fixture('golden/epochtimes-n14018244.html');
const goldenPost = fixture('golden/epochtimes-n14018244.md');
const ARTIFACTS = join(PROJECT_ROOT, 'test-results');

let session: ClipperSession;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  session = await launchClipper({ extensionDir: E2E_BUILD_DIR });
  await servePagesOffline(
    session.context,
    new Map([
      [GOLDEN_URL, goldenHtml],
      [`${GOLDEN_URL}?utm_source=twitter&utm_medium=social&fbclid=abc`, goldenHtml],
      [NO_ARTICLE_URL, fixture('browser/no-article.html')],
    ]),
  );
});

afterAll(async () => {
  await session?.close();
});

async function openTab(url: string): Promise<{ page: Page; tabId: number }> {
  const page = await session.context.newPage();
  await page.goto(url);
  return { page, tabId: await tabIdOf(session, page) };
}

/** What the database holds, read through the same message the popup uses. */
async function listedTitles(): Promise<string[]> {
  const page = await session.context.newPage();
  await page.goto(session.extensionUrl('popup.html'));
  // The count appears once the whole library has loaded (or the empty state, for none).
  await page.locator('.count, .empty:not(:has-text("Loading"))').first().waitFor();
  await page.waitForFunction(() => {
    const count = document.querySelector('.count')?.textContent ?? '';
    return !count || Number(/of (\d+)/.exec(count)?.[1]) === document.querySelectorAll('.clip-row').length;
  });
  const titles = await page.locator('.clip-row .clip-title').allTextContents();
  await page.close();
  return titles;
}

async function clearLibrary(): Promise<void> {
  await session.worker.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('news-clipper');
        open.onsuccess = () => {
          const tx = open.result.transaction(['clips', 'contents'], 'readwrite');
          tx.objectStore('clips').clear();
          tx.objectStore('contents').clear();
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
}

describe('clipping from the popup', () => {
  it('turns the golden page into the golden archive post, byte for byte, and lists it', async () => {
    await clearLibrary();
    const { page, tabId } = await openTab(GOLDEN_URL);
    const popup = await session.context.newPage();
    const result = await clipWithPopup(session, tabId, { popup });
    expect(result.status).toBe('saved');
    expect(result.post?.fileName).toBe('2023-06-18-布林肯和秦刚会面5个半小时 双方分歧未解.md');
    expect(result.post?.text).toBe(goldenPost);

    const row = popup.locator('.clip-row').first();
    await expect(row.locator('.clip-title').textContent()).resolves.toBe('布林肯和秦刚会面5个半小时 双方分歧未解');
    await expect(row.locator('.clip-meta').textContent()).resolves.toContain('大纪元');
    await expect(row.locator('time').getAttribute('datetime')).resolves.toBe('2023-06-18T15:48:21.000Z');
    await popup.screenshot({ path: join(ARTIFACTS, 'popup-golden.png') });
    await popup.close();
    await page.close();
  });

  it('copies the same post to the clipboard', async () => {
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const popup = await session.context.newPage();
    await popup.goto(session.extensionUrl('popup.html'));
    await popup.locator('.clip-controls').first().getByRole('button', { name: /^Copy / }).click();
    await popup.getByText('Copied the post to the clipboard.').waitFor();
    await expect(popup.evaluate(() => navigator.clipboard.readText())).resolves.toBe(goldenPost);
    await popup.close();
  });

  it('does not add a second clip for the same article behind tracking parameters (clipped with Enter)', async () => {
    const { page, tabId } = await openTab(`${GOLDEN_URL}?utm_source=twitter&utm_medium=social&fbclid=abc`);
    const result = await clipWithPopup(session, tabId, { pressEnter: true });
    expect(result.status).toBe('saved');
    expect(result.message).toContain('Already saved, unchanged');
    expect(result.post?.text).toBe(goldenPost);
    expect(await listedTitles()).toEqual(['布林肯和秦刚会面5个半小时 双方分歧未解']);
    await page.close();
  });

  it('deletes a clip and undoes the deletion', async () => {
    const popup = await session.context.newPage();
    await popup.goto(session.extensionUrl('popup.html'));
    await popup.locator('.clip-controls').first().getByRole('button', { name: /^Delete / }).click();
    await popup.getByText('No clips yet').waitFor();
    await popup.getByRole('button', { name: 'Undo' }).click();
    await popup.locator('.clip-row').first().waitFor();
    await popup.close();
    expect(await listedTitles()).toEqual(['布林肯和秦刚会面5个半小时 双方分歧未解']);
  });
});

describe('pages that cannot be clipped', () => {
  it.each([
    ['a browser page', 'chrome://version/', 'Browser and extension pages cannot be clipped: open an article on the web and try again.'],
    ['a blank page', 'about:blank', 'This is a blank or temporary page: there is no article here to clip.'],
  ])('%s gives a clear message and stores nothing', async (_name, url, message) => {
    const before = await listedTitles();
    const { page, tabId } = await openTab(url);
    const result = await clipWithPopup(session, tabId);
    expect(result.status).toBe('unclippable');
    expect(result.message).toBe(message);
    expect(await listedTitles()).toEqual(before);
    await page.close();
  });

  it('a page with no article says so, stores nothing, and clips the whole page only when asked', async () => {
    const before = await listedTitles();
    const { page, tabId } = await openTab(NO_ARTICLE_URL);
    const refused = await clipWithPopup(session, tabId);
    expect(refused.status).toBe('no-article');
    expect(refused.message).toBe('No article was found on this page. You can clip the whole page instead.');
    expect(await listedTitles()).toEqual(before);

    const popup = await session.context.newPage();
    const whole = await clipWithPopup(session, tabId, { popup, fullPageFallback: true });
    expect(whole.status).toBe('saved');
    await expect(popup.locator('.clip-row.highlighted .badge').first().textContent()).resolves.toBe('full page');
    expect(whole.post?.text).toContain('Pick a section.');
    expect(whole.post?.text).not.toContain('<script');
    await popup.close();
    await page.close();
  });
});

/** Runs the keyboard shortcut's command on a tab and answers the badge and its tooltip. */
function badgeAfterCommand(on: ClipperSession, tabId: number): Promise<{ text: string; title: string }> {
  return on.worker.evaluate(async (id) => {
    await __newsClipperCommand(await chrome.tabs.get(id));
    return {
      text: await chrome.action.getBadgeText({ tabId: id }),
      title: await chrome.action.getTitle({ tabId: id }),
    };
  }, tabId);
}

describe('the refusals in Chinese', () => {
  it.each([
    ['zh-CN', '剪藏此页', '浏览器页面和扩展页面无法剪藏：请打开网上的一篇文章再试。'],
    ['zh-TW', '剪藏此頁', '瀏覽器頁面和擴充功能頁面無法剪藏：請開啟網路上的一篇文章再試。'],
  ])('the popup and the badge say why in %s', async (lang, clipLabel, message) => {
    const other = await launchClipper({ extensionDir: E2E_BUILD_DIR, lang });
    try {
      const page = await other.context.newPage();
      await page.goto('chrome://version/');
      const tabId = await tabIdOf(other, page);
      const popup = await other.context.newPage();
      await popup.goto(other.extensionUrl(`popup.html?tab=${tabId}`));
      await popup.getByRole('button', { name: clipLabel }).click();
      await expect(popup.locator('[data-status]').textContent()).resolves.toBe(message);
      await expect(badgeAfterCommand(other, tabId)).resolves.toEqual({ text: '!', title: message });
    } finally {
      await other.close();
    }
  });
});

describe('the keyboard shortcut', () => {
  async function badgeAfterCommandOn(url: string): Promise<{ text: string; title: string }> {
    const { page, tabId } = await openTab(url);
    const badge = await badgeAfterCommand(session, tabId);
    await page.close();
    return badge;
  }

  it('clips the tab and shows success on the badge', async () => {
    await clearLibrary();
    const badge = await badgeAfterCommandOn(GOLDEN_URL);
    expect(badge).toEqual({ text: '✓', title: 'Clipped: 布林肯和秦刚会面5个半小时 双方分歧未解' });
    expect(await listedTitles()).toEqual(['布林肯和秦刚会面5个半小时 双方分歧未解']);
  });

  it('shows failure on the badge for a browser page, saying why, and stores nothing', async () => {
    const badge = await badgeAfterCommandOn('chrome://version/');
    expect(badge).toEqual({ text: '!', title: 'Browser and extension pages cannot be clipped: open an article on the web and try again.' });
    expect(await listedTitles()).toEqual(['布林肯和秦刚会面5个半小时 双方分歧未解']);
  });
});
