import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { PROJECT_ROOT } from '../cli/headless';
import { BLOCKING, audit, describeViolations } from '../test/harness/axe';
import { FIREFOX_PATH, launchFirefox, waitForDownload, type FirefoxSession } from '../test/harness/firefox';

// The Firefox build in a real headless Firefox ESR: both ways to clip, the library listed and
// searched, the export byte for byte, a refusal, and a restart that keeps the library. Without
// Firefox the suite is skipped and says why; in CI (CI=true) its absence fails.

const GOLDEN_URL = 'https://www.epochtimes.com/gb/23/6/18/n14018244.htm';
const GOLDEN_TITLE = '布林肯和秦刚会面5个半小时 双方分歧未解';
const SHORT_URL = 'https://news.example.cn/news/2023/0618/a1.html';
const SHORT_TITLE = '市政府启动公共交通新计划';
const NO_ARTICLE_URL = 'https://news.example/sections';
const fixture = (path: string) => readFileSync(join(PROJECT_ROOT, 'test/fixtures', path), 'utf8');
const SCREENSHOTS = join(PROJECT_ROOT, 'e2e/artifacts/screenshots/firefox');

/** Font sizes (px) of what a user reads first on a page, as Firefox draws it. */
async function textSizes(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const size = (selector: string) => {
      const el = document.querySelector(selector);
      return el ? parseFloat(getComputedStyle(el).fontSize) : NaN;
    };
    return { body: size('body'), title: size('.clip-title'), meta: size('.clip-meta'), label: size('.setting-label'), h2: size('h2') };
  });
}

/** axe in the page; answers the serious and critical violations, worded. */
async function blockingViolations(page: Page): Promise<string> {
  return describeViolations((await audit(page)).filter((v) => BLOCKING.includes(v.impact)));
}

const firefoxMissing = spawnSync(FIREFOX_PATH, ['--version'], { encoding: 'utf8' }).status !== 0;
const mustRun = process.env.CI === 'true';
if (firefoxMissing && !mustRun) console.warn(`Skipping the Firefox tests: no Firefox at ${FIREFOX_PATH} (in CI its absence fails).`);

