// Test helper: the HTML parser the extension gets from `new DOMParser()`, here jsdom's.
import { JSDOM } from 'jsdom';
import type { HtmlParser } from './html-parser';

const { window } = new JSDOM('');

export const testParser: HtmlParser = new window.DOMParser();

/** The visible text of an HTML fragment, whitespace runs collapsed (for comparing conversions). */
export function visibleText(html: string): string {
  const doc = testParser.parseFromString(`<body>${html}</body>`, 'text/html');
  return (doc.body?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
