import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import { SAMPLE_CLIP } from '../utils/core/model/sample-clip';
import type { Clip } from '../utils/core/model/types';
import { E2E_BUILD_DIR, PROJECT_ROOT, launchClipper, servePagesOffline, tabIdOf, type ClipperSession } from '../cli/headless';

// The settings in storage.local, in the real browser: moved over from the pages' localStorage, a
// broken stored value reported once, and the scheduled backup's alarm handler (called through the
// worker: alarms cannot be fired by hand) writing a zip into the downloads folder, or failing loudly.

const ARTICLE_URL = 'https://www.epochtimes.com/gb/23/6/18/n14018244.htm';
const PAGES = new Map([[ARTICLE_URL, readFileSync(join(PROJECT_ROOT, 'test/fixtures/golden/epochtimes-n14018244.html'), 'utf8')]]);
const LEGACY_KEY = 'news-clipper.settings';
const ARTIFACTS = join(PROJECT_ROOT, 'test-results');

let session: ClipperSession;

beforeAll(async () => {
  session = await launchClipper({ extensionDir: E2E_BUILD_DIR });
  await servePagesOffline(session.context, PAGES);
});

afterAll(async () => {
  await session?.close();
});

/** The clips' summaries, read from the worker's database. */
const readClips = () =>
  session.worker.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('news-clipper');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = await new Promise<{ url: string; tags: string[]; note?: string }[]>((resolve, reject) => {
      const request = db.transaction('clips').objectStore('clips').getAll();
      request.onsuccess = () => resolve(request.result as { url: string; tags: string[]; note?: string }[]);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return all;
  });
const stored = () => session.worker.evaluate(() => chrome.storage.local.get(null));
const clearStorage = () => session.worker.evaluate(() => chrome.storage.local.clear());

async function openOptions(): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(session.extensionUrl('options.html'));
  await page.getByRole('heading', { name: 'Export format' }).waitFor();
  return page;
}

describe('settings in extension storage', () => {
  it('moves a localStorage value over on first run, losing nothing, and the worker reads it', async () => {
    await clearStorage();
    const page = await session.context.newPage();
    // An extension page of the version before: its settings in localStorage only.
    await page.goto(session.extensionUrl('options.html'));
    await page.evaluate(
      ([key]) => {
        localStorage.setItem(key!, JSON.stringify({ preset: 'hugo', template: { text: 'T', fileName: 'x.md' }, downloadImages: true, previewImages: false, lastBackupAt: Date.UTC(2024, 0, 9) }));
      },
      [LEGACY_KEY],
    );
    await page.evaluate(() => chrome.storage.local.clear());
    await page.reload();
    await page.getByRole('heading', { name: 'Export format' }).waitFor();
    expect(await page.getByRole('radio', { name: /^Hugo/ }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /images in exported zips/ }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /images in previews/ }).isChecked()).toBe(false);
    expect(await page.locator('.backup-last').textContent()).toContain('Last backup:');
    expect(await page.evaluate((key) => localStorage.getItem(key), LEGACY_KEY)).toBeNull();
    const all = await stored();
    expect(all.settings).toEqual({
      preset: 'hugo',
      template: { text: 'T', fileName: 'x.md' },
      downloadImages: true,
      previewImages: false,
      oneClick: false,
      defaultTags: [],
      batchTabs: 4,
      backupEveryDays: 0,
      askBeforeSaving: false,
    });
    expect(all['settings$']).toEqual({ v: 2 });
    expect(all['backup-status']).toEqual({ lastAt: Date.UTC(2024, 0, 9) });
    await page.close();
  });

  it('reports a broken stored value once, keeps the pages working, and repairs it', async () => {
    await session.worker.evaluate(() =>
      chrome.storage.local.set({ settings: { preset: 'no-such-preset', batchTabs: 'many', oneClick: true }, 'settings$': { v: 2 } }),
    );
    const popup = await session.context.newPage();
    await popup.goto(session.extensionUrl('popup.html'));
    await popup.locator('.count').waitFor();
    await popup.close();

    const page = await openOptions();
    expect(await page.getByRole('alert').filter({ hasText: 'could not be read' }).textContent()).toContain('reset to their defaults');
    expect(await page.getByRole('radio', { name: /^Archive post/ }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /One click/ }).isChecked()).toBe(true);
    await expect.poll(async () => (await stored()).settings).toMatchObject({ preset: 'archive', batchTabs: 4, oneClick: true });
    await page.reload();
    await page.getByRole('heading', { name: 'Export format' }).waitFor();
    await page.getByRole('checkbox', { name: /One click/ }).waitFor();
    expect(await page.getByText('could not be read').count()).toBe(0);
    await page.close();
  });
});

