import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_BUILD_DIR, launchClipper, type ClipperSession } from '../cli/headless';
import { translator } from '../utils/core/i18n';
import { en } from '../utils/core/i18n/en';
import { reasonText } from '../utils/core/i18n/reasons';
import {
  articleHtml,
  clearLibrary,
  clipInWorker,
  extensionCdp,
  openTab,
  readLibrary,
  servePages,
  wakeWorker,
  recordFigure,
  type Outcome,
} from '../test/harness/reliability-scenarios';

// Nothing lost: many clips at once, a worker killed in the middle of a clip, a full disk.

const TABS = 50;
const SAME_URL_TABS = 5;
const url = (i: number) => `https://news.example/2025/${i}/story.html`;
const SAME_URL = 'https://news.example/2025/same/story.html';
const SLOW_URL = 'https://slow.example/long/part-1.html';
const SLOW_NEXT = 'https://slow.example/long/part-2.html';
const AFTER_URL = 'https://news.example/after/story.html';
const QUOTA_URL = 'https://news.example/quota/story.html';
/** When the worker is stopped after the popup's click: during extraction, while the second page loads, just as it arrives. */
const POPUP_KILL_DELAYS = [150, 1000, 4300];

let session: ClipperSession;

beforeAll(async () => {
  session = await launchClipper({ extensionDir: E2E_BUILD_DIR });
  const pages = new Map<string, string>();
  for (let i = 0; i < TABS; i++) pages.set(url(i), articleHtml(`Story number ${i}`));
  pages.set(SAME_URL, articleHtml('The same story'));
  // A multi-page article whose second page answers slowly: the clip is in flight long enough to kill.
  pages.set(SLOW_URL, articleHtml('A long read', 12).replace('</head>', `<link rel="next" href="${SLOW_NEXT}"></head>`));
  pages.set(SLOW_NEXT, articleHtml('A long read, part two', 12));
  pages.set(AFTER_URL, articleHtml('After the kill'));
  pages.set(QUOTA_URL, articleHtml('One clip too many', 40));
  for (let i = 0; i < 6; i++) pages.set(`https://news.example/kill/${i}.html`, articleHtml(`Killed at step ${i}`));
  await servePages(session, pages, new Map([[SLOW_NEXT, 4000]]));
});

afterAll(async () => {
  await session?.close();
});

describe('concurrent clips', () => {
  it(`${TABS} tabs clipped at once give ${TABS} clips, none lost or doubled`, async () => {
    await clearLibrary(session);
    const tabs: number[] = [];
    for (let i = 0; i < TABS; i += 10) {
      const batch = await Promise.all(Array.from({ length: Math.min(10, TABS - i) }, (_, j) => openTab(session, url(i + j))));
      tabs.push(...batch.map((t) => t.tabId));
    }
    const outcomes = await Promise.all(tabs.map((tabId) => clipInWorker(session, tabId)));
    expect(outcomes.map((o) => o.status)).toEqual(tabs.map(() => 'saved'));
    expect(outcomes.filter((o) => o.created).length).toBe(TABS);

    const stored = await readLibrary(session);
    recordFigure('concurrentStored', stored.length);
    recordFigure('concurrentExpected', TABS);
    expect(stored.length).toBe(TABS);
    expect(new Set(stored.map((c) => c.url))).toEqual(new Set(Array.from({ length: TABS }, (_, i) => url(i))));
    expect(new Set(stored.map((c) => c.seq)).size).toBe(TABS);
    for (const clip of stored) expect(clip.contentHtml).toContain(`${clip.title}: paragraph 12`);
    for (const page of session.context.pages()) if (page.url().startsWith('https://news.example/2025/')) await page.close();
  });

  it(`one URL clipped from ${SAME_URL_TABS} tabs at once gives one clip`, async () => {
    await clearLibrary(session);
    const tabs = await Promise.all(Array.from({ length: SAME_URL_TABS }, () => openTab(session, SAME_URL)));
    const outcomes = await Promise.all(tabs.map(({ tabId }) => clipInWorker(session, tabId)));
    expect(outcomes.map((o) => o.status)).toEqual(tabs.map(() => 'saved'));
    expect(outcomes.filter((o) => o.created).length).toBe(1);
    expect(new Set(outcomes.map((o) => o.clip?.id)).size).toBe(1);
    const stored = await readLibrary(session);
    recordFigure('sameUrlTabs', SAME_URL_TABS);
    recordFigure('sameUrlClipsStored', stored.length);
    expect(stored.map((c) => c.url)).toEqual([SAME_URL]);
    expect(stored[0]?.contentHtml).toContain('The same story: paragraph 1');
    await Promise.all(tabs.map(({ page }) => page.close()));
  });
});

