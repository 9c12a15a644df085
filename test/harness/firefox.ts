import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type HTTPRequest, type Page } from 'puppeteer-core';
import type { Browser as WebExtension } from 'wxt/browser';
import { PROJECT_ROOT } from '../../cli/headless';

// Drives the Firefox build in headless Firefox ESR over WebDriver BiDi (puppeteer-core), the way
// the Chromium harness (cli/headless.ts) drives the Chrome build. What differs, and why:
// - the build is installed as a temporary add-on, and a pref fixes its moz-extension:// address;
// - Firefox sends no load events for extension pages (puppeteer#14314), so `page.goto` never
//   returns there: extension pages are opened with BiDi's own navigate, which does answer;
// - typed shortcuts do not reach the extension: the test build's worker hook runs what they run;
// - pages are served by request interception, and a closed proxy makes any other request fail.

/** The Firefox test build (`npm run build:firefox:e2e`): host access, and the worker's test hooks. */
export const FIREFOX_E2E_BUILD_DIR = join(PROJECT_ROOT, '.output/firefox-mv3-e2e');
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
// Any fixed UUID: without the pref Firefox picks a random one at each install.
const EXTENSION_UUID = '4b1f9a52-7c3e-4d8a-9e61-0f2a5c7d3b18';

// Extension pages see the WebExtension API as `browser`.
declare const browser: typeof WebExtension;

interface Manifest {
  browser_specific_settings?: { gecko?: { id?: string } };
}

/** A local port that nothing listens on: a proxy there refuses at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('No local port');
  return address.port;
}

export interface FirefoxSession {
  browser: Browser;
  /** Where exported files land. */
  downloadDir: string;
  /** Opens an extension page in a new tab, ready once its document is interactive. */
  openExtensionPage(path: string): Promise<Page>;
  /** Opens a served page (see `pages`) in a new tab; answers the page and its browser tab id. */
  openServedPage(url: string): Promise<{ page: Page; tabId: number }>;
  /** What the keyboard shortcut does for a tab; answers the badge's text and tooltip after. */
  runShortcut(tabId: number): Promise<{ text: string; title: string }>;
  /** Closes Firefox and starts it again on the same profile (the add-on is installed again). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface FirefoxOptions {
  extensionDir?: string;
  /** Served at their addresses (by interception); every other web request fails. */
  pages?: Map<string, string>;
  /** More preferences for the profile (the theme pages are told of, for one). */
  prefs?: Record<string, unknown>;
}

export async function launchFirefox(options: FirefoxOptions = {}): Promise<FirefoxSession> {
  const extensionDir = options.extensionDir ?? FIREFOX_E2E_BUILD_DIR;
  const pages = options.pages ?? new Map<string, string>();
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as Manifest;
  const geckoId = manifest.browser_specific_settings?.gecko?.id;
  if (!geckoId) throw new Error(`${extensionDir}/manifest.json has no gecko id`);
  const profileDir = mkdtempSync(join(tmpdir(), 'news-clipper-firefox-'));
  const downloadDir = join(profileDir, 'downloads');
  mkdirSync(downloadDir);
  const proxyPort = await closedPort();
  const prefs = {
    'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: EXTENSION_UUID }),
    // Every request goes to a proxy that refuses, local addresses too: only served pages load.
    'network.proxy.type': 1,
    'network.proxy.share_proxy_settings': true,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'browser.download.dir': downloadDir,
    'browser.download.folderList': 2,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    ...options.prefs,
  };

  async function start(): Promise<Browser> {
    const launched = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      userDataDir: profileDir,
      // Without it BiDi refuses to open moz-extension:// pages ("not allowed in this context").
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: prefs,
    });
    await launched.installExtension(extensionDir);
    return launched;
  }

  const extensionUrl = (path: string) => `moz-extension://${EXTENSION_UUID}/${path.replace(/^\//, '')}`;
  const session: FirefoxSession = {
    browser: await start(),
    downloadDir,
    async openExtensionPage(path) {
      const page = await session.browser.newPage();
      const url = extensionUrl(path);
      // puppeteer's own goto waits for a load event that Firefox never sends for these pages;
      // its BiDi context (internal, hence the exact version pin) can navigate and wait itself.
      const frame = page.mainFrame() as unknown as { browsingContext: { navigate(url: string, wait: string): Promise<unknown> } };
      await frame.browsingContext.navigate(url, 'interactive');
      await page.waitForFunction((expected) => location.href === expected, {}, url);
      return page;
    },
    async openServedPage(url) {
      const page = await session.browser.newPage();
      await page.setRequestInterception(true);
      page.on('request', (request: HTTPRequest) => {
        if (request.isInterceptResolutionHandled()) return;
        const html = pages.get(request.url());
        if (html !== undefined) void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
        else void request.abort();
      });
      await page.goto(url);
      const tabId = await inExtension(async (pageUrl) => {
        const tabs = await browser.tabs.query({});
        return tabs.filter((t) => t.url === pageUrl).at(-1)?.id;
      }, url);
      if (tabId === undefined) throw new Error(`No browser tab shows ${url}`);
      return { page, tabId };
    },
    runShortcut: (tabId) =>
      inExtension(async (id) => {
        const worker = (await browser.runtime.getBackgroundPage()) as unknown as {
          __newsClipperCommand(tab: WebExtension.tabs.Tab): Promise<void>;
        };
        await worker.__newsClipperCommand(await browser.tabs.get(id));
        return { text: await browser.action.getBadgeText({ tabId: id }), title: await browser.action.getTitle({ tabId: id }) };
      }, tabId),
    async restart() {
      await session.browser.close();
      session.browser = await start();
    },
    async close() {
      await session.browser.close();
      rmSync(profileDir, { recursive: true, force: true });
    },
  };

  /** Runs `fn` in an extension page, which sees the whole WebExtension API. */
  async function inExtension<A, R>(fn: (arg: A) => Promise<R>, arg: A): Promise<R> {
    const page = await session.openExtensionPage('popup.html');
    try {
      return (await page.evaluate(fn as (arg: unknown) => Promise<R>, arg)) as R;
    } finally {
      await page.close();
    }
  }

  return session;
}

/** Waits for the one file a download writes in `dir` (Firefox writes `NAME.part` until done). */
export async function waitForDownload(dir: string, timeoutMs = 15_000): Promise<{ fileName: string; text: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const names = readdirSync(dir);
    const done = names.filter((n) => !n.endsWith('.part'));
    if (done.length === 1 && !names.some((n) => n.endsWith('.part'))) {
      const fileName = done[0]!;
      return { fileName, text: readFileSync(join(dir, fileName), 'utf8') };
    }
    if (done.length > 1) throw new Error(`Expected one download in ${dir}, found ${done.join(', ')}`);
    if (Date.now() > deadline) throw new Error(`No download in ${dir} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
