import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { E2E_BUILD_DIR, launchClipper, type ClipperSession } from './driver/headless';
import {
  activeContentIn,
  articleHtml,
  clipInWorker,
  hostileFixture,
  openTab,
  readLibrary,
  servePages,
  watchConsoleErrors,
  recordFigure,
  type Outcome,
} from './reliability-scenarios';

// Pages that attack the clipper: active content in the article, broken built-ins in the page's
// main world, huge and endless pages, frames, shadow roots, a page that hogs its thread, and pages
// that try to talk to the worker. Each clip finishes, or fails with a message, within a bound;
// nothing active is stored; no dialog opens; the extension logs no error; the next clip works.

/** The worker answers within this, or the clip has failed the test (the busy page: its own bound). */
const CLIP_BOUND_MS = 20_000;
/** The test build's extraction bound, shortened so that the busy page fails quickly. */
const EXTRACT_BOUND_MS = 3_000;

const BIG_NODES = 50_000;
const bigNodesHtml = articleHtml('Fifty thousand nodes', 12, `<div>${'<span>n</span>'.repeat(BIG_NODES)}</div>`);
const tenMbHtml = articleHtml(
  'Ten megabytes',
  12,
  `<div>${Array.from({ length: 10_000 }, (_, i) => `<p>Filler paragraph ${i} ${'lorem ipsum dolor sit amet '.repeat(36)}</p>`).join('')}</div>`,
);

const PAGES: Array<{ name: string; url: string; html: string; title: string; expect: 'saved' | 'failed' }> = [
  { name: 'active content (scripts, handlers, javascript:/data: links, srcdoc, forms, SVG/MathML mXSS, base, meta refresh, CSS fetches, DOM clobbering)', url: 'https://hostile.example/active.html', html: hostileFixture('active-content.html'), title: 'Active content everywhere', expect: 'saved' },
  { name: 'redefined Array.prototype, JSON, Promise, document.title in the main world', url: 'https://hostile.example/prototypes.html', html: hostileFixture('prototypes.html'), title: 'Prototypes redefined', expect: 'saved' },
  { name: 'frames and a closed shadow root', url: 'https://hostile.example/frames.html', html: hostileFixture('frames-shadow.html'), title: 'Frames and shadow roots', expect: 'saved' },
  { name: 'an endless scroll', url: 'https://hostile.example/endless.html', html: hostileFixture('endless.html'), title: 'Endless scroll', expect: 'saved' },
  { name: `${BIG_NODES.toLocaleString('en')} nodes`, url: 'https://hostile.example/nodes.html', html: bigNodesHtml, title: 'Fifty thousand nodes', expect: 'saved' },
  { name: `a ${(tenMbHtml.length / 1e6).toFixed(1)} MB page`, url: 'https://hostile.example/ten-mb.html', html: tenMbHtml, title: 'Ten megabytes', expect: 'saved' },
  { name: 'a page that keeps its thread busy', url: 'https://busy.example/busy.html', html: hostileFixture('busy.html'), title: 'Busy page', expect: 'failed' },
];
const NEXT_URL = 'https://news.example/next/story.html';

let session: ClipperSession;
let popup: Page;
const dialogs: string[] = [];

beforeAll(async () => {
  session = await launchClipper({ extensionDir: E2E_BUILD_DIR });
  await servePages(session, new Map([...PAGES.map((p) => [p.url, p.html] as [string, string]), [NEXT_URL, articleHtml('The next story')]]));
  await session.worker.evaluate((ms) => (globalThis as unknown as { __newsClipperSetExtractTimeout: (n: number) => void }).__newsClipperSetExtractTimeout(ms), EXTRACT_BOUND_MS);
  popup = await session.context.newPage();
  popup.on('dialog', (d) => {
    dialogs.push(`popup: ${d.message()}`);
    void d.dismiss();
  });
  await popup.goto(session.extensionUrl('popup.html'));
});

afterAll(async () => {
  await session?.close();
});