describe('a worker killed in the middle of a clip', () => {
  it('leaves the clip whole or absent, shows a failure when absent, and the next clip works', async () => {
    await clearLibrary(session);
    const { page: cdpPage, stopWorker } = await extensionCdp(session);
    const article = await openTab(session, SLOW_URL);
    await clearLibrary(session);

    // The user presses "Clip this page" in the popup; the worker dies while the clip is in flight
    // (the article's second page answers after 4 s): before, during and after that fetch. The popup
    // must say what happened: a failure with a message when nothing was stored, "saved" only when
    // the clip is whole; and the popup's next clip must work.
    const popupOutcomes: string[] = [];
    let shown = { status: '' as string | null, text: '' as string | null };
    let stored: Awaited<ReturnType<typeof readLibrary>> = [];
    for (const delay of POPUP_KILL_DELAYS) {
      await clearLibrary(session);
      const popup = await session.context.newPage();
      await popup.goto(session.extensionUrl(`popup.html?tab=${article.tabId}`));
      await popup.getByRole('button', { name: 'Clip this page' }).click();
      await new Promise((r) => setTimeout(r, delay));
      await stopWorker();
      const status = popup.locator('[data-status]');
      await status.waitFor({ timeout: 15_000 });
      shown = { status: await status.getAttribute('data-status'), text: await status.textContent() };
      await wakeWorker(session, cdpPage);

      stored = await readLibrary(session);
      for (const clip of stored) expect(clip.contentHtml, 'a clip must be whole').toContain('A long read: paragraph 12');
      if (stored.length === 0) {
        expect(shown.status).toBe('failed');
        expect(shown.text).toMatch(/\S/);
      } else {
        expect(shown.status).toBe('saved');
      }
      popupOutcomes.push(`popup ${delay}ms: ${shown.status} / ${stored.length ? 'whole' : 'absent'}`);

      // The next clip from a popup works, and the popup lists it.
      const after = await openTab(session, AFTER_URL);
      const next = await session.context.newPage();
      await next.goto(session.extensionUrl(`popup.html?tab=${after.tabId}`));
      await next.getByRole('button', { name: 'Clip this page' }).click();
      await next.locator('[data-status]').waitFor({ timeout: 30_000 });
      expect(await next.locator('[data-status]').getAttribute('data-status')).toBe('saved');
      await next.locator('.clip-row .clip-title', { hasText: 'After the kill' }).first().waitFor();
      await next.close();
      await after.page.close();
      await popup.close();
    }

    // Kills at other moments of a quick clip (before, during and after extraction and the write).
    const results: string[] = [];
    for (let i = 0; i < 6; i++) {
      const tab = await openTab(session, `https://news.example/kill/${i}.html`);
      const clip = clipInWorker(session, tab.tabId).then(
        (o: Outcome) => o.status,
        () => 'rejected',
      );
      await new Promise((r) => setTimeout(r, i * 60));
      await stopWorker();
      const seen = await Promise.race([clip, new Promise<string>((r) => setTimeout(() => r('no answer'), 3000))]);
      await wakeWorker(session, cdpPage);
      const mine = (await readLibrary(session)).filter((c) => c.url === `https://news.example/kill/${i}.html`);
      expect(mine.length).toBeLessThanOrEqual(1);
      if (mine[0]) expect(mine[0].contentHtml).toContain(`Killed at step ${i}: paragraph 12`);
      // The caller learnt of the loss: an answer other than "saved" (the popup turns it into a failure).
      if (mine.length === 0) expect(seen).not.toBe('saved');
      results.push(`${i * 60}ms: ${seen} / ${mine.length ? 'whole' : 'absent'}`);
      await tab.page.close();
    }
    expect(results).toHaveLength(6);
    recordFigure('workerKills', popupOutcomes.length + results.length);
    recordFigure('workerKillOutcomes', [...popupOutcomes, ...results].join('; '));

    const after = await openTab(session, AFTER_URL);
    const next = await clipInWorker(session, after.tabId);
    expect(next.status).toBe('saved');
    recordFigure('workerKillsSurvived', popupOutcomes.length + results.length);
    expect((await readLibrary(session)).some((c) => c.url === AFTER_URL && c.contentHtml?.includes('After the kill'))).toBe(true);
    await after.page.close();
    await article.page.close();
    await cdpPage.close();
  });
});

describe('storage full', () => {
  it('says storage is full and keeps every earlier clip intact and readable', async () => {
    const before = await readLibrary(session);
    expect(before.length).toBeGreaterThan(0);
    // Chromium's `Storage.overrideQuotaForOrigin` does not apply to chrome-extension:// origins
    // (checked: it does for https origins). The worker's IndexedDB is made to refuse the write
    // the way a full disk does: its transaction aborts with a QuotaExceededError.
    await session.worker.evaluate(() => {
      const put = IDBObjectStore.prototype.put;
      Object.assign(globalThis, { __realPut: put });
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        const request = put.apply(this, args);
        if (this.name === 'contents') {
          // As at commit time: the writes succeeded, then the transaction is refused.
          const tx = this.transaction;
          request.addEventListener('success', () => {
            Object.defineProperty(tx, 'error', { value: new DOMException('The quota has been exceeded.', 'QuotaExceededError') });
            tx.abort();
          });
        }
        return request;
      };
    });
    const tab = await openTab(session, QUOTA_URL);
    const outcome = await clipInWorker(session, tab.tabId);
    await session.worker.evaluate(() => {
      IDBObjectStore.prototype.put = (globalThis as unknown as { __realPut: IDBObjectStore['put'] }).__realPut;
    });
    expect(outcome.status).toBe('failed');
    expect(outcome.reason).toEqual({ code: 'storage-full', params: {} });

    const after = await readLibrary(session);
    recordFigure('storageFullMessage', reasonText(outcome.reason!, translator(en)));
    recordFigure('storageFullClipsIntact', `${after.filter((c, i) => c.contentHtml === before[i]?.contentHtml).length}/${before.length}`);
    expect(after).toEqual(before);
    // Readable through the app, as the popup reads them.
    const popup = await session.context.newPage();
    await popup.goto(session.extensionUrl('popup.html'));
    for (const clip of before) {
      const full = await popup.evaluate((id) => chrome.runtime.sendMessage({ type: 'getClip', request: { id } }), clip.id);
      expect(full).toMatchObject({ ok: true, value: { id: clip.id, contentHtml: clip.contentHtml } });
    }
    await popup.close();
    // And once space is back, clipping works again.
    expect((await clipInWorker(session, tab.tabId)).status).toBe('saved');
    await tab.page.close();
  });
});
