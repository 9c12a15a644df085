// One page's article: Readability on a prepared clone, then the stored body form. Shared by the
// clipped page and by the further pages of a multi-page article.

import { Readability } from '@mozilla/readability';
import { resolveLazyImages } from './lazy-images';
import { keepMathJaxFormulas } from './math';
import { storedBodySteps, type NormalizedBody } from './normalize-body';
import { CODE_LANGUAGE_CLASS } from './sanitize';
import { runSteps, type Steps } from './steps';
import { cjkShare, collapseWhitespace, countScripts, sampleText, weightedLength } from './text';

/** Readability's default minimum, written for Latin text. */
const LATIN_CHAR_THRESHOLD = 500;
/**
 * Below this many Latin-equivalent characters (CJK counting three) there is no article: about 25
 * English words or 50 Chinese characters, less than any news brief.
 */
const MIN_ARTICLE_WEIGHT = 140;
/**
 * Text a page must hold, besides its title, for a clip of less than an article: a sentence of
 * about eight English words or fifteen Chinese characters ("Pick a section." is not one).
 */
const MIN_FALLBACK_WEIGHT = 45;

export type ReadabilityArticle = NonNullable<ReturnType<Readability<string>['parse']>>;

/**
 * Readability gives up on text shorter than its threshold and retries with weaker heuristics.
 * One CJK character carries about three Latin ones, so a mostly CJK page gets a third of the
 * threshold and a 300-character Chinese report still clips cleanly.
 */
function charThresholdFor(sample: string): number {
  const share = cjkShare(countScripts(sample));
  return Math.round(LATIN_CHAR_THRESHOLD / (1 + 2 * share));
}

/** The code language classes (`language-js`) the page uses, on its code blocks. */
function codeLanguageClasses(doc: Document): string[] {
  const classes = new Set<string>();
  for (const el of doc.querySelectorAll('pre[class], code[class]')) {
    for (const c of (el.getAttribute('class') ?? '').split(/\s+/)) if (CODE_LANGUAGE_CLASS.test(c)) classes.add(c);
  }
  return [...classes];
}

/**
 * Every <form> of the clone becomes a <div> holding the same nodes. A form's controls shadow its
 * DOM properties (`<input name="parentNode">` makes `form.parentNode` that input), and Readability,
 * walking up and across through those properties, then loops for ever and freezes the tab. Forms
 * are dropped by the sanitizer anyway (their text kept), so nothing of the clip is lost. The move
 * goes through a Range, which reads no property of the form itself.
 */
export function unwrapForms(clone: Document): void {
  const forms = clone.getElementsByTagName('form');
  if (forms.length === 0) return;
  const range = clone.createRange();
  for (const form of [...forms]) {
    const div = clone.createElement('div');
    range.selectNodeContents(form);
    div.appendChild(range.extractContents());
    range.selectNode(form);
    range.deleteContents();
    range.insertNode(div);
  }
}

/** What the page holds before Readability changes it: lazy images resolved, formulas kept, no forms. */
export function prepareClone(clone: Document, win: Window): void {
  resolveLazyImages(clone, win);
  keepMathJaxFormulas(clone);
  unwrapForms(clone);
}

export interface PageArticle {
  /** Readability's result (its metadata hints too); null when it found nothing. */
  article: ReadabilityArticle | null;
  /** The stored body, absent when there is no article or far too little text. */
  body?: NormalizedBody;
  /**
   * Where there is too little for an article but the page has real text (a video's description,
   * a short notice): what Readability kept, which is what it and Defuddle give in such a case.
   */
  fallbackBody?: NormalizedBody;
}

const LINK_LIST = 'ul, ol, nav, section, aside, div';

/**
 * Lists of links to other pages ("More videos"), which Readability keeps around a text too short
 * to tell them apart by: an element with two links or more whose text is mostly theirs.
 */
function dropLinkLists(body: Element): void {
  for (const el of [...body.querySelectorAll(LINK_LIST)]) {
    if (!el.isConnected) continue;
    const links = el.querySelectorAll('a[href]');
    if (links.length < 2) continue;
    const text = countScripts(el.textContent ?? '').total;
    const linked = [...links].reduce((sum, a) => sum + countScripts(a.textContent ?? '').total, 0);
    if (linked * 2 >= text) el.remove();
  }
}

/** Text weight of `text` once the title's occurrences are taken out of it. */
function weightBesidesTitle(text: string, title: string | null | undefined): number {
  const t = collapseWhitespace(title ?? '');
  const rest = t ? collapseWhitespace(text).split(t).join(' ') : text;
  return weightedLength(countScripts(rest));
}

/**
 * Reads the article of `clone` (a prepared copy: Readability rewrites it). `sample` is the page's
 * text as `sampleText` gives it (computed here unless the caller has it already).
 */
export function readArticle(clone: Document, win: Window, baseUrl: string, sample?: string): PageArticle {
  return runSteps(articleSteps(clone, win, baseUrl, sample));
}

/** `readArticle` in steps (see steps.ts): Readability's parse, then each step of the stored body. */
export function* articleSteps(clone: Document, win: Window, baseUrl: string, sample = sampleText(clone.body ?? clone.documentElement)): Steps<PageArticle> {
  // Readability drops every class but the code language classes (its own pass, the one its
  // default options make too), so the sanitizer sees fewer attributes; the sanitizer still decides
  // which classes survive, and where.
  const article = new Readability(clone, { charThreshold: charThresholdFor(sample), classesToPreserve: codeLanguageClasses(clone) }).parse();
  const text = article?.textContent ?? '';
  // A few hundred characters tell when there is enough (and need no count of a long article).
  const enough = [text.slice(0, 4 * MIN_ARTICLE_WEIGHT), text].some((t) => weightedLength(countScripts(t)) >= MIN_ARTICLE_WEIGHT);
  if (!article?.content) return { article };
  if (!enough) {
    // A short text that merely repeats the title ("Sections", "Pick a section.") is no clip.
    if (weightBesidesTitle(text, article.title) < MIN_FALLBACK_WEIGHT) return { article };
    yield;
    const fallbackBody = yield* storedBodySteps(article.content, win, baseUrl, dropLinkLists);
    return fallbackBody.textLength > 0 ? { article, fallbackBody } : { article };
  }
  yield;
  return { article, body: yield* storedBodySteps(article.content, win, baseUrl) };
}
