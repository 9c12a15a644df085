import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { PROJECT_ROOT, tabIdOf, type ClipperSession } from '../../cli/headless';
import type { Reason } from '../../utils/core/model/reasons';

// What the reliability tests (`e2e/reliability-*.e2e.ts`, `e2e/hostile-*.e2e.ts`) and the
// reliability benchmark (`bench/reliability.ts`) both run against the real extension in headless
// Chromium. Each scenario answers what it measured; the tests assert on it, the benchmark prints it.
// Functions passed to `worker.evaluate` have no named inner functions (tsx's `__name` is not there).

export interface Outcome {
  status: string;
  reason?: Reason;
  created?: boolean;
  clip?: { id: string; title: string };
}

/** A plain article page at `url` with `paragraphs` paragraphs. */
export function articleHtml(title: string, paragraphs = 12, extraBody = ''): string {
  const body = Array.from(
    { length: paragraphs },
    (_, i) => `<p>${title}: paragraph ${i + 1} of a report on the day's news, long enough to be read as an article by Readability, with several clauses.</p>`,
  ).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head><body><header><nav><a href="/">Home</a></nav></header><article><h1>${title}</h1>${body}</article>${extraBody}<footer>© News</footer></body></html>`;
}

export const hostileFixture = (name: string): string => readFileSync(join(PROJECT_ROOT, 'test/fixtures/hostile', name), 'utf8');

/** Serves `pages` (and answers every other web request empty, or as `routes` say). */
export async function servePages(
  session: ClipperSession,
  pages: Map<string, string>,
  delays: Map<string, number> = new Map(),
): Promise<void> {
  await session.context.route(/^https?:/, async (route) => {
    const url = route.request().url();
    const delay = delays.get(url);
    if (delay) await new Promise((r) => setTimeout(r, delay));
    const html = pages.get(url);
    if (html !== undefined) await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }).catch(() => {});
    else await route.fulfill({ status: 204, body: '' }).catch(() => {});
  });
}

export async function openTab(session: ClipperSession, url: string): Promise<{ page: Page; tabId: number }> {
  const page = await session.context.newPage();
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return { page, tabId: await tabIdOf(session, page) };
}

/** The popup's clip of one tab, through the worker (the test build's hook). */
export function clipInWorker(session: ClipperSession, tabId: number, mode = 'article'): Promise<Outcome> {
  return session.worker.evaluate(
    ([id, m]) => (globalThis as unknown as { __newsClipperClipTab: (t: number, m: string) => Promise<Outcome> }).__newsClipperClipTab(id, m),
    [tabId, mode] as const,
  );
}

export interface StoredClip {
  id: string;
  title: string;
  url: string;
  seq: number;
  /** Null when the clip has a summary but no body: a half-written clip. */
  contentHtml: string | null;
}

/** Everything the library holds, read straight from IndexedDB in the worker (no app code). */
export function readLibrary(session: ClipperSession): Promise<StoredClip[]> {
  return session.worker.evaluate(
    () =>
      new Promise<StoredClip[]>((resolve, reject) => {
        const open = indexedDB.open('news-clipper');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['clips', 'contents'], 'readonly');
          const clips = tx.objectStore('clips').getAll();
          const contents = tx.objectStore('contents').getAll();
          tx.oncomplete = () => {
            const bodies = new Map((contents.result as Array<{ id: string; contentHtml: string }>).map((c) => [c.id, c.contentHtml]));
            const all = (clips.result as Array<{ id: string; title: string; url: string; seq: number }>).map((c) => ({
              id: c.id,
              title: c.title,
              url: c.url,
              seq: c.seq,
              contentHtml: bodies.get(c.id) ?? null,
            }));
            // Bodies without a summary are half-written clips too.
            for (const id of bodies.keys())
              if (!all.some((c) => c.id === id)) all.push({ id, title: '', url: '', seq: -1, contentHtml: bodies.get(id)! });
            db.close();
            resolve(all);
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

export function clearLibrary(session: ClipperSession): Promise<void> {
  return session.worker.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('news-clipper');
        open.onsuccess = () => {
          const stores = [...open.result.objectStoreNames].filter((s) => s !== 'meta');
          const tx = open.result.transaction(stores, 'readwrite');
          for (const s of stores) tx.objectStore(s).clear();
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
}

/** A CDP session on an extension page (the only kind `launchPersistentContext` offers), kept open. */
export async function extensionCdp(session: ClipperSession): Promise<{ page: Page; cdp: CDPSession; stopWorker: () => Promise<void> }> {
  const page = await session.context.newPage();
  await page.goto(session.extensionUrl('manifest.json'));
  const cdp = await session.context.newCDPSession(page);
  // Every version of the extension's worker the browser reports, by id: on a fresh profile it can
  // report more than one (the installing one and the active one), and the one left running is the
  // one to stop.
  const versions = new Map<string, string>();
  cdp.on('ServiceWorker.workerVersionUpdated', (event: { versions: Array<{ versionId: string; runningStatus: string; scriptURL: string }> }) => {
    for (const v of event.versions) if (v.scriptURL.startsWith(session.extensionUrl('/'))) versions.set(v.versionId, v.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  const deadline = Date.now() + 5000;
  while (versions.size === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const running = () => [...versions].filter(([, status]) => status !== 'stopped').map(([id]) => id);
  return {
    page,
    cdp,
    async stopWorker() {
      if (versions.size === 0) throw new Error('The extension has no service worker version');
      // Asked again every two seconds: a stop asked while the worker is still starting (its first
      // run's work) can be lost. A loaded machine can take well over 10 s (seen in a CI dry run).
      const until = Date.now() + 30_000;
      while (running().length > 0 && Date.now() < until) {
        for (const versionId of running()) await cdp.send('ServiceWorker.stopWorker', { versionId }).catch(() => {});
        const asked = Date.now();
        while (running().length > 0 && Date.now() - asked < 2000) await new Promise((r) => setTimeout(r, 20));
      }
      if (running().length > 0) throw new Error('The service worker did not stop');
    },
  };
}

/**
 * Starts the worker again the way the browser does (a message from an extension page) and waits
 * until Playwright's handle on it answers.
 */
export async function wakeWorker(session: ClipperSession, extensionPage: Page): Promise<void> {
  await extensionPage.evaluate(() => chrome.runtime.sendMessage({ type: 'listClips', request: { limit: 1 } }).catch(() => undefined));
  const until = Date.now() + 15_000;
  for (;;) {
    const worker = session.context.serviceWorkers().at(-1) ?? session.worker;
    const alive = await Promise.race([worker.evaluate(() => 'alive').catch(() => 'dead'), new Promise((r) => setTimeout(() => r('hang'), 1000))]);
    if (alive === 'alive') {
      session.worker = worker;
      return;
    }
    if (Date.now() > until) throw new Error('The service worker did not start again');
  }
}

/** Errors logged by extension pages and the worker while `work` runs. */
export function watchConsoleErrors(session: ClipperSession, pages: Page[]): { errors: string[]; stop: () => void } {
  const errors: string[] = [];
  const onConsole = (message: { type(): string; text(): string }) => {
    if (message.type() === 'error') errors.push(message.text());
  };
  const onPageError = (error: Error) => errors.push(error.message);
  for (const page of pages) {
    page.on('console', onConsole);
    page.on('pageerror', onPageError);
  }
  session.worker.on('console', onConsole);
  return {
    errors,
    stop() {
      for (const page of pages) {
        page.off('console', onConsole);
        page.off('pageerror', onPageError);
      }
      session.worker.off('console', onConsole);
    },
  };
}

/** Active content a stored article body must never carry. */
export function activeContentIn(html: string): string[] {
  const found: string[] = [];
  const rules: Array<[string, RegExp]> = [
    ['<script>', /<script\b/i],
    ['event handler attribute', /<[^>]*\s(on[a-z]+)\s*=/i],
    ['javascript: URL', /(?:href|src|action|formaction|xlink:href)\s*=\s*["']?\s*javascript:/i],
    ['data: text/html URL', /=\s*["']?\s*data:text\/html/i],
    ['<iframe>/<frame>', /<i?frame\b/i],
    ['srcdoc', /\ssrcdoc\s*=/i],
    ['<object>/<embed>', /<(object|embed)\b/i],
    ['<form>/<input>/<button>', /<(form|input|button|textarea|select)\b/i],
    ['<meta>', /<meta\b/i],
    ['<base>', /<base\b/i],
    ['<style>/style attribute', /<style\b|\sstyle\s*=/i],
    ['<link>', /<link\b/i],
  ];
  for (const [name, rule] of rules) if (rule.test(html)) found.push(name);
  return found;
}

/** Figures measured by the reliability tests, gathered by `bench/reliability.ts`. */
export const FIGURES_FILE = join(PROJECT_ROOT, 'test-results/reliability-figures.json');

export function recordFigure(key: string, value: number | string): void {
  mkdirSync(dirname(FIGURES_FILE), { recursive: true });
  const figures = existsSync(FIGURES_FILE) ? (JSON.parse(readFileSync(FIGURES_FILE, 'utf8')) as Record<string, unknown>) : {};
  figures[key] = value;
  writeFileSync(FIGURES_FILE, JSON.stringify(figures, null, 2));
}