describe.each(PAGES)('a hostile page: $name', (hostile) => {
  it(`is ${hostile.expect === 'saved' ? 'clipped' : 'refused with a message'} within the bound, storing nothing active`, async () => {
    const { page, tabId } = await openTab(session, hostile.url);
    await page.waitForLoadState('load');
    // Dialogs the page opens by itself while loading are its own; from now on any is ours.
    const pageDialogs: string[] = [];
    page.on('dialog', (d) => {
      pageDialogs.push(d.message());
      void d.dismiss();
    });
    const watch = watchConsoleErrors(session, [popup]);
    const started = Date.now();
    const outcome = await Promise.race([
      clipInWorker(session, tabId),
      new Promise<Outcome>((r) => setTimeout(() => r({ status: 'no answer' }), CLIP_BOUND_MS)),
    ]);
    const took = Date.now() - started;
    recordFigure(`hostile: ${hostile.name}`, `${outcome.status} in ${took} ms`);
    expect(took).toBeLessThan(CLIP_BOUND_MS);
    expect(outcome.status, outcome.message).toBe(hostile.expect);
    if (outcome.status === 'saved') {
      expect(outcome.clip?.title).toBe(hostile.title);
      const stored = (await readLibrary(session)).find((c) => c.id === outcome.clip?.id);
      expect(stored?.contentHtml).toBeTruthy();
      expect(activeContentIn(stored!.contentHtml!)).toEqual([]);
      // The article's own images may stay (plain https); nothing else of the attacker's does.
      const html = stored!.contentHtml!;
      for (const [, src] of html.matchAll(/<img\b[^>]*\ssrc="([^"]*)"/g)) expect(src).toMatch(/^https:\/\//);
      expect(html.replace(/<img\b[^>]*>/g, '')).not.toMatch(/evil\.example|alert\(/);
    } else {
      expect(outcome.message).toMatch(/took too long/);
      expect(took).toBeLessThan(EXTRACT_BOUND_MS + 2000);
    }

    // The popup lists it (rendering the title), the next clip works, nothing opened a dialog.
    await popup.reload();
    await popup.locator('.clip-row, .empty').first().waitFor();
    const next = await openTab(session, NEXT_URL);
    expect((await clipInWorker(session, next.tabId)).status).toBe('saved');
    await next.page.close();
    watch.stop();
    expect(watch.errors).toEqual([]);
    expect(pageDialogs).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close({ runBeforeUnload: false });
  });
});

describe('a web page cannot talk to the worker', () => {
  it('has no runtime messaging, and its posted messages and content-script messages are refused', async () => {
    const before = await readLibrary(session);
    expect(before.length).toBeGreaterThan(0);
    const { page, tabId } = await openTab(session, NEXT_URL);
    const ids = before.map((c) => c.id);

    // The page's main world: no `chrome.runtime` to message this extension (no externally_connectable).
    const fromPage = await page.evaluate(
      ([extensionId, all]) => {
        window.postMessage({ type: 'deleteClips', request: { ids: all } }, '*');
        const runtime = (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime;
        if (typeof runtime?.sendMessage !== 'function') return 'no runtime messaging';
        try {
          (runtime.sendMessage as (id: string, m: unknown) => void)(extensionId, { type: 'deleteClips', request: { ids: all } });
          return 'sent';
        } catch (error) {
          return `refused: ${(error as Error).message}`;
        }
      },
      [session.extensionId, ids] as const,
    );
    expect(fromPage).not.toBe('sent');

    // A script in the page's isolated world (what a compromised content script could do) is refused too.
    const fromContentScript = await session.worker.evaluate(
      async ([tab, all]) => {
        const [injection] = await chrome.scripting.executeScript({
          target: { tabId: tab },
          func: (clipIds: string[]) =>
            chrome.runtime.sendMessage({ type: 'deleteClips', request: { ids: clipIds } }).then(
              (reply: unknown) => JSON.stringify(reply ?? null),
              (error: Error) => `error: ${error.message}`,
            ),
          args: [all],
        });
        return injection?.result as string;
      },
      [tabId, ids] as const,
    );
    expect(fromContentScript).not.toMatch(/"ok":true/);
    await new Promise((r) => setTimeout(r, 300));
    expect(await readLibrary(session)).toEqual(before);
    await page.close();
  });
});
