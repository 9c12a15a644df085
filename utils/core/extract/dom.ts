// DOM helpers that need the page's window rather than globals (the core takes it as a parameter).

/**
 * Parses `html` into a document of its own: DOMParser documents are inert (no script runs, no
 * image or stylesheet loads), unlike elements of the live page that get `innerHTML`.
 */
export function parseInert(html: string, win: Window): Document {
  const { DOMParser } = win as Window & typeof globalThis;
  return new DOMParser().parseFromString(html, 'text/html');
}
