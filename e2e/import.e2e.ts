import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_BUILD_DIR, launchClipper, type ClipperSession } from '../cli/headless';
import { generateArchive, writeArchiveZip } from '../test/harness/archive-generator';
import { readLibrary } from '../test/harness/reliability-scenarios';
import { en } from '../utils/core/i18n/en';

// A generated archive (test/harness/archive-generator.ts: the archive post format and its older
// variants, repeated articles, broken titles) imported as one zip through the real options page:
// the progress shows, the library ends with every article once; an import cancelled midway keeps
// whole batches, and the same zip imported again finishes it without adding anything twice.

const POSTS = 2500;
let dir: string;
let zipPath: string;
const posts = [...generateArchive({ posts: POSTS })];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'news-clipper-import-'));
  zipPath = join(dir, 'archive.zip');
  writeArchiveZip(zipPath, { posts: POSTS });
}, 120_000);

/** The articles of the posts the page did not list as not imported (`archive.zip/<path>: <why>`). */
async function articlesImported(page: Page): Promise<number> {
  const problems = await page.locator('.errors li').allTextContents();
  const refused = (path: string) => problems.some((p) => p.startsWith(`archive.zip/${path}: `));
  return new Set(posts.filter((p) => !refused(p.path)).map((p) => p.from)).size;
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Records, in the worker, the URLs of every batch the page sends to import. */
const recordBatches = (session: ClipperSession) =>
  session.worker.evaluate(() => {
    const batches: string[][] = [];
    (globalThis as unknown as { __batches: string[][] }).__batches = batches;
    chrome.runtime.onMessage.addListener((message: { type?: string; request?: { drafts: { url: string }[] } }) => {
      if (message.type === 'importClips') batches.push(message.request!.drafts.map((d) => d.url));
    });
  });
const batchesSent = (session: ClipperSession) => session.worker.evaluate(() => (globalThis as unknown as { __batches: string[][] }).__batches);

/** The library as the worker's database holds it: clips, distinct URLs, and half-written clips (a body or a summary alone). */
async function library(session: ClipperSession) {
  const stored = await readLibrary(session);
  const clips = stored.filter((c) => c.seq !== -1);
  return { clips: clips.length, urls: new Set(clips.map((c) => c.url)).size, halfWritten: stored.filter((c) => c.seq === -1 || c.contentHtml === null).length };
}
const libraryUrls = async (session: ClipperSession) => (await readLibrary(session)).map((c) => c.url);

/** Every task over 50 ms on the page from now on. */
const watchLongTasks = (page: Page) =>
  page.evaluate(() => {
    const seen = { longest: 0 };
    (globalThis as unknown as { __longTasks: typeof seen }).__longTasks = seen;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) seen.longest = Math.max(seen.longest, entry.duration);
    }).observe({ type: 'longtask' });
  });
const longestTask = (page: Page) => page.evaluate(() => (globalThis as unknown as { __longTasks: { longest: number } }).__longTasks.longest);

async function optionsPage(session: ClipperSession): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(session.extensionUrl('options.html'));
  await page.getByLabel(en.importLabel).waitFor({ state: 'attached' });
  return page;
}

const status = (page: Page) => page.locator('p[role="status"]');
const numbers = (text: string) => (text.match(/\d+/g) ?? []).map(Number);

describe('importing an archive through the options page', () => {
  it(`imports a zip of ${POSTS} posts with progress, and every article once`, async () => {
    const session = await launchClipper({ extensionDir: E2E_BUILD_DIR });
    try {
      const page = await optionsPage(session);
      await watchLongTasks(page);
      const started = Date.now();
      await page.getByLabel(en.importLabel).setInputFiles(zipPath);
      const bar = page.getByRole('progressbar', { name: en.importProgressLabel });
      await bar.waitFor();
      await page.getByText(new RegExp(`^\\d+ of ${POSTS} posts`)).waitFor();
      expect(await page.getByLabel(en.importLabel).isDisabled()).toBe(true);
      await page.getByText(/^Imported \d+ new articles/).waitFor({ timeout: 120_000 });
      const seconds = (Date.now() - started) / 1000;
      const [added, known] = numbers((await status(page).textContent()) ?? '');
      const problems = await page.locator('.errors li').count();
      const articles = await articlesImported(page);
      // The few posts with broken titles may be listed; all the others are in, each article once.
      expect(problems).toBeLessThan(POSTS / 100);
      expect(added).toBe(articles);
      expect(added! + known! + problems).toBe(POSTS);
      expect(await library(session)).toEqual({ clips: articles, urls: articles, halfWritten: 0 });
      expect(await bar.count()).toBe(0);
      const longest = await longestTask(page);
      console.log(`import: ${POSTS} posts in ${seconds.toFixed(1)} s (${Math.round(POSTS / seconds)} posts/s), longest task ${Math.round(longest)} ms, ${problems} files not imported`);
    } finally {
      await session.close();
    }
  }, 180_000);

  it('cancelled midway, keeps whole batches; the same zip again finishes it without duplicates', async () => {
    const session = await launchClipper({ extensionDir: E2E_BUILD_DIR });
    try {
      const page = await optionsPage(session);
      await recordBatches(session);
      await page.getByLabel(en.importLabel).setInputFiles(zipPath);
      // Once the page shows the first batch stored, cancel.
      await page.waitForFunction(() => Number(/^(\d+) of/.exec(document.querySelector('.import-progress')?.textContent ?? '')?.[1] ?? 0) > 0, undefined, { timeout: 60_000, polling: 20 });
      await page.getByRole('button', { name: en.cancel }).click();
      await page.getByText(/^(Import cancelled:|Imported \d+|That did not work)/).waitFor({ timeout: 60_000 });
      expect(await status(page).textContent()).toMatch(/^Import cancelled:/);
      const [added, known] = numbers((await status(page).textContent()) ?? '');
      // Every batch sent was stored whole (nothing after the cancel is sent): the library holds
      // exactly their articles.
      const sent = await batchesSent(session);
      expect(sent.length).toBeGreaterThan(0);
      expect(sent.flat().length / sent.length).toBeGreaterThan(100);
      expect(sent.flat().length).toBe(added! + known!);
      expect(new Set(await libraryUrls(session))).toEqual(new Set(sent.flat()));
      expect(added).toBeGreaterThan(0);
      expect(added).toBeLessThan(posts.length * 0.9);
      expect(await library(session)).toEqual({ clips: added, urls: added, halfWritten: 0 });

      await page.getByLabel(en.importLabel).setInputFiles(zipPath);
      await page.getByText(/^Imported \d+ new articles/).waitFor({ timeout: 120_000 });
      const [addedAgain, knownAgain] = numbers((await status(page).textContent()) ?? '');
      const articles = await articlesImported(page);
      expect(addedAgain! + added!).toBe(articles);
      expect(knownAgain).toBeGreaterThanOrEqual(added!);
      expect(await library(session)).toEqual({ clips: articles, urls: articles, halfWritten: 0 });
    } finally {
      await session.close();
    }
  }, 240_000);
});
