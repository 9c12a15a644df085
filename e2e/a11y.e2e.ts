import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_BUILD_DIR, PROJECT_ROOT, launchClipper, servePagesOffline, tabIdOf, type ClipperSession } from '../cli/headless';
import { BLOCKING, audit, describeViolations, type AxeViolation } from '../test/harness/axe';
import { translatorFor } from '../test/helpers/i18n';
import type { Translate } from '../utils/core/i18n';

// axe-core on every page of the extension in a real Chromium: the popup (empty, with clips, with a
// selection, after a refusal), the library tab, the preview and the editor (popup and tab), and the
// options page; each in the light and the dark theme and in each interface language. Any serious
// or critical violation fails. Each state is also kept as a screenshot (e2e/artifacts/screenshots,
// ignored by git), and every violation, whatever its impact, is counted in
// e2e/artifacts/a11y-audit.json.

const GOLDEN_URL = 'https://www.epochtimes.com/gb/23/6/18/n14018244.htm';
const SHORT_URL = 'https://news.example.cn/news/2023/0618/a1.html';
const NO_ARTICLE_URL = 'https://news.example/sections';
const fixture = (path: string) => readFileSync(join(PROJECT_ROOT, 'test/fixtures', path), 'utf8');
const PAGES = new Map([
  [GOLDEN_URL, fixture('golden/epochtimes-n14018244.html')],
  [SHORT_URL, fixture('pages/short-chinese-article.html')],
  [NO_ARTICLE_URL, fixture('browser/no-article.html')],
]);
const ARTIFACTS = join(PROJECT_ROOT, 'e2e/artifacts');
const SCREENSHOTS = join(ARTIFACTS, 'screenshots');
const THEMES = ['light', 'dark'] as const;
/** The largest popup a browser shows (Chrome's limit); the popup's states are drawn in it. */
const POPUP_VIEWPORT = { width: 800, height: 600 };
const TAB_VIEWPORT = { width: 1024, height: 768 };

/** rule id → nodes, per language, page state and theme. */
const counts: Record<string, Record<string, Record<string, Record<string, number>>>> = {};

function record(lang: string, state: string, theme: string, violations: AxeViolation[]) {
  const byRule: Record<string, number> = {};
  for (const v of violations) byRule[`${v.id} (${v.impact})`] = v.nodes.length;
  ((counts[lang] ??= {})[state] ??= {})[theme] = byRule;
}

afterAll(() => {
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, 'a11y-audit.json'), `${JSON.stringify(counts, null, 2)}\n`);
  const lines: string[] = [];
  for (const [lang, states] of Object.entries(counts))
    for (const [state, themes] of Object.entries(states))
      for (const [theme, rules] of Object.entries(themes))
        lines.push(`${lang.padEnd(6)} ${state.padEnd(16)} ${theme.padEnd(6)} ${Object.entries(rules).map(([r, n]) => `${r}: ${n}`).join(', ') || '-'}`);
  console.log(`axe violations (nodes per rule):\n${lines.join('\n')}`);
});

describe.each(['en', 'zh-CN', 'zh-TW'])('the pages in %s', (lang) => {
  let session: ClipperSession;
  let t: Translate;
  const shots = join(SCREENSHOTS, lang);

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    t = translatorFor(lang);
    session = await launchClipper({ extensionDir: E2E_BUILD_DIR, lang });
    await servePagesOffline(session.context, PAGES);
  });

  afterAll(async () => {
    await session?.close();
  });

  async function open(path: string, viewport = POPUP_VIEWPORT): Promise<Page> {
    const page = await session.context.newPage();
    await page.setViewportSize(viewport);
    await page.goto(session.extensionUrl(path));
    await page.locator('main').waitFor();
    return page;
  }

  /** The popup of a served page's tab, after pressing "Clip this page". */
  async function clipped(url: string): Promise<Page> {
    const tab = await session.context.newPage();
    await tab.goto(url);
    const popup = await open(`popup.html?tab=${await tabIdOf(session, tab)}`);
    await popup.getByRole('button', { name: t('clipThisPage') }).click();
    await popup.locator('[data-status]').waitFor({ timeout: 30_000 });
    await tab.close();
    return popup;
  }

  /** What the checks of the running test found that fails it (asserted at its end, once all have run). */
  let blocking: string[] = [];
  beforeEach(() => {
    blocking = [];
  });
  afterEach(() => {
    expect(blocking.join('\n'), 'serious or critical axe violations').toBe('');
  });

  /** Audits the page as it stands in both themes, keeps the screenshots, and closes it. */
  async function check(state: string, page: Page, fullPage = false) {
    for (const colorScheme of THEMES) {
      await page.emulateMedia({ colorScheme });
      // The theme's colours are applied before axe reads them.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      const violations = await audit(page);
      record(lang, state, colorScheme, violations);
      const bad = violations.filter((v) => BLOCKING.includes(v.impact));
      if (bad.length > 0) blocking.push(`${state}, ${colorScheme}:\n${describeViolations(bad)}`);
      await page.screenshot({ path: join(shots, `${state}-${colorScheme}.png`), fullPage });
    }
    await page.close();
  }

  it('the empty popup', async () => {
    const popup = await open('popup.html');
    await popup.getByText(t('emptyLibrary')).waitFor();
    await check('popup-empty', popup);
  });

  it('the popup after a refusal', async () => {
    const popup = await clipped(NO_ARTICLE_URL);
    expect(await popup.locator('[data-status]').getAttribute('data-status')).toBe('no-article');
    await check('popup-error', popup);
  });

  it('the popup with clips', async () => {
    for (const url of [GOLDEN_URL, SHORT_URL]) {
      const popup = await clipped(url);
      expect(await popup.locator('[data-status]').getAttribute('data-status')).toBe('saved');
      await popup.close();
    }
    const popup = await open('popup.html');
    await popup.locator('.clip-title').nth(1).waitFor();
    await check('popup-list', popup);
  });

  it('the popup with a selection', async () => {
    const popup = await open('popup.html');
    await popup.getByRole('checkbox', { name: /./ }).first().click();
    await popup.getByRole('toolbar').waitFor();
    await check('popup-selection', popup);
  });

  it('the preview and the editor in the popup', async () => {
    const popup = await open('popup.html');
    await popup.getByRole('button', { name: t('previewOf', '布林肯和秦刚会面5个半小时 双方分歧未解') }).click();
    await popup.locator('iframe.article-frame').waitFor();
    await check('preview', popup);
    const again = await open('popup.html');
    await again.getByRole('button', { name: t('previewOf', '布林肯和秦刚会面5个半小时 双方分歧未解') }).click();
    await again.getByRole('button', { name: t('edit'), exact: true }).click();
    await again.locator('form.editor').waitFor();
    await check('editor', again);
  });

  it('the library tab, its preview and its editor', async () => {
    const tab = await open('library.html', TAB_VIEWPORT);
    await tab.locator('.clip-title').nth(1).waitFor();
    await check('tab-list', tab);
    const editing = await open('library.html', TAB_VIEWPORT);
    await editing.getByRole('button', { name: t('previewOf', '布林肯和秦刚会面5个半小时 双方分歧未解') }).click();
    await editing.getByRole('button', { name: t('edit'), exact: true }).click();
    await editing.locator('form.editor').waitFor();
    await check('tab-editor', editing, true);
  });

  it('the options page', async () => {
    const options = await open('options.html', TAB_VIEWPORT);
    await options.locator('.preview-path').waitFor();
    await check('options', options, true);
  });
});
