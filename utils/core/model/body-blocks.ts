import type { HtmlParser } from '../format/html-parser';

// The body as a list of top-level blocks, so the user can remove one (a caption, a promo
// paragraph) before export. Parsing needs a DOM: the caller passes its `DOMParser`.

export type { HtmlParser };

export interface BodyBlock {
  html: string;
  /** The block's text, for showing it in a list. */
  text: string;
}

export function splitBlocks(html: string, parser: HtmlParser): BodyBlock[] {
  const body = parser.parseFromString(`<body>${html}</body>`, 'text/html').body;
  // Serialises loose text as the stored body does: the DOM's own escaping.
  const holder = body.ownerDocument.createElement('span');
  const blocks: BodyBlock[] = [];
  for (const node of Array.from(body.childNodes)) {
    const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (node.nodeType === 1) {
      blocks.push({ html: (node as Element).outerHTML, text: text || `<${(node as Element).tagName.toLowerCase()}>` });
    } else if (node.nodeType === 3 && text) {
      holder.textContent = text;
      blocks.push({ html: holder.innerHTML, text });
    }
  }
  return blocks;
}

export function joinBlocks(blocks: BodyBlock[]): string {
  return blocks.map((b) => b.html).join('');
}