describe('the scheduled backup', () => {
  it('is planned when turned on, writes a full zip into the downloads folder when its alarm fires, and shows when it ran', async () => {
    await clearStorage();
    const article = await session.context.newPage();
    await article.goto(ARTICLE_URL);
    const tabId = await tabIdOf(session, article);
    const clipped = await session.worker.evaluate((id) => (globalThis as unknown as { __newsClipperClipTab(id: number): Promise<{ status: string }> }).__newsClipperClipTab(id), tabId);
    expect(clipped.status).toBe('saved');
    await article.close();

    const page = await openOptions();
    await page.getByRole('combobox', { name: /Back up automatically/ }).selectOption('7');
    const alarm = await expect
      .poll(() => session.worker.evaluate(() => chrome.alarms.get('scheduled-backup')), { timeout: 10_000 })
      .toBeTruthy()
      .then(() => session.worker.evaluate(() => chrome.alarms.get('scheduled-backup')));
    expect(alarm!.scheduledTime).toBeGreaterThan(Date.now() - 5_000);

    const run = await session.worker.evaluate(() =>
      (globalThis as unknown as { __newsClipperOnAlarm(a: { name: string }): Promise<{ clipCount?: number; filename?: string; failure?: unknown }> }).__newsClipperOnAlarm({
        name: 'scheduled-backup',
      }),
    );
    expect(run.failure).toBeUndefined();
    expect(run.clipCount).toBe(1);
    expect(run.filename && existsSync(run.filename)).toBe(true);
    const files = unzipSync(readFileSync(run.filename!));
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as { clipCount: number; clips: { post?: string }[] };
    expect(manifest.clipCount).toBe(1);
    expect(Object.keys(files).some((f) => f.startsWith('_posts/') && f.endsWith('.md'))).toBe(true);

    await expect.poll(() => page.locator('.backup-last').textContent()).toMatch(/Last backup: /);
    expect(await page.getByText(/time for a backup/).count()).toBe(0);
    // The next one is planned a week on.
    const next = await session.worker.evaluate(() => chrome.alarms.get('scheduled-backup'));
    expect(next!.scheduledTime).toBeGreaterThan(Date.now() + 6 * 24 * 3600 * 1000);
    await page.close();
  });

  it('writes a backup of several megabytes (a data: URL from Chrome’s service worker)', async () => {
    // Text that does not compress: the zip is as large as the bodies.
    const clips: Clip[] = [1, 2, 3].map((n) => {
      const url = `https://news.example.org/big-${n}.html`;
      return { ...SAMPLE_CLIP, id: `big-${n}`, seq: 100 + n, url, pageUrl: url, urlKeys: [url], title: `Big ${n}`, contentHtml: `<p>${randomBytes(1_200_000).toString('base64')}</p>` };
    });
    await session.worker.evaluate((c) => (globalThis as unknown as { __newsClipperSeedClips(c: unknown[]): Promise<unknown> }).__newsClipperSeedClips(c), clips);
    const run = await session.worker.evaluate(() =>
      (globalThis as unknown as { __newsClipperOnAlarm(a: { name: string }): Promise<{ clipCount?: number; filename?: string; failure?: unknown }> }).__newsClipperOnAlarm({
        name: 'scheduled-backup',
      }),
    );
    // Not due (the last backup was a moment ago): the alarm of a changed schedule writes nothing.
    expect(run).toBeUndefined();
    await session.worker.evaluate(() => chrome.storage.local.set({ 'backup-status': { lastAt: Date.now() - 8 * 24 * 3600 * 1000 } }));
    const due = await session.worker.evaluate(() =>
      (globalThis as unknown as { __newsClipperOnAlarm(a: { name: string }): Promise<{ clipCount?: number; filename?: string; failure?: unknown }> }).__newsClipperOnAlarm({
        name: 'scheduled-backup',
      }),
    );
    expect(due?.failure).toBeUndefined();
    expect(due?.clipCount).toBe(4);
    const bytes = readFileSync(due!.filename!);
    expect(bytes.length).toBeGreaterThan(4_000_000);
    expect(JSON.parse(strFromU8(unzipSync(bytes)['manifest.json']!)).clipCount).toBe(4);
  });

  it('shows a failed backup on the options page and on the badge, and a later success clears it', async () => {
    const page = await openOptions();
    // The browser refuses every download from now on: a real failure of the downloads API.
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'deny' });
    await session.worker.evaluate(() => chrome.storage.local.set({ 'backup-status': { lastAt: Date.now() - 8 * 24 * 3600 * 1000 } }));
    const run = await session.worker.evaluate(() =>
      (globalThis as unknown as { __newsClipperOnAlarm(a: { name: string }): Promise<{ failure?: { code: string } }> }).__newsClipperOnAlarm({ name: 'scheduled-backup' }),
    );
    expect(run?.failure?.code).toBe('backup-no-downloads');
    expect(await session.worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('!');
    expect(await session.worker.evaluate(() => chrome.action.getTitle({}))).toMatch(/^Scheduled backup failed: The browser did not let the extension write into the downloads folder/);
    expect(await page.getByRole('alert').filter({ hasText: 'scheduled backup' }).textContent()).toMatch(/The scheduled backup of .* failed: The browser did not let/);
    // Retried later, not at once.
    const retry = await session.worker.evaluate(() => chrome.alarms.get('scheduled-backup'));
    expect(retry!.scheduledTime).toBeGreaterThan(Date.now() + 3600 * 1000);

    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: mkdtempSync(join(tmpdir(), 'news-clipper-downloads-')) });
    await session.worker.evaluate(() => chrome.storage.local.set({ 'backup-status': { lastAt: Date.now() - 8 * 24 * 3600 * 1000, failure: { at: Date.now() - 7 * 3600 * 1000, reason: { code: 'backup-no-downloads', params: { detail: 'x' } } } } }));
    const again = await session.worker.evaluate(() =>
      (globalThis as unknown as { __newsClipperOnAlarm(a: { name: string }): Promise<{ failure?: unknown; clipCount?: number }> }).__newsClipperOnAlarm({ name: 'scheduled-backup' }),
    );
    expect(again?.failure).toBeUndefined();
    expect(await session.worker.evaluate(() => chrome.action.getBadgeText({}))).toBe('');
    await expect.poll(() => page.getByText(/The scheduled backup of .* failed/).count()).toBe(0);
    await page.close();
  });
});

