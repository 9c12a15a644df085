// Test helper: a jsdom page at a given address, as the content script would see it.
import { JSDOM } from 'jsdom';

export const PAGE_URL = 'https://news.example.com/2023/06/18/story.html';
/** A fixed clock after every date the tests use. */
export const NOW = Date.UTC(2024, 0, 1);

export function makePage(html: string, url = PAGE_URL): { doc: Document; win: Window } {
  const { window } = new JSDOM(html, { url });
  // jsdom's window implements the parts of `Window` the extractor uses, not every global.
  return { doc: window.document, win: window as unknown as Window };
}
