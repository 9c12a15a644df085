import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_BUILD_DIR, PROJECT_ROOT, clipWithPopup, launchClipper, servePagesOffline, tabIdOf, type ClipperSession } from '../cli/headless';
import { en } from '../utils/core/i18n/en';

// The pages as drawn by a real Chromium: text sizes, the popup within the browser's 600 × 800 px,
// at 320 px wide, every control of the editor on screen, and the keyboard with a visible focus in
// both themes. The same text-size checks run in Firefox (firefox.e2e.ts).

const GOLDEN_URL = 'https://www.epochtimes.com/gb/23/6/18/n14018244.htm';
const GOLDEN_TITLE = '布林肯和秦刚会面5个半小时 双方分歧未解';
const SHORT_URL = 'https://news.example.cn/news/2023/0618/a1.html';
const fixture = (path: string) => readFileSync(join(PROJECT_ROOT, 'test/fixtures', path), 'utf8');
const POPUP_MAX = { width: 800, height: 600 };

let session: ClipperSession;

beforeAll(async () => {
  session = await launchClipper({ extensionDir: E2E_BUILD_DIR });
  await servePagesOffline(
    session.context,
    new Map([
      [GOLDEN_URL, fixture('golden/epochtimes-n14018244.html')],
      [SHORT_URL, fixture('pages/short-chinese-article.html')],
    ]),
  );
  for (const url of [SHORT_URL, GOLDEN_URL]) {
    const page = await session.context.newPage();
    await page.goto(url);
    expect((await clipWithPopup(session, await tabIdOf(session, page))).status).toBe('saved');
    await page.close();
  }
});

afterAll(async () => {
  await session?.close();
});

async function open(path: string, viewport: { width: number; height: number }, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await session.context.newPage();
  await page.setViewportSize(viewport);
  await page.emulateMedia({ colorScheme });
  await page.goto(session.extensionUrl(path));
  await page.locator('main').waitFor();
  if (path !== 'options.html') await page.locator('.clip-title').nth(1).waitFor();
  return page;
}

/** The computed font size, in px, of the first element matching `selector`. */
const fontSize = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

/** The smallest font size of any element that holds text of its own, and where. */
const smallestText = (page: Page) =>
  page.evaluate(() => {
    let smallest = { size: Infinity, where: '' };
    for (const el of document.body.querySelectorAll('*')) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
      if (!own || !(el as HTMLElement).offsetParent) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < smallest.size) smallest = { size, where: `${el.tagName.toLowerCase()}.${el.className}` };
    }
    return smallest;
  });

/** How far the document reaches past the window, across and down (0 when it fits). */
const overflow = (page: Page) =>
  page.evaluate(() => ({
    x: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    y: document.documentElement.scrollHeight - document.documentElement.clientHeight,
  }));

/** The controls that are drawn but stand, even in part, outside the window across. */
const cutOff = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('button, input:not(.visually-hidden), select, textarea, a, .file-picker')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.left < 0 || r.right > window.innerWidth + 0.5);
      })
      .map((el) => `${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || '').slice(0, 40)}" right=${Math.round(el.getBoundingClientRect().right)}`),
  );

describe('text sizes', () => {
  it('are 14 px for body text in the popup, with titles no smaller than the lines under them', async () => {
    const popup = await open('popup.html', POPUP_MAX);
    expect(await fontSize(popup, 'body')).toBeGreaterThanOrEqual(14);
    expect(await fontSize(popup, '.search')).toBeGreaterThanOrEqual(14);
    expect(await fontSize(popup, 'button.primary')).toBeGreaterThanOrEqual(14);
    const title = await fontSize(popup, '.clip-title');
    expect(title).toBeGreaterThanOrEqual(14);
    expect(title).toBeGreaterThan(await fontSize(popup, '.clip-meta'));
    // Secondary lines (a row's site and date, its small action buttons) are 12 px, never less.
    expect((await smallestText(popup)).size).toBeGreaterThanOrEqual(12);
    await popup.getByRole('button', { name: `Preview ${GOLDEN_TITLE}` }).click();
    expect(await fontSize(popup, '.detail-title')).toBeGreaterThan(await fontSize(popup, '.detail .clip-meta'));
    await popup.close();
  });

  it('are 14 px on the options page, headings above the text', async () => {
    const options = await open('options.html', { width: 1024, height: 768 });
    const body = await fontSize(options, 'body');
    expect(body).toBeGreaterThanOrEqual(14);
    expect(await fontSize(options, '.setting-label')).toBeGreaterThanOrEqual(14);
    expect(await fontSize(options, 'h2')).toBeGreaterThan(body);
    expect(await fontSize(options, 'h1')).toBeGreaterThan(await fontSize(options, 'h2'));
    expect((await smallestText(options)).size).toBeGreaterThanOrEqual(12);
    await options.close();
  });
});

