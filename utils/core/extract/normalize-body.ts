// The stored form of an article body (FORMAT.md "Body"): wrappers removed, URLs absolute, and one
// line of HTML, so the archive post can hold it between `<div>` and `</div>` byte for byte.

import { meaningfulClasses, sanitizeToBody } from './sanitize';
import { parseSrcset, serializeSrcset } from './srcset';
import { runSteps, type Steps } from './steps';
import { countNonWhitespace } from './text';

export interface NormalizedBody {
  /** One-line HTML: the body of the post. */
  html: string;
  /** Non-whitespace characters of its text. */
  textLength: number;
}

const URL_ATTRIBUTES = ['href', 'src', 'poster', 'cite', 'xlink:href'];
const URL_LIST_ATTRIBUTES = ['srcset'];
/** Attributes dropped even when the sanitizer kept them: page plumbing, not content. */
const DROPPED_ATTRIBUTE = /^(?:data-|ping$)/i;
/** Elements whose whitespace is content. */
const PREFORMATTED = 'pre, listing, xmp, plaintext, textarea';
/** Elements next to which whitespace renders as nothing (inside <picture>, it means nothing). */
const BLOCKS = new Set(
  (
    'address article aside blockquote body caption center col colgroup dd details dialog dir div dl dt fieldset ' +
    'figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main menu nav ol p pre section summary ' +
    'table tbody td tfoot th thead tr ul picture source'
  ).split(' '),
);
/** HTML's own whitespace: a no-break or ideographic space is text and is kept. */
const HTML_SPACE_ONLY = /^[ \t\n\f\r]*$/;
const RUN_WITH_NEWLINE = /[ \t\f\r]*\n[ \t\n\f\r]*/g;
const COMMENT_NODE = 8;
/** NodeFilter's SHOW_TEXT and SHOW_COMMENT, written out so no global is needed. */
const SHOW_TEXT = 0x4;
const SHOW_COMMENT = 0x80;
const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

function isBlock(node: Node | null): boolean {
  return node !== null && node.nodeType === ELEMENT_NODE && BLOCKS.has(node.nodeName.toLowerCase());
}

function absolute(value: string, baseUrl: string): string {
  try {
    return new URL(value.trim(), baseUrl).href;
  } catch {
    return value;
  }
}

/** Steps into the only `<div>` child (whitespace-only text ignored) while there is one. */
function unwrap(root: Element): Element {
  let current = root;
  for (;;) {
    const children = [...current.childNodes].filter(
      (n) => n.nodeType !== COMMENT_NODE && !(n.nodeType === TEXT_NODE && HTML_SPACE_ONLY.test(n.nodeValue ?? '')),
    );
    const only = children[0];
    if (children.length !== 1 || !only || only.nodeName !== 'DIV') return current;
    current = only as Element;
  }
}

function fixAttributes(el: Element, baseUrl: string): void {
  for (const attr of [...el.attributes]) {
    const name = attr.name.toLowerCase();
    if (DROPPED_ATTRIBUTE.test(name)) el.removeAttribute(attr.name);
    else if (name === 'class') {
      const kept = meaningfulClasses(el.tagName, attr.value);
      if (!kept) el.removeAttribute(attr.name);
      else if (kept !== attr.value) el.setAttribute(attr.name, kept);
    } else if (URL_ATTRIBUTES.includes(name)) el.setAttribute(attr.name, absolute(attr.value, baseUrl));
    else if (URL_LIST_ATTRIBUTES.includes(name)) {
      const candidates = parseSrcset(attr.value).map((c) => ({ ...c, url: absolute(c.url, baseUrl) }));
      el.setAttribute(attr.name, serializeSrcset(candidates));
    }
  }
}

/** `inPre`: whether any preformatted element may hold the text (when none does, none is looked for). */
function fixText(text: Text, inPre: boolean): void {
  const parent = text.parentElement;
  if (inPre && parent?.closest(PREFORMATTED)) return;
  const value = text.nodeValue ?? '';
  if (HTML_SPACE_ONLY.test(value)) {
    // A missing neighbour is a block edge only when the parent itself is a block.
    const edge = parent === null || isBlock(parent);
    const prev = text.previousSibling;
    const next = text.nextSibling;
    if ((prev ? isBlock(prev) : edge) && (next ? isBlock(next) : edge)) {
      text.remove();
      return;
    }
  }
  if (value.includes('\n')) text.nodeValue = value.replace(RUN_WITH_NEWLINE, ' ');
}

/**
 * The parser drops one newline right after `<pre>`; a text that really starts with one needs a
 * second, or the stored body would lose it when read back.
 */
function keepLeadingNewlines(root: Element): void {
  for (const pre of root.querySelectorAll('pre, listing')) {
    const first = pre.firstChild;
    if (first?.nodeType === TEXT_NODE && first.nodeValue?.startsWith('\n')) first.nodeValue = `\n${first.nodeValue}`;
  }
}

/**
 * The stored body of untrusted page HTML: sanitized with the one policy, then normalised.
 * `baseUrl` is the page's base URL (`document.baseURI`), against which URLs are resolved; `win`
 * provides the parser (DOMPurify's documents are inert: nothing in `html` loads or runs).
 */
export function storedBody(html: string, win: Window, baseUrl: string, prune?: (body: Element) => void): NormalizedBody {
  return runSteps(storedBodySteps(html, win, baseUrl, prune));
}

/**
 * `storedBody` in two steps (see steps.ts): the sanitizer, then the normalising. `prune` takes
 * out of the sanitized body what the caller does not want kept.
 */
export function* storedBodySteps(html: string, win: Window, baseUrl: string, prune?: (body: Element) => void): Steps<NormalizedBody> {
  const body = sanitizeToBody(html, win);
  prune?.(body);
  yield;
  return normalizeElement(body, baseUrl);
}

/**
 * Normalises the sanitized content of `body` (an inert document's body; it is changed in place),
 * its classes filtered as the sanitizer's policy says (`meaningfulClasses`).
 */
function normalizeElement(body: Element, baseUrl: string): NormalizedBody {
  const root = unwrap(body);
  const collect = (what: number) => {
    const nodes: Node[] = [];
    const walker = body.ownerDocument.createTreeWalker(root, what);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
    return nodes;
  };
  for (const comment of collect(SHOW_COMMENT)) (comment as Comment).remove();
  // Most elements have no attribute at all; the query is one native call.
  for (const el of root.querySelectorAll('*')) if (el.hasAttributes()) fixAttributes(el, baseUrl);
  // Removed comments leave text nodes side by side: joined, whitespace between blocks is one
  // node that can be dropped whole.
  root.normalize();
  // `root` is the body or a <div> in it: only a preformatted element inside it can hold text.
  const inPre = root.querySelector(PREFORMATTED) !== null;
  for (const node of collect(SHOW_TEXT)) fixText(node as Text, inPre);
  keepLeadingNewlines(root);
  // Only preformatted text (and attribute values) can still hold line breaks; as character
  // references they keep their meaning and the body stays on one line.
  const oneLine = root.innerHTML.replace(/\r/g, '&#13;').replace(/\n/g, '&#10;');
  return { html: oneLine, textLength: countNonWhitespace(root.textContent ?? '') };
}
