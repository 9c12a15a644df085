// One page's article: Readability on a prepared clone, then the stored body form. Shared by the
// clipped page and by the further pages of a multi-page article.

import { Readability } from '@mozilla/readability';
import { resolveLazyImages } from './lazy-images';
import { keepMathJaxFormulas } from './math';
import { normalizeElement, type NormalizedBody } from './normalize-body';
import { sanitizeToBody } from './sanitize';
import { cjkShare, countScripts, sampleText, weightedLength } from './text';

/** Readability's default minimum, written for Latin text. */
const LATIN_CHAR_THRESHOLD = 500;
/**
 * Below this many Latin-equivalent characters (CJK counting three) there is no article: about 25
 * English words or 50 Chinese characters, less than any news brief.
 */
const MIN_ARTICLE_WEIGHT = 140;

export type ReadabilityArticle = NonNullable<ReturnType<Readability<Element>['parse']>>;

/**
 * Readability gives up on text shorter than its threshold and retries with weaker heuristics.
 * One CJK character carries about three Latin ones, so a mostly CJK page gets a third of the
 * threshold and a 300-character Chinese report still clips cleanly.
 */
function charThresholdFor(sample: string): number {
  const share = cjkShare(countScripts(sample));
  return Math.round(LATIN_CHAR_THRESHOLD / (1 + 2 * share));
}

/** What the page holds before Readability changes it: lazy images resolved, formulas kept. */
export function prepareClone(clone: Document, win: Window): void {
  resolveLazyImages(clone, win);
  keepMathJaxFormulas(clone);
}

export interface PageArticle {
  /** Readability's result (its metadata hints too); null when it found nothing. */
  article: ReadabilityArticle | null;
  /** The stored body, absent when there is no article or far too little text. */
  body?: NormalizedBody;
}

/**
 * Reads the article of `clone` (a prepared copy: Readability rewrites it). `sample` is the page's
 * text as `sampleText` gives it (computed here unless the caller has it already).
 */
export function readArticle(clone: Document, win: Window, baseUrl: string, sample = sampleText(clone.body ?? clone.documentElement)): PageArticle {
  // keepClasses: the sanitizer decides which classes survive (code language classes).
  // The article element itself, not its serialisation: the sanitizer copies it instead of
  // parsing a string that Readability would have written only to be parsed again.
  const article = new Readability(clone, { charThreshold: charThresholdFor(sample), keepClasses: true, serializer: (el) => el as Element }).parse();
  const enough = weightedLength(countScripts(article?.textContent ?? '')) >= MIN_ARTICLE_WEIGHT;
  if (!article?.content || !enough) return { article };
  return { article, body: normalizeElement(sanitizeToBody(article.content, win), baseUrl) };
}
