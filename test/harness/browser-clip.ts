import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { ClipperSession } from '../../cli/headless';
import { SANITIZE_CONFIG } from '../../utils/core/extract/sanitize';
import { EXTRACT_GLOBAL, type ExtractMode } from '../../utils/core/model/types';

// Runs the content script in a tab exactly as the worker does (`browserClipPlatform.extract`:
// inject the file, then call the entry function it defines), from inside the extension's own
// worker, and times each step there, where the extension itself spends it.

const CONTENT_SCRIPT = '/clipper.js';

export interface WorkerClip {
  /** What the content script answered (an ExtractResult when all is well). */
  result: unknown;
  /** Worker clock: from the first executeScript call to the answer in the worker. */
  totalMs: number;
  /** Worker clock: the file injection (`files: ['/clipper.js']`). */
  injectMs: number;
  /** Page clock, in the isolated world: the entry function's own work, from call to settled result. */
  inPageMs: number;
}

export class ClipTimeout extends Error {}

/** Rejects with ClipTimeout when `promise` takes longer than `ms`. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ClipTimeout(`${what} took longer than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// The worker-side code is source text: test runners transpile functions (adding helpers such as
// `__name`) that do not exist in the worker, so what runs there is written out plainly.

/** Calls the injected entry function in the tab, timing it on the page's clock. */
const CALL_ENTRY = `  const [injection] = await chrome.scripting.executeScript({
    target: { tabId },
    func: async (name, m) => {
      const begin = performance.now();
      const result = await globalThis[name]?.(m);
      return { result, inPageMs: performance.now() - begin };
    },
    args: [entry, mode],
  });
`;

const CLIP_IN_WORKER = `async ({ tabId, file, entry, mode }) => {
  const start = performance.now();
  await chrome.scripting.executeScript({ target: { tabId }, files: [file] });
  const injected = performance.now();
${CALL_ENTRY}  const end = performance.now();
  return { result: injection?.result?.result, inPageMs: injection?.result?.inPageMs ?? NaN, injectMs: injected - start, totalMs: end - start };
}`;

export function clipInTab(session: ClipperSession, tabId: number, mode: ExtractMode): Promise<WorkerClip> {
  const arg = JSON.stringify({ tabId, file: CONTENT_SCRIPT, entry: EXTRACT_GLOBAL, mode });
  return session.worker.evaluate(`(${CLIP_IN_WORKER})(${arg})`) as Promise<WorkerClip>;
}

/**
 * The two steps of `clipInTab` apart, for the profiler, which samples the call alone: the
 * injection, then (`call`) the entry function, answering what it answered and its page-clock time.
 */
export function injectClipper(session: ClipperSession, tabId: number): Promise<void> {
  const arg = JSON.stringify({ tabId, file: CONTENT_SCRIPT });
  return session.worker.evaluate(`(async ({ tabId, file }) => {
  await chrome.scripting.executeScript({ target: { tabId }, files: [file] });
})(${arg})`) as Promise<void>;
}

export function callClipper(session: ClipperSession, tabId: number, mode: ExtractMode): Promise<Omit<WorkerClip, 'totalMs' | 'injectMs'>> {
  const arg = JSON.stringify({ tabId, entry: EXTRACT_GLOBAL, mode });
  return session.worker.evaluate(`(async ({ tabId, entry, mode }) => {
${CALL_ENTRY}  return { result: injection?.result?.result, inPageMs: injection?.result?.inPageMs ?? NaN };
})(${arg})`) as Promise<Omit<WorkerClip, 'totalMs' | 'injectMs'>>;
}

const librarySources = new Map<string, string>();
const librarySource = (projectRoot: string, file: string) => {
  const path = join(projectRoot, 'node_modules', file);
  if (!librarySources.has(path)) librarySources.set(path, readFileSync(path, 'utf8'));
  return librarySources.get(path)!;
};

/**
 * Where the baseline runs. The content script can only run in an isolated world of the page, and
 * the same Readability code runs about 10-15% slower there than in the page's main world (paired
 * over the corpus, same page, alternating order): the baseline runs in an isolated world of its
 * own too, so the ratio compares the work, not the worlds. 'main' is the earlier baseline.
 */
