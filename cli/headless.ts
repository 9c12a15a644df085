import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';

// Drives the real extension in headless Chromium: used by the command-line clipper, the
// real-browser tests and the benchmarks, so that all three go through the toolbar's code path.

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The test build: the only one allowed to read pages without a click on the toolbar button. */
export const E2E_BUILD_DIR = join(PROJECT_ROOT, '.output/chrome-mv3-e2e');
const SOURCES = ['entrypoints', 'components', 'utils', 'public', 'wxt.config.ts', 'package.json', 'package-lock.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Builds the test build when it is missing or older than the sources; returns its folder. */
export function ensureE2eBuild(log: (line: string) => void = () => {}): string {
  const manifest = join(E2E_BUILD_DIR, 'manifest.json');
  const built = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
  const sources = Math.max(...SOURCES.map((s) => newestMtime(join(PROJECT_ROOT, s))));
  if (built > sources) return E2E_BUILD_DIR;
  log('Building the extension (test build)…');
  const result = spawnSync(join(PROJECT_ROOT, 'node_modules/.bin/wxt'), ['build', '--mode', 'e2e'], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`The extension build failed:\n${result.stdout}\n${result.stderr}`);
  return E2E_BUILD_DIR;
}

export interface ClipperSession {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** `chrome-extension://<id>/<path>` */
  extensionUrl(path: string): string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  extensionDir?: string;
  /** Browser UI language (`--lang`). */
  lang?: string;
  colorScheme?: 'light' | 'dark';
  /** More Chromium switches. */
  args?: string[];
  /** Where the browser profile lives (default: a new temporary folder); removed on close. */
  userDataDir?: string;
}

export async function launchClipper(options: LaunchOptions = {}): Promise<ClipperSession> {
  const extensionDir = options.extensionDir ?? E2E_BUILD_DIR;
  const userDataDir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'news-clipper-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    headless: true,
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    colorScheme: options.colorScheme,
    acceptDownloads: true,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      // The network here is closed: background traffic would only fail, slowly and noisily.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.lang ? [`--lang=${options.lang}`] : []),
      ...(options.args ?? []),
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Serves the given pages at their addresses and answers every other request empty, so that
 * nothing is fetched from the network (scripts, styles, trackers, images).
 */
export async function servePagesOffline(context: BrowserContext, pages: Map<string, string>): Promise<void> {
  // A request never carries the address's fragment ("…/story.html#rd"): pages are looked up
  // without it, or the page itself would be answered empty and its navigation aborted.
  const byAddress = new Map([...pages].map(([url, html]) => [withoutFragment(url), html]));
  // Only web requests: the extension's own pages and scripts must load as they are.
  await context.route(/^https?:/, async (route) => {
    const url = route.request().url();
    const html = byAddress.get(withoutFragment(url));
    if (html !== undefined) await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    else await route.fulfill({ status: 204, body: '' });
  });
}

function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

/** Bound of the wait for a page's load event once its document is there (see `loadPage`). */
export const LOAD_WAIT_MS = 15_000;
/** Bound of the wait for the document itself. */
const DOCUMENT_WAIT_MS = 60_000;

/**
 * Opens `url` in `page` and waits for it to load, at most `loadWaitMs` once its document has been
 * parsed: a page whose load never ends (one image or script that is never answered) is then
 * clipped from what has loaded, and the answer says so (`loaded: false`), rather than failing.
 */
export async function loadPage(page: Page, url: string, loadWaitMs = LOAD_WAIT_MS): Promise<{ loaded: boolean }> {
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: DOCUMENT_WAIT_MS });
  try {
    await page.waitForLoadState('load', { timeout: loadWaitMs });
    return { loaded: true };
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') return { loaded: false };
    throw error;
  }
}

/** The browser's tab id of a Playwright page (read through the worker, which sees every tab). */
export async function tabIdOf(session: ClipperSession, page: Page): Promise<number> {
  const url = page.url();
  const id = await session.worker.evaluate(async (pageUrl) => {
    const tabs = await chrome.tabs.query({});
    return tabs.filter((t) => t.url === pageUrl).at(-1)?.id;
  }, url);
  if (id === undefined) throw new Error(`No browser tab shows ${url}`);
  return id;
}

export interface PopupClipResult {
  status: string;
  message: string;
  /** Present when the clip was saved and exported. */
  post?: { fileName: string; text: string };
}

/**
 * Clips a tab the way a user does: the popup's "Clip this page" (then "Clip the whole page" when
 * asked and allowed), then the new clip's "Export" button; the download is read back.
 */
export async function clipWithPopup(
  session: ClipperSession,
  tabId: number,
  options: { fullPageFallback?: boolean; popup?: Page; pressEnter?: boolean } = {},
): Promise<PopupClipResult> {
  const popup = options.popup ?? (await session.context.newPage());
  try {
    await popup.goto(session.extensionUrl(`popup.html?tab=${tabId}`));
    const clipButton = popup.getByRole('button', { name: 'Clip this page' });
    if (options.pressEnter) {
      // The popup focuses its first action, so Enter alone clips.
      await popup.waitForFunction(() => document.activeElement?.textContent === 'Clip this page');
      await popup.keyboard.press('Enter');
    } else {
      await clipButton.click();
    }
    const status = popup.locator('[data-status]');
    await status.waitFor({ timeout: 30_000 });
    if ((await status.getAttribute('data-status')) === 'no-article' && options.fullPageFallback) {
      await popup.getByRole('button', { name: 'Clip the whole page' }).click();
      await popup.locator('[data-status]:not([data-status="no-article"])').waitFor({ timeout: 30_000 });
    }
    const result: PopupClipResult = {
      status: (await status.getAttribute('data-status')) ?? '',
      message: (await status.textContent()) ?? '',
    };
    if (result.status !== 'saved') return result;
    const [download] = await Promise.all([
      popup.waitForEvent('download'),
      popup.locator('.clip-controls.highlighted').getByRole('button', { name: /^Export / }).click(),
    ]);
    const path = await download.path();
    result.post = { fileName: download.suggestedFilename(), text: await readFile(path, 'utf8') };
    return result;
  } finally {
    if (!options.popup) await popup.close();
  }
}