describe('tags and a note before saving', () => {
  it('shows the article in the popup, saves it with the tags and note on Enter, and remembers the tags', async () => {
    await clearStorage();
    const options = await openOptions();
    await options.getByRole('checkbox', { name: /tags and a note before saving/ }).check();
    await options.getByRole('textbox', { name: /Tags added to every clip/ }).fill('news, 存档');
    await options.getByRole('textbox', { name: /Tags added to every clip/ }).blur();
    await expect.poll(async () => (await stored()).settings).toMatchObject({ askBeforeSaving: true, defaultTags: ['news', '存档'] });
    await options.close();

    const article = await session.context.newPage();
    await article.goto(ARTICLE_URL);
    const tabId = await tabIdOf(session, article);
    const popup = await session.context.newPage();
    await popup.goto(session.extensionUrl(`popup.html?tab=${tabId}`));
    await popup.waitForFunction(() => document.activeElement?.textContent === 'Clip this page');
    await popup.keyboard.press('Enter');
    const form = popup.getByRole('form', { name: 'Before saving' });
    await form.waitFor({ timeout: 30_000 });
    expect(await form.locator('.review-title').textContent()).toBe('布林肯和秦刚会面5个半小时 双方分歧未解');
    expect(await form.locator('.review-site').textContent()).toBe('大纪元');
    expect(await form.locator('time').getAttribute('datetime')).toMatch(/^2023-06-1[78]T/);
    // Nothing is stored before Save (the article, clipped by an earlier test, has no tags yet).
    expect((await readClips()).find((c) => c.url === ARTICLE_URL)?.tags).toEqual([]);
    const tags = form.getByRole('textbox', { name: /Tags/ });
    expect(await tags.inputValue()).toBe('news, 存档');
    await tags.fill('news, 存档, 外交');
    await form.getByRole('textbox', { name: 'Note' }).fill('会谈记录');
    await form.getByRole('textbox', { name: 'Note' }).press('Enter');
    await popup.locator('[data-status="saved"]').waitFor({ timeout: 30_000 });
    await popup.close();

    const clip = (await readClips()).find((c) => c.url === ARTICLE_URL);
    expect(clip).toMatchObject({ tags: ['news', '存档', '外交'], note: '会谈记录' });
    expect((await stored())['recent-tags']).toEqual(['news', '存档', '外交']);

    // The next review offers them.
    const again = await session.context.newPage();
    await again.goto(session.extensionUrl(`popup.html?tab=${tabId}`));
    await again.getByRole('button', { name: 'Clip this page' }).click();
    await again.getByRole('button', { name: 'Add tag 外交' }).waitFor({ timeout: 30_000 });
    await again.close();
    await article.close();
  });
});

describe('the options page’s settings, as artifacts', () => {
  // Every language and both themes, with the new rows (clipping, scheduled backup) on screen.
  it.each([
    ['en', 'Clipping', 'Back up automatically into the downloads folder'],
    ['zh-CN', '剪藏', '自动备份到下载文件夹'],
    ['zh-TW', '剪藏', '自動備份到下載資料夾'],
  ])('keeps screenshots of the options page in %s, light and dark', async (lang, clipping, backup) => {
    const other = await launchClipper({ extensionDir: E2E_BUILD_DIR, lang });
    try {
      const page = await other.context.newPage();
      await page.setViewportSize({ width: 900, height: 1400 });
      await page.goto(other.extensionUrl('options.html'));
      await page.getByRole('heading', { name: clipping, exact: true }).waitFor();
      await page.getByRole('combobox', { name: backup }).waitFor();
      mkdirSync(ARTIFACTS, { recursive: true });
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        await page.screenshot({ path: join(ARTIFACTS, `options-settings-${lang}-${colorScheme}.png`), fullPage: true });
      }
    } finally {
      await other.close();
    }
  });
});