export type BaselineWorld = 'isolated' | 'main';

export interface BaselineTimes {
  /** Readability's parse of a document clone, default options: the baseline of the in-page ratio. */
  readabilityMs: number;
  /**
   * DOMPurify with the extension's policy on Readability's output, timed after Readability's
   * clock has stopped: with it, the least any clipper on this stack does in the page.
   */
  sanitizeMs?: number;
  /** The browser's own HTML Sanitizer API on the same output, where asked for and present. */
  nativeSanitizeMs?: number;
  /** What Readability found, where asked for (`article`): its metadata and its content HTML. */
  article?: { title?: string | null; byline?: string | null; siteName?: string | null; publishedTime?: string | null; content?: string | null } | null;
}

export interface BaselineOptions {
  world?: BaselineWorld;
  /** Also time DOMPurify on Readability's output (`sanitizeMs`). */
  sanitize?: boolean;
  /** Also time the browser's Sanitizer API on it (`nativeSanitizeMs`), for comparison only. */
  native?: boolean;
  /** Also answer what Readability found (`article`), to score it against the corpus's labels. */
  article?: boolean;
}

/** The extension's policy (SANITIZE_CONFIG) in the Sanitizer API's terms, on top of its safe defaults. */
const NATIVE_SANITIZER_CONFIG = { removeElements: SANITIZE_CONFIG.FORBID_TAGS, removeAttributes: SANITIZE_CONFIG.FORBID_ATTR };

/**
 * Readability's parse alone on the same page, the baseline of the in-page ratio, and optionally
 * the sanitizers after it: the libraries' own files evaluated through the debugger protocol (so no
 * page CSP blocks them) in a fresh isolated world of the page (or its main world), timing
 * `new Readability(document.cloneNode(true)).parse()` with its default options. The evaluation of
 * the files is not timed, as the content script's injection is not part of its in-page time.
 */
export async function baselineTimes(page: Page, projectRoot: string, options: BaselineOptions = {}): Promise<BaselineTimes> {
  const { world = 'isolated', sanitize = false, native = false, article: keepArticle = false } = options;
  // A string, not a function: the files declare `Readability` and `DOMPurify` in its own scope.
  const expression = `(() => {
${librarySource(projectRoot, '@mozilla/readability/Readability.js')}
;${sanitize ? `${librarySource(projectRoot, 'dompurify/dist/purify.js')}\n;const purify = DOMPurify(window);` : ''}
const begin = performance.now();
const article = new Readability(document.cloneNode(true)).parse();
const times = { readabilityMs: performance.now() - begin };
const html = article ? article.content : '';
if (${sanitize}) {
  const start = performance.now();
  purify.sanitize(html, { ...${JSON.stringify(SANITIZE_CONFIG)}, RETURN_DOM: true });
  times.sanitizeMs = performance.now() - start;
}
if (${native} && typeof Document.parseHTML === 'function') {
  const start = performance.now();
  Document.parseHTML(html, { sanitizer: ${JSON.stringify(NATIVE_SANITIZER_CONFIG)} });
  times.nativeSanitizeMs = performance.now() - start;
}
if (${keepArticle}) {
  times.article = article && { title: article.title, byline: article.byline, siteName: article.siteName, publishedTime: article.publishedTime, content: article.content };
}
return times;
})()`;
  return (await evaluateInWorld(page, world, [expression]))[0] as BaselineTimes;
}

/**
 * Evaluates `expressions` one after another (each its own task) in a fresh isolated world of the
 * page (named for no one else), or in its main world, through the debugger protocol, so that no
 * page CSP blocks them; answers their values.
 */
export async function evaluateInWorld(page: Page, world: BaselineWorld, expressions: readonly string[]): Promise<unknown[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    let contextId: number | undefined;
    if (world === 'isolated') {
      const { frameTree } = await cdp.send('Page.getFrameTree');
      ({ executionContextId: contextId } = await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'readability-baseline' }));
    }
    const values: unknown[] = [];
    for (const expression of expressions) {
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, contextId, returnByValue: true });
      if (exceptionDetails) throw new Error(`The evaluation failed: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
      values.push(result.value);
    }
    return values;
  } finally {
    await cdp.detach();
  }
}
