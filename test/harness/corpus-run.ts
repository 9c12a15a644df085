import type { Page } from 'playwright-core';
import { servePagesOffline, tabIdOf, type ClipperSession } from '../../cli/headless';
import type { ClipDraft, ExtractResult } from '../../utils/core/model/types';
import { baselineTimes, type BaselineTimes, type BaselineWorld, clipInTab, ClipTimeout, within, type WorkerClip } from './browser-clip';
import type { CorpusPage } from './corpus-pages';
import { traceTasks } from './task-trace';

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
  /** The longest task of the page's main thread while the clip ran (`traceTasks`). */
  longestTaskMs?: number;
  /** All of them, in order (tasks under 0.1 ms left out). */
  tasksMs?: number[];
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
  /** What Readability alone found (with `readabilityArticle`). */
  readabilityArticle?: BaselineTimes['article'];
  /** What each of `options.sides` answered on this page, in the order given. */
  sides?: unknown[];
  /** What `options.after` answered. */
  after?: unknown;
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
  /** Keep what the baseline's Readability found (`run.readabilityArticle`). */
  readabilityArticle?: boolean;
  /**
   * More measurements on each loaded page, taken in turn with the clip and the baseline: the
   * order of all of them rotates from page to page and pass to pass. Their answers are kept in
   * `run.sides`.
   */
  sides?: ReadonlyArray<(page: Page) => Promise<unknown>>;
  /** One more, after all the others (for an engine that changes the page): `run.after`. */
  after?: (page: Page) => Promise<unknown>;
  /** Trace the page's main thread during the clip: `timing.longestTaskMs` and `tasksMs`. */
  traceTasks?: boolean;
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
      // Every side starts equally cold on each page: the content script is injected anew into
      // the page's isolated world, and Readability's source (and each other engine's) is
      // evaluated anew in a fresh isolated world of its own, so none runs code that earlier pages
      // made hot. No timing includes loading the code: the injection (with the bundle's module
      // set-up) is counted in the fixed costs, the evaluation of the other engines' sources
      // happens before their clocks start. Rotating the order cancels the advantage of whichever
      // runs later on a warm page.
      let clip: WorkerClip | undefined;
      let longest: { longestTaskMs: number; tasksMs: number[] } | undefined;
      let baseline: BaselineTimes | undefined;
      const sides: unknown[] = [];
      const measures: Array<() => Promise<void>> = [
        async () => {
          const clipping = () => within(clipInTab(session, tab!.id!, 'article'), options.timeoutMs, `Clipping ${corpusPage.name}`);
          if (!options.traceTasks) clip = await clipping();
          else ({ value: clip, ...longest } = await traceTasks(tab!.page, clipping));
        },
        ...(options.readabilityBaseline
          ? [
              async () => {
                baseline = await baselineTimes(tab!.page, options.projectRoot, { world: options.baselineWorld, sanitize: true, article: options.readabilityArticle });
              },
            ]
          : []),
        ...(options.sides ?? []).map((side, i) => async () => {
          sides[i] = await side(tab!.page);
        }),
      ];
      const turn = (index + (options.pass ?? 0)) % measures.length;
      for (const measure of [...measures.slice(turn), ...measures.slice(0, turn)]) await measure();
      if (options.after) run.after = await options.after(tab.page);
      if (options.sides) run.sides = sides;
      if (baseline?.article !== undefined) run.readabilityArticle = baseline.article;
      clip = clip!;
      run.timing = {
        totalMs: clip.totalMs,
        injectMs: clip.injectMs,
        inPageMs: clip.inPageMs,
        fixedMs: clip.totalMs - clip.inPageMs,
        ...(baseline === undefined ? {} : { readabilityMs: baseline.readabilityMs, sanitizeMs: baseline.sanitizeMs }),
        ...longest,
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
