import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_BUILD_DIR, PROJECT_ROOT, launchClipper, type ClipperSession } from '../cli/headless';
import { articleHtml, clearLibrary, hostileFixture, openTab, readLibrary, servePages } from '../test/harness/reliability-scenarios';
import { serveLocally, type LocalServer } from '../test/harness/local-server';
import { translatorFor } from '../test/helpers/i18n';

// The context menu's items, run through the worker as a click on them runs them (headless
// Chromium cannot open a context menu): a link clipped in a background tab, every tab of a
// window with failing tabs among good ones, and the badge that tells what happened.

const GOLDEN_TITLE = '布林肯和秦刚会面5个半小时 双方分歧未解';
const FRONT_URL = 'https://news.example/front';
const STORY_URLS = ['https://news.example/2024/story-1.html', 'https://news.example/2024/story-2.html', 'https://news.example/2024/story-3.html'];
const en = translatorFor('en');

let session: ClipperSession;
let local: LocalServer;
/** The golden article, served over HTTP here: the link's background tab loads it from this machine. */
let goldenLink: string;

beforeAll(async () => {
  session = await launchClipper({ extensionDir: E2E_BUILD_DIR });
  const golden = readFileSync(join(PROJECT_ROOT, 'test/fixtures/golden/epochtimes-n14018244.html'), 'utf8');
  // The window of "all tabs" is opened by the worker too, so its pages also come from here: the
  // stories and the "PDF" at 127.0.0.1, the busy page at localhost (another site, so another
  // renderer: its blocked thread holds up no story).
  local = await serveLocally(
    new Map([
      ['/gb/23/6/18/n14018244.htm', golden],
      ...[1, 2, 3].map((i) => [`/2024/story-${i}.html`, articleHtml(`Story ${i}`)] as [string, string]),
      ['/busy.html', hostileFixture('busy.html')],
      ['/report.pdf', articleHtml('Not really a PDF')],
    ]),
  );
  goldenLink = local.url('/gb/23/6/18/n14018244.htm');
  await servePages(
    session,
    new Map([
      [FRONT_URL, '<!doctype html><title>Front page</title><p>Today’s news</p>'],
      ...STORY_URLS.map((url, i) => [url, articleHtml(`Story ${i + 1}`)] as [string, string]),
    ]),
  );
  // Routes added last are asked first: the local server's pages go through to it.
  const localPort = new URL(goldenLink).port;
  await session.context.route((url) => url.port === localPort && (url.hostname === '127.0.0.1' || url.hostname === 'localhost'), (route) => route.continue());
});

afterAll(async () => {
  await session?.close();
  await local?.close();
});

type Badge = { text: string; title: string };

/** What the toolbar button shows on a tab (or, without one, on every tab). */
function badgeOf(tabId?: number): Promise<Badge> {
  return session.worker.evaluate(
    async (id) => ({
      text: await chrome.action.getBadgeText(id === undefined ? {} : { tabId: id }),
      title: await chrome.action.getTitle(id === undefined ? {} : { tabId: id }),
    }),
    tabId,
  );
}

/** Every tab's address (the test build may read them). */
const allTabUrls = () => session.worker.evaluate(async () => (await chrome.tabs.query({})).map((t) => t.url ?? ''));

