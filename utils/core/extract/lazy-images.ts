// Lazy-loading scripts keep the real image address in data attributes or in a <noscript>
// fallback until the image scrolls into view; a clip made before that would keep a grey pixel.
// This runs on the clone only, before Readability (whose own lazy-image pass knows fewer names).

import { parseInert } from './dom';
import { largestCandidate } from './srcset';

/** Attributes lazy loaders move into `src`, most common first. */
const LAZY_SRC = ['data-src', 'data-original', 'data-actualsrc', 'data-lazy-src', 'data-original-src', 'data-lazyload'];
/** Attributes lazy loaders move into `srcset`. */
const LAZY_SRCSET = ['data-srcset', 'data-lazy-srcset'];
const LAZY_IMAGES = [...LAZY_SRC, ...LAZY_SRCSET, 'srcset'].map((a) => `img[${a}]`).join(', ');
const LAZY_SOURCES = LAZY_SRCSET.map((a) => `picture > source[${a}]`).join(', ');
/** File names of the stand-ins shown until the real image loads ("blank.gif", "lazy-placeholder.png"). */
const PLACEHOLDER_FILE =
  /(?:^|\/)(?:blank|spacer|pixel|1x1|transparent|placeholder|lazy|loading|grey|gray|empty)(?:[-_.]?\w{0,12})?\.(?:gif|png|svg)(?:$|[?#])/i;

export function isPlaceholderSrc(src: string | null | undefined): boolean {
  const s = (src ?? '').trim();
  return s === '' || s === 'about:blank' || /^data:/i.test(s) || PLACEHOLDER_FILE.test(s);
}

function firstUsable(el: Element, names: readonly string[]): string | undefined {
  for (const name of names) {
    const value = el.getAttribute(name)?.trim();
    if (value && !/^data:/i.test(value)) return value;
  }
  return undefined;
}

function isPixel(img: Element): boolean {
  return ['width', 'height'].some((a) => /^[01](?:px)?$/.test(img.getAttribute(a)?.trim() ?? ''));
}

function resolveImage(img: Element): void {
  const lazySrcset = firstUsable(img, LAZY_SRCSET);
  if (lazySrcset) img.setAttribute('srcset', lazySrcset);
  const lazySrc = firstUsable(img, LAZY_SRC);
  if (lazySrc) {
    img.setAttribute('src', lazySrc);
    return;
  }
  if (isPlaceholderSrc(img.getAttribute('src'))) {
    const fromSrcset = largestCandidate(img.getAttribute('srcset') ?? '');
    if (fromSrcset && !isPlaceholderSrc(fromSrcset)) img.setAttribute('src', fromSrcset);
  }
}

/**
 * The images inside a <noscript>. In a page with scripting on, its content is one raw text node,
 * so it is parsed (inertly: nothing loads or runs).
 */
function noscriptImages(noscript: Element, win: Window): Element[] {
  if (noscript.children.length > 0) return [...noscript.querySelectorAll('img')];
  const text = noscript.textContent ?? '';
  if (!/<img\b/i.test(text)) return [];
  return [...parseInert(text, win).querySelectorAll('img')];
}

function useNoscriptFallback(noscript: Element, win: Window): void {
  const images = noscriptImages(noscript, win);
  const fallback = images[0];
  if (images.length !== 1 || !fallback || isPixel(fallback) || isPlaceholderSrc(fallback.getAttribute('src'))) return;
  const doc = noscript.ownerDocument;
  const prev = noscript.previousElementSibling;
  const target = prev?.tagName === 'IMG' ? prev : prev?.querySelectorAll('img').length === 1 ? prev.querySelector('img') : null;
  if (!target) {
    noscript.replaceWith(doc.importNode(fallback, true));
    return;
  }
  const lazy = [...LAZY_SRC, ...LAZY_SRCSET].some((a) => target.hasAttribute(a));
  if (lazy || isPlaceholderSrc(target.getAttribute('src'))) {
    for (const a of ['src', 'srcset', 'alt', 'width', 'height']) {
      const value = fallback.getAttribute(a);
      if (value !== null && (a !== 'alt' || !target.getAttribute('alt'))) target.setAttribute(a, value);
    }
    for (const a of [...LAZY_SRC, ...LAZY_SRCSET]) target.removeAttribute(a);
  }
  noscript.remove();
}

/** Gives every image of `doc` (a clone, never the live page) its real `src`/`srcset`. */
export function resolveLazyImages(doc: Document, win: Window): void {
  for (const noscript of [...doc.querySelectorAll('noscript')]) useNoscriptFallback(noscript, win);
  // Only an image with a lazy attribute or a srcset can change: the query leaves the rest out
  // natively (most images of a page, and all of them on many).
  for (const img of [...doc.querySelectorAll(LAZY_IMAGES)]) resolveImage(img);
  for (const source of [...doc.querySelectorAll(LAZY_SOURCES)]) {
    const lazySrcset = firstUsable(source, LAZY_SRCSET);
    if (lazySrcset) source.setAttribute('srcset', lazySrcset);
  }
}
