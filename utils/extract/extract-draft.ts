// The content script's whole job: the live page in, a ClipDraft out. The live document is only
// read; everything that changes a DOM (lazy images, Readability, which rewrites its input) works
// on a clone, so clipping never disturbs the page the reader is looking at.

import { Readability } from '@mozilla/readability';
import type { ClipDraft, ExtractMode, ExtractResult } from '../types';
import { resolveLazyImages } from './lazy-images';
import { readMetadata, type PageMetadata } from './metadata';
import { normalizeBody, type NormalizedBody } from './normalize-body';
import { sanitizeHtml } from './sanitize';
import { cjkShare, countScripts, sampleText, weightedLength } from './text';

export interface ExtractOptions {
  mode: ExtractMode;
  /** Clock for rejecting future dates (tests pin it). */
  now?: number;
}

/** Readability's default minimum, written for Latin text. */
const LATIN_CHAR_THRESHOLD = 500;
/**
 * Below this many Latin-equivalent characters (CJK counting three) there is no article: about 25
 * English words or 50 Chinese characters, less than any news brief.
 */
const MIN_ARTICLE_WEIGHT = 140;
const HIDDEN = '[hidden], [aria-hidden="true"], template, noscript';
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/i;

/**
 * Readability gives up on text shorter than its threshold and retries with weaker heuristics.
 * One CJK character carries about three Latin ones, so a mostly CJK page gets a third of the
 * threshold and a 300-character Chinese report still clips cleanly.
 */
function charThresholdFor(doc: Document): number {
  const share = cjkShare(countScripts(sampleText(doc.body ?? doc.documentElement)));
  return Math.round(LATIN_CHAR_THRESHOLD / (1 + 2 * share));
}

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

function toDraft(pageUrl: string, meta: PageMetadata, body: NormalizedBody, fullPage: boolean): ClipDraft {
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
    fullPage,
  };
  // Absent fields are left out rather than set to undefined: the draft crosses executeScript
  // and messages and is stored as is.
  for (const key of Object.keys(draft) as Array<keyof ClipDraft>) if (draft[key] === undefined) delete draft[key];
  return draft;
}

/**
 * Extracts a clip draft from the live page `doc` shown in `win` (never modified). Mode 'article'
 * answers `{ ok: false, reason: 'no-article' }` when the page has no article; the user can then
 * choose 'full-page'.
 */
export function extractDraft(doc: Document, win: Window, options: ExtractOptions): ExtractResult {
  const now = options.now ?? Date.now();
  const pageUrl = doc.URL;
  const baseUrl = doc.baseURI || pageUrl;
  const clone = doc.cloneNode(true) as Document;
  resolveLazyImages(clone, win);

  if (options.mode === 'full-page') {
    const meta = readMetadata(doc, pageUrl, { now });
    const body = normalizeBody(sanitizeHtml(fullPageHtml(clone), win), win, baseUrl);
    return { ok: true, draft: toDraft(pageUrl, meta, body, true) };
  }

  // keepClasses: the sanitizer decides which classes survive (code language classes).
  const article = new Readability(clone, { charThreshold: charThresholdFor(doc), keepClasses: true }).parse();
  const meta = readMetadata(doc, pageUrl, { now, readability: article });
  const enough = weightedLength(countScripts(article?.textContent ?? '')) >= MIN_ARTICLE_WEIGHT;
  if (!article?.content || !enough) return { ok: false, reason: 'no-article', title: meta.title || meta.url };
  const body = normalizeBody(sanitizeHtml(article.content, win), win, baseUrl);
  return { ok: true, draft: toDraft(pageUrl, meta, body, false) };
}
