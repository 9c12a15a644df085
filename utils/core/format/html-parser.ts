// The one way the pure core reads HTML: a parser handed in by the caller. Extension pages pass
// `new DOMParser()`; Node tests and benchmarks pass jsdom's. Nothing here touches a global DOM.

/** What `DOMParser` offers and the core needs. */
export interface HtmlParser {
  parseFromString(source: string, type: 'text/html'): Document;
  /**
   * A stored body parsed more cheaply than into a document of its own, where the environment has
   * a way. Only Node tests and benchmarks give one (jsdom, utils/format/test-parser.ts): there a
   * document per body kept the live heap of a 1,000-clip export at 636 MB, against 77 MB.
   */
  parseBody?(html: string): ParsedBody;
}

// Node type numbers: the `Node` global does not exist in the worker or in plain Node.
export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const DOCUMENT_FRAGMENT_NODE = 11;

/** A parsed body: its nodes, and the HTML they serialise to (after any change made to them). */
export interface ParsedBody {
  root: DocumentFragment | HTMLElement;
  html(): string;
}

/**
 * Parses a stored body into the `<body>` of a document of its own. A DOMParser document has no
 * browsing context, so nothing in it loads or runs. (A `<template>` of one shared document parses
 * about twice as fast, but only through an `innerHTML` assignment, which Firefox's add-on linter
 * flags in every build; the stored bodies are already sanitized, and a parse is about a
 * millisecond either way.)
 */
export function parseBody(parser: HtmlParser, html: string): ParsedBody {
  if (parser.parseBody) return parser.parseBody(html);
  const body = parser.parseFromString(html, 'text/html').body;
  return { root: body, html: () => body.innerHTML };
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
