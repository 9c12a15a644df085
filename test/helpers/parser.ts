// Test helper: the HTML parser the extension gets from `new DOMParser()`, here jsdom's.
import { JSDOM } from 'jsdom';
import type { HtmlParser } from '../../utils/core/format/html-parser';

const { window } = new JSDOM('');
const domParser = new window.DOMParser();
// Bodies are parsed into <template>s of one inert document: in jsdom a document per body is kept
// alive long after its use (see HtmlParser.parseBody). Never part of the extension's bundle.
const templates = domParser.parseFromString('', 'text/html');

export const testParser: HtmlParser = {
  parseFromString: (source, type) => domParser.parseFromString(source, type),
  parseBody(html) {
    const template = templates.createElement('template');
    // eslint-disable-next-line no-unsanitized/property -- Node-only test parser; an inert template, never shown
    template.innerHTML = html;
    return { root: template.content, html: () => template.innerHTML };
  },
};

/** jsdom's DOMParser as it is, for checking the document-per-body path the extension takes. */
export const plainParser: HtmlParser = domParser;

/** The visible text of an HTML fragment, whitespace runs collapsed (for comparing conversions). */
export function visibleText(html: string): string {
  const doc = testParser.parseFromString(`<body>${html}</body>`, 'text/html');
  return (doc.body?.textContent ?? '').replace(/\s+/g, ' ').trim();
}
