// Test helper: the text a reader sees in HTML, for comparing a body before and after a
// conversion (to Markdown and back, or through a site generator).
import { dropHeadingAnchors } from '../../utils/core/format/markdown';
import { testParser } from './parser';

const BLOCK = /^(?:P|DIV|H[1-6]|LI|UL|OL|PRE|TABLE|CAPTION|THEAD|TBODY|TFOOT|TR|TD|TH|BLOCKQUOTE|FIGURE|FIGCAPTION|DL|DT|DD|HR|BR|SECTION|ARTICLE|ASIDE|HEADER|FOOTER)$/;

/** The text of a node with blocks apart: Markdown output puts line breaks between blocks, HTML need not. */
export function blockText(node: Node): string {
  if (node.nodeType === 3) return node.nodeValue ?? '';
  let out = '';
  for (const child of node.childNodes) out += blockText(child);
  return BLOCK.test(node.nodeName) ? ` ${out} ` : out;
}

/**
 * Markdown and YAML carry no C0 control characters (the exporter drops them); whitespace is
 * compared collapsed, as a browser shows it.
 */
export const normalText = (s: string) =>
  s
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/\s+/g, ' ')
    .trim();

export function readerText(html: string): string {
  const body = testParser.parseFromString(`<body>${html}</body>`, 'text/html').body;
  return normalText(body ? blockText(body) : '');
}

/**
 * The body as the Markdown presets write it: without the headings' own anchor links, which they
 * drop (markdown.ts); what the text tests compare a Markdown export with.
 */
export function withoutHeadingAnchors(html: string, pageUrls: readonly string[]): string {
  const body = testParser.parseFromString(`<body>${html}</body>`, 'text/html').body;
  if (!body) return html;
  for (const heading of Array.from(body.querySelectorAll('h1, h2, h3, h4, h5, h6'))) dropHeadingAnchors(heading, pageUrls);
  return body.innerHTML;
}
