// Article HTML to Markdown: Turndown, plus the rules that make the result faithful and give it
// GitHub's extensions: text escaped for the reader's Markdown (markdown-escape), GFM tables
// (markdown-tables), strikethrough, fenced code with its language, absolute link and image URLs,
// emphasis that still works next to CJK punctuation, and the site generator's own delimiters kept
// out of its way. (Task lists need no rule: a stored body holds no checkboxes.)

import TurndownService from 'turndown';
import { DOCUMENT_FRAGMENT_NODE, isElement, parseBody, TEXT_NODE, type HtmlParser } from './html-parser';
import { escapeLabel, escapeMarkdownText, type MarkdownFlavor } from './markdown-escape';
import { isPlainTable, KEEP_AS_HTML, tableRules } from './markdown-tables';
import { protectFromHugo, protectFromLiquid } from './site-generators';

/**
 * Where the Markdown goes. `gfm`: CommonMark with GitHub's extensions (plain Markdown files,
 * GitHub, editors). `jekyll`: kramdown's extra escapes and Liquid protection. `hugo`: GFM plus
 * shortcode protection. `obsidian`: GFM plus Obsidian's extra syntax escaped.
 */
export type MarkdownTarget = 'gfm' | 'jekyll' | 'hugo' | 'obsidian';

export interface MarkdownOptions {
  parser: HtmlParser;
  /** The article URL: relative links and images are resolved against it. */
  baseUrl?: string;
  target?: MarkdownTarget;
  /**
   * The article's addresses (its URL, the page it was clipped from): a link in a heading to a
   * fragment of one of them is the page's own anchor. Links starting with `#` always are.
   */
  pageUrls?: readonly (string | undefined)[];
  /**
   * False leaves Liquid and Hugo delimiters as they are, for a caller that protects the whole
   * file itself (the template engine protects each value it inserts).
   */
  protectDelimiters?: boolean;
}

export function flavorOf(target: MarkdownTarget): MarkdownFlavor {
  if (target === 'jekyll') return 'kramdown';
  return target === 'obsidian' ? 'obsidian' : 'gfm';
}

// Turndown's block list plus the table parts and list items: each starts a new line.
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'AUDIO', 'BLOCKQUOTE', 'BODY', 'CANVAS', 'CAPTION', 'CENTER', 'DD', 'DETAILS',
  'DIR', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5',
  'H6', 'HEADER', 'HGROUP', 'HR', 'HTML', 'LI', 'MAIN', 'MENU', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY',
  'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL', 'VIDEO',
]);
const INLINE_CODE = new Set(['CODE', 'KBD', 'SAMP', 'TT']);
// Media Markdown cannot express: kept as HTML.
const KEPT = new Set(['VIDEO', 'AUDIO']);

function absolute(url: string, base: string | undefined): string {
  try {
    return new URL(url, base).href;
  } catch {
    return url;
  }
}

const HEADINGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
// What permalink anchors show: `#`, `¶`, `§`, a link symbol, or nothing (an icon, a zero-width space).
const ANCHOR_SYMBOLS = /^(?:[\s\u200b-\u200d\ufeff#¶§🔗⚓∞*|]|\uFE0F)*$/u;
// Class names that site generators and themes give heading anchors.
const ANCHOR_CLASS = /(?:^|[\s_-])(?:anchor|anchorjs|headerlink|header-link|heading-link|hash-link|permalink|direct-link|deep-link)(?:[\s_-]|$)/i;

const withoutHash = (url: string) => url.replace(/#.*$/s, '');

/** A link to a place on this very page: `#id`, or one of the page's addresses with a fragment. */
function toThisPage(href: string, pageUrls: readonly string[]): boolean {
  if (href.startsWith('#')) return true;
  if (!href.includes('#')) return false;
  const target = withoutHash(absolute(href, pageUrls[0]));
  return pageUrls.some((url) => withoutHash(url) === target);
}

/**
 * Drops the anchors that make headings linkable (`[#](…#section)`, `¶`, a hidden permalink icon):
 * they are the page's navigation, not the heading's words. A heading whose text itself links to
 * its own anchor keeps the text without the link. Links to other pages stay.
 */
export function dropHeadingAnchors(heading: Element, pageUrls: readonly string[]): void {
  for (const link of Array.from(heading.querySelectorAll('a'))) {
    const href = link.getAttribute('href') ?? '';
    const symbolsOnly = ANCHOR_SYMBOLS.test(link.textContent ?? '') && !link.querySelector('img');
    const anchor = symbolsOnly || toThisPage(href, pageUrls) || ANCHOR_CLASS.test(link.getAttribute('class') ?? '');
    if (!anchor) continue;
    if (symbolsOnly) link.remove();
    else link.replaceWith(...Array.from(link.childNodes));
  }
}

/**
 * Prepares the parsed body for Turndown: drops heading anchors, resolves URLs, marks tables to keep as HTML, and escapes
 * every text node outside code, knowing (unlike Turndown's own escaping) whether it starts a line.
 */
function prepare(root: ParentNode, flavor: MarkdownFlavor, baseUrl: string | undefined, pageUrls: readonly string[]): void {
  let lineStart = true;
  // Attributes and text are written back only when they change: with jsdom every write runs the
  // DOM's mutation machinery, which cost more than the whole conversion.
  const resolve = (el: Element, attribute: string) => {
    const value = el.getAttribute(attribute);
    if (value === null) return;
    const resolved = absolute(value, baseUrl);
    if (resolved !== value) el.setAttribute(attribute, resolved);
  };
  const visitChildren = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) visit(child);
  };
  const visit = (node: Node): void => {
    if (node.nodeType === TEXT_NODE) {
      const value = node.nodeValue ?? '';
      if (/^[ \t\r\n]*$/.test(value)) return;
      const escaped = escapeMarkdownText(value, { flavor, lineStart });
      if (escaped !== value) node.nodeValue = escaped;
      lineStart = false;
      return;
    }
    if (node.nodeType === DOCUMENT_FRAGMENT_NODE) {
      visitChildren(node);
      return;
    }
    if (!isElement(node)) return;
    const name = node.nodeName;
    if (name === 'A') resolve(node, 'href');
    if (name === 'IMG') resolve(node, 'src');
    if (name === 'TABLE' && !isPlainTable(node)) {
      node.setAttribute(KEEP_AS_HTML, '');
      lineStart = true;
      return;
    }
    if (INLINE_CODE.has(name) || name === 'IMG' || KEPT.has(name)) {
      lineStart = false;
      return;
    }
    if (name === 'PRE') {
      lineStart = true;
      return;
    }
    if (HEADINGS.has(name)) dropHeadingAnchors(node, pageUrls);
    const block = BLOCKS.has(name);
    if (block || name === 'BR') lineStart = true;
    visitChildren(node);
    if (block) lineStart = true;
  };
  visit(root as Node);
}

const PUNCTUATION = /[\p{P}\p{S}]/u;
const SPACE = /\s/u;

/** The character next to `node` on one side in the rendered text; a space at a block edge. */
function outsideChar(node: Node, side: 'before' | 'after'): string {
  let current: Node = node;
  for (;;) {
    let sibling = side === 'before' ? current.previousSibling : current.nextSibling;
    while (sibling) {
      if (isElement(sibling) && (BLOCKS.has(sibling.nodeName) || sibling.nodeName === 'BR')) return ' ';
      // An image's Markdown ends with `)` and starts with `!`: both punctuation.
      if (sibling.nodeName === 'IMG') return '!';
      const text = sibling.textContent ?? '';
      if (text !== '') return (side === 'before' ? text[text.length - 1] : text[0]) ?? ' ';
      sibling = side === 'before' ? sibling.previousSibling : sibling.nextSibling;
    }
    const parent = current.parentNode;
    if (!parent || !isElement(parent) || BLOCKS.has(parent.nodeName)) return ' ';
    current = parent;
  }
}

interface FlankedNode {
  flankingWhitespace?: { leading: string; trailing: string };
}

/**
 * Whether `delimiter` around `content` is read as emphasis: CommonMark refuses an opener followed
 * by punctuation unless it follows a space or punctuation (and the mirror rule for closers), which
 * is what breaks `的**“重要”**的`. Where it would fail, the caller writes the HTML element instead.
 */
function delimitersWork(content: string, node: Node): boolean {
  const chars = [...content];
  const first = chars[0] ?? '';
  const last = chars[chars.length - 1] ?? '';
  const spacing = (node as FlankedNode).flankingWhitespace;
  const before = spacing?.leading ? ' ' : outsideChar(node, 'before');
  const after = spacing?.trailing ? ' ' : outsideChar(node, 'after');
  const opens = !PUNCTUATION.test(first) || SPACE.test(before) || PUNCTUATION.test(before);
  const closes = !PUNCTUATION.test(last) || SPACE.test(after) || PUNCTUATION.test(after);
  return opens && closes;
}

function emphasisRule(delimiter: string, tag: string): TurndownService.Rule['replacement'] {
  return (content, node) => {
    if (!content.trim()) return content;
    return delimitersWork(content, node) ? `${delimiter}${content}${delimiter}` : `<${tag}>${content}</${tag}>`;
  };
}

/**
 * A link or image target. One with spaces or parentheses goes in angle brackets (CommonMark and
 * kramdown both read `<…>`), so the URL stays exactly the page's; only what `<…>` cannot hold
 * (angle brackets, line breaks) is percent-encoded.
 */
export function destination(url: string): string {
  const safe = url.replace(/[<>\r\n]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return /[\s()\\]/.test(safe) ? `<${safe}>` : safe;
}

const LANGUAGE_CLASS = /(?:^|\s)(?:language|lang)-([\w#+.-]+)/;
const HIGHLIGHT_CLASS = /(?:^|\s)highlight-(?:text|source)-([\w#+.-]+)/;

function languageOf(pre: Element): string {
  const code = pre.firstElementChild?.nodeName === 'CODE' ? pre.firstElementChild : undefined;
  for (const el of [code, pre]) {
    const match = LANGUAGE_CLASS.exec(el?.getAttribute('class') ?? '');
    if (match?.[1]) return match[1];
  }
  return HIGHLIGHT_CLASS.exec(pre.parentElement?.getAttribute('class') ?? '')?.[1] ?? '';
}

/**
 * The text of a `<pre>`, with `<br>` as line breaks (some sites break code lines with it) and
 * blocks on lines of their own (Readability turns `<br><br>` inside code into `<p>`).
 */
function preText(node: Node): string {
  if (node.nodeType === TEXT_NODE) return node.nodeValue ?? '';
  if (node.nodeName === 'BR') return '\n';
  let out = '';
  for (const child of node.childNodes) {
    const block = BLOCKS.has(child.nodeName);
    if (block && out !== '' && !out.endsWith('\n')) out += '\n';
    out += preText(child);
    if (block && !out.endsWith('\n')) out += '\n';
  }
  return out;
}

function fencedCode(pre: Element): string {
  const code = preText(pre).replace(/\n$/, '');
  if (code.trim() === '') return '';
  // The fence must be longer than any backtick run that could close it inside the code.
  let size = 3;
  for (const match of code.matchAll(/^ {0,3}(`{3,})/gm)) size = Math.max(size, (match[1] ?? '').length + 1);
  const fence = '`'.repeat(size);
  return `\n\n${fence}${languageOf(pre)}\n${code}\n${fence}\n\n`;
}

function inlineCode(node: Node): string {
  const text = (node.textContent ?? '').replace(/\r?\n|\r/g, ' ');
  if (text === '') return '';
  let delimiter = '`';
  const runs: string[] = text.match(/`+/g) ?? [];
  while (runs.includes(delimiter)) delimiter += '`';
  // CommonMark strips one space on each side of a code span, and a backtick at an edge would join the delimiter.
  const pad = /^`|`$/.test(text) || /^ .*\S.* $/.test(text) ? ' ' : '';
  return `${delimiter}${pad}${text}${pad}${delimiter}`;
}

function createService(flavor: MarkdownFlavor): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    emDelimiter: '*',
    strongDelimiter: '**',
  });
  // Text nodes arrive escaped by `prepare`, which knows where lines start.
  service.escape = (text: string) => text;
  tableRules(service);
  service.keep((node) => KEPT.has(node.nodeName));
  service.addRule('fencedPre', { filter: 'pre', replacement: (_content, node) => fencedCode(node as Element) });
  service.addRule('inlineCode', {
    filter: (node) => INLINE_CODE.has(node.nodeName) && node.parentNode?.nodeName !== 'PRE',
    replacement: (_content, node) => inlineCode(node),
  });
  service.addRule('emphasisFlanked', { filter: ['em', 'i'], replacement: emphasisRule('*', 'em') });
  service.addRule('strongFlanked', { filter: ['strong', 'b'], replacement: emphasisRule('**', 'strong') });
  // Two tildes: GFM and kramdown both read them (a single tilde is GitHub-only).
  service.addRule('strikethroughDouble', {
    filter: (node) => ['DEL', 'S', 'STRIKE'].includes(node.nodeName),
    replacement: emphasisRule('~~', 'del'),
  });
  service.addRule('superSubscript', {
    filter: ['sup', 'sub'],
    replacement: (content, node) => (content ? `<${node.nodeName.toLowerCase()}>${content}</${node.nodeName.toLowerCase()}>` : ''),
  });
  service.addRule('headingOneLine', {
    filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
    replacement: (content, node) => {
      const text = content.replace(/\s+/g, ' ').trim();
      if (text === '') return '';
      // A closing `#` run would be read as the end of an ATX heading.
      const safe = text.replace(/ (#+)$/, (_m, hashes: string) => ` \\${hashes}`);
      return `\n\n${'#'.repeat(Number(node.nodeName.charAt(1)))} ${safe}\n\n`;
    },
  });
  // A figure's caption stays a caption: its own line in italics under the image (Markdown has no
  // figure). The archive post, whose body is HTML, keeps <figure> and <figcaption> as they are.
  service.addRule('figureCaption', {
    filter: 'figcaption',
    replacement: (content) => {
      const text = content.replace(/\s+/g, ' ').trim();
      return text === '' ? '' : `\n\n*${text}*\n\n`;
    },
  });
  service.addRule('linkAbsolute', {
    filter: (node) => node.nodeName === 'A' && (node as Element).hasAttribute('href'),
    // A link without visible text is kept (`[](url)`): its target is part of the article.
    replacement: (content, node) => `[${content.trim().replace(/\n+/g, ' ')}](${destination((node as Element).getAttribute('href') ?? '')})`,
  });
  service.addRule('imageAbsolute', {
    filter: 'img',
    replacement: (_content, node) => {
      const src = (node as Element).getAttribute('src') ?? '';
      if (src === '') return '';
      return `![${escapeLabel((node as Element).getAttribute('alt') ?? '', flavor)}](${destination(src)})`;
    },
  });
  return service;
}

const services = new Map<MarkdownFlavor, TurndownService>();
function serviceFor(flavor: MarkdownFlavor): TurndownService {
  let service = services.get(flavor);
  if (!service) {
    service = createService(flavor);
    services.set(flavor, service);
  }
  return service;
}

/**
 * Converts an already parsed body to Markdown. The element is modified (escaped, URLs resolved):
 * pass a tree you own.
 */
export function bodyToMarkdown(root: DocumentFragment | Element, options: Omit<MarkdownOptions, 'parser'>): string {
  const target = options.target ?? 'gfm';
  const flavor = flavorOf(target);
  const pageUrls = [options.baseUrl, ...(options.pageUrls ?? [])].filter((url): url is string => typeof url === 'string' && url !== '');
  prepare(root, flavor, options.baseUrl, pageUrls);
  // Turndown copies its input before collapsing whitespace. The tree is the caller's to change
  // (see above), and with jsdom the copy costs as much as parsing: hand Turndown the tree itself.
  Object.defineProperty(root, 'cloneNode', { value: () => root, configurable: true });
  const markdown = serviceFor(flavor).turndown(root as unknown as HTMLElement);
  if (options.protectDelimiters === false) return markdown;
  if (target === 'jekyll') return protectFromLiquid(markdown);
  return target === 'hugo' ? protectFromHugo(markdown) : markdown;
}

/** Article HTML (the stored one-line body) to Markdown for `options.target`. */
export function htmlToMarkdown(html: string, options: MarkdownOptions): string {
  return bodyToMarkdown(parseBody(options.parser, html).root, options);
}
