// "Clip selection": the HTML of what the reader selected (every range; Firefox allows several),
// copied into an inert document so nothing in it loads or runs, with lazy images resolved.

import { parseInert } from './dom';
import { resolveLazyImages } from './lazy-images';

/** The selected HTML of `win`'s document, or undefined when nothing (or only whitespace) is selected. */
export function selectionHtml(win: Window): string | undefined {
  const selection = win.getSelection();
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return undefined;
  const holder = parseInert('<!doctype html><body></body>', win);
  for (let i = 0; i < selection.rangeCount; i++) {
    const range = selection.getRangeAt(i);
    if (range.collapsed) continue;
    holder.body.append(holder.importNode(range.cloneContents(), true));
  }
  if (!(holder.body.textContent ?? '').trim() && !holder.body.querySelector('img, picture, video, math, svg')) return undefined;
  resolveLazyImages(holder, win);
  return holder.body.innerHTML;
}
