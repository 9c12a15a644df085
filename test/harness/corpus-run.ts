import type { Page } from 'playwright-core';
import { servePagesOffline, tabIdOf, type ClipperSession } from '../../cli/headless';
import type { ClipDraft, ExtractResult } from '../../utils/core/model/types';
import { baselineTimes, type BaselineWorld, clipInTab, ClipTimeout, within } from './browser-clip';
import type { CorpusPage } from './corpus-pages';

// Clips corpus pages one after another in one browser tab (two cores: one page at a time keeps
// the timings honest), each clip bounded in time; a page that hangs or crashes is recorded and
// the run goes on in a fresh tab.

export interface PageTiming {
  /** The worker-driven clip: inject + extract + answer (worker clock). */
  totalMs: number;
  injectMs: number;
  /** The content script's own work in the page (page clock). */
  inPageMs: number;
  /** Injection and messaging: total minus in-page work. */
  fixedMs: number;
  /** Readability's parse alone on the same page (an isolated world, default options). */
  readabilityMs?: number;
  /** DOMPurify with the extension's policy on that parse's output, timed after it. */
  sanitizeMs?: number;
}

export interface PageRun {
  name: string;
  url: string;
  status: 'clipped' | 'no-article' | 'failed' | 'timeout';
  /** The mode of the clip kept: 'full-page' when no article was found and the fallback was on. */
  mode?: 'article' | 'full-page';
  error?: string;
  draft?: ClipDraft;
  /** The title the browser shows for the page (its `<title>`). */
  documentTitle?: string;
  timing?: PageTiming;
}

export interface RunOptions {
  /** Bound of each navigation and of each clip. */
  timeoutMs: number;
  /**
   * Where no article is found, clip the whole page, as the user is offered in the popup (and as
   * the shortcut does): the body F1 then measures what the user ends up with.
   */
  fullPageFallback?: boolean;
  /**
   * Also time Readability alone on each page (the benchmark's baseline), then DOMPurify on its
   * output (with it, the floor of the fixed stack).
   */
  readabilityBaseline?: boolean;
  /** Where the baseline runs (see `BaselineWorld`): an isolated world unless told. */
  baselineWorld?: BaselineWorld;
  projectRoot: string;
  /**
   * The number of this pass over the pages when the benchmark makes several: it flips which side
   * goes first on each page, so that over an even number of passes each goes first equally.
   */
  pass?: number;
  onPage?: (run: PageRun, index: number) => void;
}

const isExtractResult = (v: unknown): v is ExtractResult =>
  typeof v === 'object' && v !== null && typeof (v as { ok?: unknown }).ok === 'boolean';

export async function runCorpus(session: ClipperSession, pages: readonly CorpusPage[], options: RunOptions): Promise<PageRun[]> {
  await servePagesOffline(session.context, new Map(pages.map((p) => [p.url, p.source])));
  let tab: { page: Page; id?: number } | undefined;
  const runs: PageRun[] = [];
  for (const [index, corpusPage] of pages.entries()) {
    tab ??= { page: await session.context.newPage() };
    const run: PageRun = { name: corpusPage.name, url: corpusPage.url, status: 'failed' };
    try {
      await tab.page.goto(corpusPage.url, { waitUntil: 'load', timeout: options.timeoutMs });
      // The tab keeps its id across navigations: looked up once per tab.
      tab.id ??= await tabIdOf(session, tab.page);
      run.documentTitle = await tab.page.title();
      // Both sides start equally cold on each page: the content script is injected anew into
      // the page's isolated world and Readability's source is evaluated anew in its main world,
      // so neither runs code that earlier pages made hot. Neither timing includes loading its
      // code: the injection (with the bundle's module set-up) is counted in the fixed costs, the
      // evaluation of Readability's source happens before its clock starts. Alternating the
      // order cancels the advantage of whichever runs second on a warm page.
      const baselineFirst = options.readabilityBaseline && (index + (options.pass ?? 0)) % 2 === 1;
      const measureBaseline = () => baselineTimes(tab!.page, options.projectRoot, { world: options.baselineWorld, sanitize: true });
      const first = baselineFirst ? await measureBaseline() : undefined;
      const clip = await within(clipInTab(session, tab.id, 'article'), options.timeoutMs, `Clipping ${corpusPage.name}`);
      const baseline = first ?? (options.readabilityBaseline ? await measureBaseline() : undefined);
      run.timing = {
        totalMs: clip.totalMs,
        injectMs: clip.injectMs,
        inPageMs: clip.inPageMs,
        fixedMs: clip.totalMs - clip.inPageMs,
        ...(baseline === undefined ? {} : { readabilityMs: baseline.readabilityMs, sanitizeMs: baseline.sanitizeMs }),
      };
      let result = clip.result;
      run.mode = 'article';
      if (options.fullPageFallback && isExtractResult(result) && !result.ok) {
        run.mode = 'full-page';
        result = (await within(clipInTab(session, tab.id, 'full-page'), options.timeoutMs, `Clipping ${corpusPage.name} whole`)).result;
      }
      if (!isExtractResult(result)) run.error = `the content script answered ${JSON.stringify(result)?.slice(0, 200)}`;
      else if (result.ok) {
        run.status = 'clipped';
        run.draft = result.draft;
      } else run.status = 'no-article';
    } catch (error) {
      run.status = error instanceof ClipTimeout ? 'timeout' : 'failed';
      run.error = error instanceof Error ? error.message.split('\n')[0] : String(error);
      // A hung or crashed tab is left behind; the next page gets a fresh one.
      const stale = tab.page;
      tab = undefined;
      await stale.close({ runBeforeUnload: false }).catch(() => {});
    }
    runs.push(run);
    options.onPage?.(run, index);
  }
  await tab?.page.close();
  return runs;
}
