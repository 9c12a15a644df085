// The one way the pure core reads HTML: a parser handed in by the caller. Extension pages pass
// `new DOMParser()`; Node tests and benchmarks pass jsdom's. Nothing here touches a global DOM.

/** What `DOMParser` offers and the core needs. */
export interface HtmlParser {
  parseFromString(source: string, type: 'text/html'): Document;
}

// Node type numbers: the `Node` global does not exist in the worker or in plain Node.
export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const DOCUMENT_FRAGMENT_NODE = 11;

/** A parsed body: its nodes, and the HTML they serialise to (after any change made to them). */
export interface ParsedBody {
  root: DocumentFragment;
  html(): string;
}

// One empty document per parser, made once: bodies are parsed into <template> elements of it.
// A DOMParser document has no browsing context and template contents are inert, so nothing in a
// body loads or runs; and a template is several times cheaper than a new document (in jsdom a
// parsed document is also kept alive far longer).
const documents = new WeakMap<HtmlParser, Document>();

export function parseBody(parser: HtmlParser, html: string): ParsedBody {
  let doc = documents.get(parser);
  if (!doc) {
    doc = parser.parseFromString('', 'text/html');
    documents.set(parser, doc);
  }
  const template = doc.createElement('template');
  // eslint-disable-next-line no-unsanitized/property -- parsed into an inert template of a DOMParser document, never shown or attached: nothing in it loads or runs
  template.innerHTML = html;
  return { root: template.content, html: () => template.innerHTML };
}

export function isElement(node: Node): node is Element {
  return node.nodeType === ELEMENT_NODE;
}

/** Whether any element under `root` satisfies `test` (a plain walk: selector engines cost more). */
export function someDescendant(root: Node, test: (el: Element) => boolean): boolean {
  for (let child = root.firstChild; child; child = child.nextSibling) {
    if (isElement(child) && (test(child) || someDescendant(child, test))) return true;
  }
  return false;
}