describe.skipIf(firefoxMissing && !mustRun)('the Firefox build in Firefox ESR', () => {
  let session: FirefoxSession;

  beforeAll(async () => {
    if (firefoxMissing) throw new Error(`The Firefox tests must run in CI, and there is no Firefox at ${FIREFOX_PATH}`);
    session = await launchFirefox({
      pages: new Map([
        [GOLDEN_URL, fixture('golden/epochtimes-n14018244.html')],
        [SHORT_URL, fixture('pages/short-chinese-article.html')],
        [NO_ARTICLE_URL, fixture('browser/no-article.html')],
      ]),
    });
  });

  afterAll(async () => {
    await session?.close();
  });

  /** The popup's list once the whole library (or the search's results) has loaded. */
  async function listed(popup: Page): Promise<string[]> {
    await popup.waitForFunction(() => {
      const shown = /\d+/.exec(document.querySelector('.count')?.textContent ?? '')?.[0];
      return shown !== undefined && Number(shown) === document.querySelectorAll('.clip-row').length;
    });
    return popup.$$eval('.clip-row .clip-title', (titles) => titles.map((t) => t.textContent ?? ''));
  }

  async function popupTitles(): Promise<string[]> {
    const popup = await session.openExtensionPage('popup.html');
    try {
      return (await listed(popup)).sort();
    } finally {
      await popup.close();
    }
  }

  async function clipInPopup(tabId: number): Promise<{ popup: Page; status: string; message: string }> {
    const popup = await session.openExtensionPage(`popup.html?tab=${tabId}`);
    await popup.locator('button::-p-text(Clip this page)').click();
    const status = await popup.waitForSelector('[data-status]', { timeout: 30_000 });
    const [state, message] = await status!.evaluate((el) => [el.getAttribute('data-status') ?? '', el.textContent ?? '']);
    return { popup, status: state!, message: message! };
  }

  it('clips from the toolbar popup, lists the clip, and exports the golden post byte for byte', async () => {
    const { page, tabId } = await session.openServedPage(GOLDEN_URL);
    const { popup, status, message } = await clipInPopup(tabId);
    expect(status, message).toBe('saved');
    expect(await listed(popup)).toEqual([GOLDEN_TITLE]);

    for (const name of readdirSync(session.downloadDir)) rmSync(join(session.downloadDir, name));
    await popup.locator(`.clip-controls.highlighted button[aria-label^="Export"]`).click();
    const post = await waitForDownload(session.downloadDir);
    expect(post.fileName).toBe(`2023-06-18-${GOLDEN_TITLE}.md`);
    expect(post.text).toBe(fixture('golden/epochtimes-n14018244.md'));
    await popup.close();
    await page.close();
  });

  it('clips with the keyboard shortcut and shows success on the badge', async () => {
    const { page, tabId } = await session.openServedPage(SHORT_URL);
    const badge = await session.runShortcut(tabId);
    expect(badge.text).toBe('✓');
    expect(badge.title).toContain(SHORT_TITLE);
    expect(await popupTitles()).toEqual([GOLDEN_TITLE, SHORT_TITLE].sort());
    await page.close();
  });

  it('finds a clip by a word of its text', async () => {
    const popup = await session.openExtensionPage('popup.html');
    await listed(popup);
    // 钓鱼台 is only in the golden article's body; 票价 only in the short one's.
    await popup.locator('input.search').fill('钓鱼台');
    await expect.poll(() => listed(popup)).toEqual([GOLDEN_TITLE]);
    await popup.locator('input.search').fill('票价');
    await expect.poll(() => listed(popup)).toEqual([SHORT_TITLE]);
    await popup.close();
  });

  it('refuses a page with no article and a blank page, and stores nothing', async () => {
    const { page, tabId } = await session.openServedPage(NO_ARTICLE_URL);
    const refused = await clipInPopup(tabId);
    expect(refused.status).toBe('no-article');
    expect(refused.message).toContain('No article');
    await refused.popup.close();
    await page.close();

    // The shortcut has no popup to offer the whole page with, so it clips that; a blank page it refuses.
    const blank = await session.openServedPage('about:blank');
    const unclippable = await clipInPopup(blank.tabId);
    expect(unclippable.status).toBe('unclippable');
    await unclippable.popup.close();
    expect((await session.runShortcut(blank.tabId)).text).toBe('!');
    await blank.page.close();
    expect(await popupTitles()).toEqual([GOLDEN_TITLE, SHORT_TITLE].sort());
  });

  it('draws body text at 14 px, titles above their lines, and passes axe (light theme)', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const popup = await session.openExtensionPage('popup.html');
    await listed(popup);
    const sizes = await textSizes(popup);
    expect(sizes.body).toBeGreaterThanOrEqual(14);
    expect(sizes.title).toBeGreaterThanOrEqual(14);
    expect(sizes.title).toBeGreaterThan(sizes.meta!);
    expect(await blockingViolations(popup)).toBe('');
    await popup.screenshot({ path: join(SCREENSHOTS, 'popup-list-light.png') });
    await popup.close();
    const options = await session.openExtensionPage('options.html');
    await options.waitForSelector('.preview-path');
    const optionSizes = await textSizes(options);
    expect(optionSizes.body).toBeGreaterThanOrEqual(14);
    expect(optionSizes.label).toBeGreaterThanOrEqual(14);
    expect(optionSizes.h2).toBeGreaterThan(optionSizes.body!);
    expect(await blockingViolations(options)).toBe('');
    await options.screenshot({ path: join(SCREENSHOTS, 'options-light.png'), fullPage: true });
    await options.close();
  });

  it('keeps the library, and finds it, after Firefox restarts', async () => {
    await session.restart();
    expect(await popupTitles()).toEqual([GOLDEN_TITLE, SHORT_TITLE].sort());
    const popup = await session.openExtensionPage('popup.html');
    await listed(popup);
    await popup.locator('input.search').fill('钓鱼台');
    await expect.poll(() => listed(popup)).toEqual([GOLDEN_TITLE]);
    await popup.close();
  });
});

describe.skipIf(firefoxMissing && !mustRun)('the Firefox build in the dark theme', () => {
  let session: FirefoxSession;

  beforeAll(async () => {
    if (firefoxMissing) throw new Error(`The Firefox tests must run in CI, and there is no Firefox at ${FIREFOX_PATH}`);
    // 0: pages are told the user prefers a dark theme (puppeteer emulates media over CDP only).
    session = await launchFirefox({ pages: new Map([[SHORT_URL, fixture('pages/short-chinese-article.html')]]), prefs: { 'layout.css.prefers-color-scheme.content-override': 0 } });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('passes axe on the popup with a clip and on the options page', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const { page, tabId } = await session.openServedPage(SHORT_URL);
    expect((await session.runShortcut(tabId)).text).toBe('✓');
    await page.close();
    const popup = await session.openExtensionPage('popup.html');
    await popup.waitForSelector('.clip-title');
    expect(await popup.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
    expect(await popup.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(13, 17, 23)');
    expect(await blockingViolations(popup)).toBe('');
    await popup.screenshot({ path: join(SCREENSHOTS, 'popup-list-dark.png') });
    await popup.close();
    const options = await session.openExtensionPage('options.html');
    await options.waitForSelector('.preview-path');
    expect(await blockingViolations(options)).toBe('');
    await options.screenshot({ path: join(SCREENSHOTS, 'options-dark.png'), fullPage: true });
    await options.close();
  });
});