describe('the popup’s size', () => {
  it('fits within 600 × 800 px with the filters open, a selection and its bulk bar', async () => {
    const popup = await open('popup.html', POPUP_MAX);
    // The popup is as wide as its body (a browser sizes the popup to it).
    expect(await popup.evaluate(() => document.body.getBoundingClientRect().width)).toBe(460);
    const toggle = popup.getByRole('button', { name: 'Filters' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await popup.getByRole('combobox', { name: 'Site' }).count()).toBe(0);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await popup.getByRole('combobox', { name: 'Site' }).waitFor();
    await popup.getByRole('checkbox', { name: `Select ${GOLDEN_TITLE}` }).click();
    await popup.getByRole('toolbar').waitFor();
    const size = await popup.evaluate(() => document.body.getBoundingClientRect());
    expect(size.height).toBeLessThanOrEqual(600);
    expect(size.width).toBeLessThanOrEqual(800);
    // One scroll only, the list's: the page itself does not scroll.
    expect(await overflow(popup)).toEqual({ x: 0, y: 0 });
    // And the list still shows two rows.
    expect(await popup.locator('.clip-list').evaluate((el) => el.clientHeight)).toBeGreaterThanOrEqual(168);
    await popup.close();
  });

  it.each(['popup.html', 'library.html', 'options.html'])('%s works at 320 px wide, nothing cut off', async (path) => {
    const page = await open(path, { width: 320, height: 600 });
    if (path !== 'options.html') {
      await page.getByRole('button', { name: 'Filters' }).click();
      await page.getByRole('checkbox', { name: `Select ${GOLDEN_TITLE}` }).click();
      await page.getByRole('toolbar').waitFor();
    }
    expect((await overflow(page)).x).toBe(0);
    expect(await cutOff(page)).toEqual([]);
    await page.close();
  });
});

describe('the editor', () => {
  it.each([
    ['popup.html', POPUP_MAX],
    ['library.html', { width: 1024, height: 768 }],
    ['popup.html', { width: 320, height: 600 }],
  ] as const)('has every control on screen in %s at %o', async (path, viewport) => {
    const page = await open(path, viewport);
    await page.getByRole('button', { name: `Preview ${GOLDEN_TITLE}` }).click();
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    expect((await overflow(page)).x).toBe(0);
    const controls = page.locator('form.editor').locator('input, textarea, button');
    const count = await controls.count();
    // Title, author, tags, note, a Remove per block (the golden article has many), Save, Cancel.
    expect(count).toBeGreaterThan(10);
    const off: string[] = [];
    for (let i = 0; i < count; i++) {
      const control = controls.nth(i);
      await control.scrollIntoViewIfNeeded();
      const where = await control.evaluate((el) => {
        const r = el.getBoundingClientRect();
        // In the window as it opens across: a page scrolled sideways to reach it does not count.
        const inside = window.scrollX === 0 && r.left >= 0 && r.top >= 0 && r.right <= window.innerWidth && r.bottom <= window.innerHeight;
        // Not hidden behind anything or cut by a scroller: what is drawn at its centre is it.
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return inside && hit !== null && el.contains(hit) ? '' : `${el.tagName} "${el.textContent}" at ${Math.round(r.left)},${Math.round(r.top)} to ${Math.round(r.right)},${Math.round(r.bottom)}`;
      });
      if (where) off.push(where);
    }
    expect(off).toEqual([]);
    // And the last block's Remove does remove it (it is pressed, and says Keep).
    const remove = page.locator('.blocks li').last().getByRole('button');
    await remove.click();
    expect(await remove.getAttribute('aria-pressed')).toBe('true');
    await page.close();
  });
});

describe('the keyboard', () => {
  /** Whether the focused element (or, for the list, the scroller that draws its ring) shows a ring. */
  const focusRing = (page: Page) =>
    page.evaluate(() => {
      const focused = document.activeElement as HTMLElement;
      const ringed = focused.matches('.clip-options') ? focused.closest('.clip-list')! : focused.matches('.visually-hidden') ? focused.closest('.file-picker')! : focused;
      const style = getComputedStyle(ringed);
      return {
        what: `${focused.tagName.toLowerCase()}${focused.className ? `.${focused.className}` : ''}`,
        ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        color: style.outlineColor,
      };
    });

  it.each(['light', 'dark'] as const)('moves through the popup in order with a visible focus (%s)', async (colorScheme) => {
    const page = await open('popup.html', POPUP_MAX, colorScheme);
    const accent = colorScheme === 'dark' ? 'rgb(68, 147, 248)' : 'rgb(9, 105, 218)';
    await page.waitForFunction(() => document.activeElement?.matches('button.primary'));
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      const ring = await focusRing(page);
      expect(ring.ring, `focus ring on ${ring.what}`).toBe(true);
      expect(ring.color).toBe(accent);
      order.push(ring.what);
      await page.keyboard.press('Tab');
    }
    expect(order).toEqual(['button.primary', 'button.link', 'input.search', 'button.filter-toggle', 'ul.clip-options']);
    await page.close();
  });

  it('searches with /, moves with the arrows, selects with Space, clears with Esc, previews with Enter, deletes with Delete', async () => {
    const page = await open('library.html', { width: 1024, height: 768 });
    const list = page.getByRole('listbox');
    await page.locator('body').press('/');
    await page.waitForFunction(() => document.activeElement?.matches('input.search'));
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(() => document.activeElement?.matches('.clip-options'));
    const active = () => page.evaluate(() => document.querySelector(`#${CSS.escape(document.querySelector('.clip-options')!.getAttribute('aria-activedescendant') ?? '')} .clip-title`)?.textContent);
    expect(await active()).toBe(GOLDEN_TITLE);
    await page.keyboard.press('ArrowDown');
    await expect.poll(active).not.toBe(GOLDEN_TITLE);
    await page.keyboard.press('ArrowUp');
    await expect.poll(active).toBe(GOLDEN_TITLE);
    await page.keyboard.press(' ');
    await page.getByRole('toolbar').waitFor();
    expect(await list.getByRole('option', { selected: true }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await page.getByRole('toolbar').waitFor({ state: 'detached' });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: GOLDEN_TITLE }).waitFor();
    await page.keyboard.press('Escape');
    await list.waitFor();
    await list.focus();
    await page.keyboard.press('ArrowDown');
    const title = await active();
    await page.keyboard.press('Delete');
    await page.getByText(en.deletedOne.replace('{0}', title!)).waitFor();
    await page.getByRole('button', { name: en.undo }).click();
    await expect.poll(() => page.locator('.clip-title').count()).toBe(2);
    await page.close();
  });

  it.each(['light', 'dark'] as const)('reaches every control of the options page with a visible focus (%s)', async (colorScheme) => {
    const page = await open('options.html', { width: 1024, height: 768 }, colorScheme);
    await page.locator('.preview-path').waitFor();
    const seen: string[] = [];
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      const ring = await focusRing(page);
      if (ring.what === 'body') break;
      expect(ring.ring, `focus ring on ${ring.what}`).toBe(true);
      seen.push(ring.what);
    }
    // The backup button and both file pickers (their inputs, drawn as buttons) are reached.
    expect(seen.filter((what) => what.startsWith('input.visually-hidden'))).toHaveLength(2);
    expect(seen).toContain('pre.preview-text');
    await page.close();
  });
});