describe('the context menu', () => {
  it('is made at install with the five items', async () => {
    // Menus cannot be read back; updating an item fails for an id the menu does not have. They
    // are made when the install event reaches the worker, which may be just after it starts.
    const found = await session.worker.evaluate(async (ids) => {
      for (let i = 0; i < 50 && !(await chrome.contextMenus.update(ids[0]!, {}).then(() => true, () => false)); i++)
        await new Promise((r) => setTimeout(r, 100));
      const answers: Record<string, boolean> = {};
      for (const id of ids) answers[id] = await chrome.contextMenus.update(id, {}).then(() => true, () => false);
      return answers;
    }, ['clip-page', 'clip-selection', 'clip-link', 'clip-all-tabs', 'open-library', 'no-such-item']);
    expect(found).toEqual({ 'clip-page': true, 'clip-selection': true, 'clip-link': true, 'clip-all-tabs': true, 'open-library': true, 'no-such-item': false });
  });

  it('“Clip link” opens the link in a background tab, clips it there, closes the tab, and says so on the badge', async () => {
    await clearLibrary(session);
    const { page, tabId } = await openTab(session, FRONT_URL);
    const windowId = await session.worker.evaluate(async (id) => (await chrome.tabs.get(id)).windowId, tabId);
    const created: string[] = [];
    session.context.on('page', (p) => created.push(p.url()));

    const outcome = (await session.worker.evaluate(
      ([id, win, url]) => __newsClipperMenuClick({ menuItemId: 'clip-link', linkUrl: url }, { id, windowId: win }),
      [tabId, windowId, goldenLink] as const,
    )) as { status: string; clip?: { title: string } };

    expect(outcome.status, JSON.stringify(outcome)).toBe('saved');
    expect(outcome.clip?.title).toBe(GOLDEN_TITLE);
    expect((await readLibrary(session)).map((c) => c.title)).toEqual([GOLDEN_TITLE]);
    // The link's tab was there, and is gone; the page the user was on stayed in front.
    expect(created).toContain(goldenLink);
    expect(await allTabUrls()).not.toContain(goldenLink);
    await expect(session.worker.evaluate(async (id) => (await chrome.tabs.get(id)).active, tabId)).resolves.toBe(true);
    await expect(badgeOf(tabId)).resolves.toEqual({ text: '✓', title: `Clipped: ${GOLDEN_TITLE}` });
    await page.close();
  });

  it('“Clip link” on a link that is not a web page says why and opens nothing', async () => {
    const { page, tabId } = await openTab(session, FRONT_URL);
    const before = (await allTabUrls()).length;
    await session.worker.evaluate((id) => __newsClipperMenuClick({ menuItemId: 'clip-link', linkUrl: 'mailto:desk@news.example' }, { id }), tabId);
    expect((await allTabUrls()).length).toBe(before);
    await expect(badgeOf(tabId)).resolves.toEqual({ text: '!', title: en('reason.link-not-web') });
    await page.close();
  });

  it('“Clip all tabs” clips the good tabs of the window when others fail, and sums up which failed and why', async () => {
    await clearLibrary(session);
    // A window of its own: three articles, a browser page, a "PDF", and a page whose thread is busy.
    const STORIES = [1, 2, 3].map((i) => local.url(`/2024/story-${i}.html`));
    const BUSY = local.url('/busy.html').replace('//127.0.0.1:', '//localhost:');
    const PDF = local.url('/report.pdf');
    const urls = [STORIES[0]!, 'chrome://version/', STORIES[1]!, BUSY, PDF, STORIES[2]!];
    const windowId = await session.worker.evaluate(async (list) => (await chrome.windows.create({ url: list, focused: false }))!.id!, urls);
    await session.worker.evaluate(async (win) => {
      // Every tab loaded (the busy page blocks only after its load event).
      for (let i = 0; i < 200; i++) {
        const tabs = await chrome.tabs.query({ windowId: win });
        if (tabs.every((t) => t.status === 'complete')) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('The window’s tabs did not load');
    }, windowId);
    await session.worker.evaluate(() =>
      (globalThis as unknown as { __newsClipperSetExtractTimeout: (ms: number) => void }).__newsClipperSetExtractTimeout(5000),
    );
    try {
      const [firstTab] = await session.worker.evaluate(async (win) => (await chrome.tabs.query({ windowId: win })).map((t) => t.id!), windowId);
      const report = (await session.worker.evaluate(
        ([id, win]) => __newsClipperMenuClick({ menuItemId: 'clip-all-tabs' }, { id, windowId: win }),
        [firstTab!, windowId] as const,
      )) as { total: number; succeeded: { item: { url: string } }[]; failed: { item: { url: string }; failure: { code: string } }[] };

      expect(report.total).toBe(6);
      // The failures' codes in the message: a story that fails says why.
      expect(report.succeeded.map((s) => s.item.url), JSON.stringify(report.failed.map((f) => [f.item.url, f.failure]))).toEqual(STORIES);
      expect(report.failed.map((f) => [f.item.url, f.failure.code])).toEqual([
        ['chrome://version/', 'tab-browser-page'],
        [BUSY, 'extract-timeout'],
        [PDF, 'pdf-document'],
      ]);
      expect((await readLibrary(session)).map((c) => c.title).sort()).toEqual(['Story 1', 'Story 2', 'Story 3']);

      // Every tab shows the summary, which stays until the next clip.
      const badge = await badgeOf();
      expect(badge.text).toBe('!');
      expect(badge.title.split('\n')).toEqual([
        'Clipped 3 of 6 pages. Not clipped:',
        `chrome://version/: ${en('reason.tab-browser-page')}`,
        `${BUSY}: ${en('reason.extract-timeout', 5)}`,
        `${PDF}: ${en('reason.pdf-document')}`,
      ]);
      await expect(badgeOf(firstTab)).resolves.toEqual(badge);
    } finally {
      await session.worker.evaluate(() =>
        (globalThis as unknown as { __newsClipperSetExtractTimeout: (ms: number) => void }).__newsClipperSetExtractTimeout(120_000),
      );
      await session.worker.evaluate((win) => chrome.windows.remove(win), windowId);
    }
  });

  it('“Clip this page” and “Open the library” work on the clicked tab', async () => {
    await clearLibrary(session);
    const { page, tabId } = await openTab(session, STORY_URLS[0]!);
    await session.worker.evaluate((id) => __newsClipperMenuClick({ menuItemId: 'clip-page' }, { id }), tabId);
    await expect(badgeOf(tabId)).resolves.toEqual({ text: '✓', title: 'Clipped: Story 1' });
    expect((await readLibrary(session)).map((c) => c.title)).toEqual(['Story 1']);

    const library = session.context.waitForEvent('page', (p) => p.url().endsWith('/library.html'));
    await session.worker.evaluate((id) => __newsClipperMenuClick({ menuItemId: 'open-library' }, { id }), tabId);
    const tab = await library;
    await tab.locator('.clip-row .clip-title', { hasText: 'Story 1' }).waitFor();
    await tab.close();
    await page.close();
  });
});

describe('one-click mode', () => {
  const popupNow = () => session.worker.evaluate(() => chrome.action.getPopup({}));
  async function popupBecomes(expected: string): Promise<void> {
    for (let i = 0; i < 50 && (await popupNow()) !== expected; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await popupNow()).toBe(expected);
  }
  const toolbarClick = (tabId: number) => session.worker.evaluate(async (id) => __newsClipperToolbarClick(await chrome.tabs.get(id)), tabId);

  it('the toolbar button clips at once, with no popup, and the badge tells; off again, the popup is back', async () => {
    await clearLibrary(session);
    await popupBecomes(session.extensionUrl('popup.html'));
    await session.worker.evaluate(() => __newsClipperUpdateSettings({ oneClick: true }));
    await popupBecomes('');

    const { page, tabId } = await openTab(session, STORY_URLS[1]!);
    await toolbarClick(tabId);
    await expect(badgeOf(tabId)).resolves.toEqual({ text: '✓', title: 'Clipped: Story 2' });
    expect((await readLibrary(session)).map((c) => c.title)).toEqual(['Story 2']);

    const browserPage = await openTab(session, 'chrome://version/');
    await toolbarClick(browserPage.tabId);
    await expect(badgeOf(browserPage.tabId)).resolves.toEqual({ text: '!', title: en('reason.tab-browser-page') });
    expect((await readLibrary(session)).map((c) => c.title)).toEqual(['Story 2']);

    await session.worker.evaluate(() => __newsClipperUpdateSettings({ oneClick: false }));
    await popupBecomes(session.extensionUrl('popup.html'));
    await browserPage.page.close();
    await page.close();
  });
});
