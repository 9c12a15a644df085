// The content script's whole job: the live page in, a ClipDraft out. The live document is only
// read; everything that changes a DOM (lazy images, Readability, which rewrites its input) works
// on a clone, so clipping never disturbs the page the reader is looking at.

import type { ClipDraft, ExtractMode, ExtractResult } from '../model/types';
import { articleSteps, prepareClone } from './article';
import { readMetadata, type PageMetadata } from './metadata';
import { joinNextPages, type FetchPage, MAX_PAGES } from './multi-page';
import { storedBodySteps, type NormalizedBody } from './normalize-body';
import { selectionHtml } from './selection';
import { runSteps, runStepsPaced, type Steps, type YieldToPage } from './steps';
import { sampleText } from './text';

export interface ExtractOptions {
  mode: ExtractMode;
  /** Clock for rejecting future dates (tests pin it). */
  now?: number;
}

export interface ClipOptions extends ExtractOptions {
  /** Fetches further pages of a multi-page article; without it only the page itself is clipped. */
  fetchPage?: FetchPage;
  /** Pages joined at most, the page itself included. */
  maxPages?: number;
  /**
   * Gives the page's thread back between the steps of the clip (see steps.ts), so that no task of
   * the clip runs much longer than Readability's parse alone; without it the clip is one task.
   */
  yieldToPage?: YieldToPage;
}

const HIDDEN = '[hidden], [aria-hidden="true"], template, noscript';
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

/** The page's main part for a full-page clip: its one <article>, else <main>, else <body>. */
function fullPageHtml(clone: Document): string {
  const articles = clone.querySelectorAll('article');
  const root =
    (articles.length === 1 ? articles[0] : undefined) ?? clone.querySelector('main, [role="main"]') ?? clone.body ?? clone.documentElement;
  // Once style attributes are sanitized away, hidden menus and dialogs would show in the clip.
  for (const el of [...root.querySelectorAll(HIDDEN)]) el.remove();
  for (const el of [...root.querySelectorAll('[style]')]) if (HIDDEN_STYLE.test(el.getAttribute('style') ?? '')) el.remove();
  return root.innerHTML;
}

type Kind = Pick<ClipDraft, 'fullPage' | 'selection' | 'fallback'>;

function toDraft(pageUrl: string, meta: PageMetadata, body: NormalizedBody, kind: Kind): ClipDraft {
  const draft: ClipDraft = {
    pageUrl,
    url: meta.url,
    // A page without any title still needs one in lists and exports.
    title: meta.title || meta.url,
    byline: meta.byline,
    source: meta.source,
    siteName: meta.siteName,
    lang: meta.lang,
    dir: meta.dir,
    excerpt: meta.excerpt,
    leadImage: meta.leadImage,
    publishedAt: meta.publishedAt,
    modifiedAt: meta.modifiedAt,
    keywords: meta.keywords,
    contentHtml: body.html,
    textLength: body.textLength,
    ...kind,
  };
  // Absent fields are left out rather than set to undefined: the draft crosses executeScript
  // and messages and is stored as is.
  for (const key of Object.keys(draft) as Array<keyof ClipDraft>) if (draft[key] === undefined) delete draft[key];
  return draft;
}

/**
 * Extracts a clip draft from the live page `doc` shown in `win` (never modified). Mode 'article'
 * answers `{ ok: false, reason: 'no-article' }` when the page has no article (the user can then
 * choose 'full-page'), mode 'selection' when nothing is selected.
 */
export function extractDraft(doc: Document, win: Window, options: ExtractOptions): ExtractResult {
  return runSteps(draftSteps(doc, win, options));
}

/** `extractDraft` in steps (see steps.ts): each `yield` is a place where the page may run. */
function* draftSteps(doc: Document, win: Window, options: ExtractOptions): Steps<ExtractResult> {
  const now = options.now ?? Date.now();
  const pageUrl = doc.URL;
  const baseUrl = doc.baseURI || pageUrl;

  if (options.mode === 'selection') {
    const meta = readMetadata(doc, pageUrl, { now });
    // Read before the page runs again: the reader may change the selection meanwhile.
    const html = selectionHtml(win);
    if (html === undefined) return { ok: false, reason: 'no-article', title: meta.title || meta.url };
    yield;
    const body = yield* storedBodySteps(html, win, baseUrl);
    return { ok: true, draft: toDraft(pageUrl, meta, body, { fullPage: false, selection: true }) };
  }

  const clone = doc.cloneNode(true) as Document;
  prepareClone(clone, win);
  if (options.mode === 'full-page') {
    const meta = readMetadata(doc, pageUrl, { now });
    const html = fullPageHtml(clone);
    yield;
    const body = yield* storedBodySteps(html, win, baseUrl);
    return { ok: true, draft: toDraft(pageUrl, meta, body, { fullPage: true }) };
  }

  // The page's text, sampled once: it sets Readability's threshold and the page's time zone.
  const sample = sampleText(doc.body ?? doc.documentElement);
  yield;
  const { article, body, fallbackBody } = yield* articleSteps(clone, win, baseUrl, sample);
  yield;
  const meta = readMetadata(doc, pageUrl, { now, readability: article, sample });
  if (body) return { ok: true, draft: toDraft(pageUrl, meta, body, { fullPage: false }) };
  // Less than an article but real text: clipped, and marked, as the peers would clip it.
  if (fallbackBody) return { ok: true, draft: toDraft(pageUrl, meta, fallbackBody, { fullPage: false, fallback: true }) };
  return { ok: false, reason: 'no-article', title: meta.title || meta.url };
}

/**
 * `extractDraft`, and for an article that spans several pages, its further pages joined in order
 * (`pageCount`), with `missingPages` naming a next page that could not be clipped.
 */
export async function extractClip(doc: Document, win: Window, options: ClipOptions): Promise<ExtractResult> {
  const { yieldToPage } = options;
  const result = yieldToPage ? await runStepsPaced(draftSteps(doc, win, options), yieldToPage) : extractDraft(doc, win, options);
  if (!result.ok || options.mode !== 'article' || result.draft.fallback || !options.fetchPage) return result;
  const joined = await joinNextPages(doc, doc.URL, win, options.fetchPage, options.maxPages ?? MAX_PAGES, yieldToPage);
  if (joined.bodies.length === 0 && joined.missingPages.length === 0) return result;
  const draft: ClipDraft = {
    ...result.draft,
    contentHtml: [result.draft.contentHtml, ...joined.bodies.map((b) => b.html)].join(''),
    textLength: joined.bodies.reduce((sum, b) => sum + b.textLength, result.draft.textLength),
  };
  if (joined.bodies.length > 0) draft.pageCount = 1 + joined.bodies.length;
  if (joined.missingPages.length > 0) draft.missingPages = joined.missingPages;
  return { ok: true, draft };
}
