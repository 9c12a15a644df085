// What "no active content" means for a stored article body, checked on the parsed tree rather than
// on the text: anything that runs (scripts, handlers, script URLs), loads or embeds another document
// (frames, objects, external SVG uses, links, meta refresh), submits (forms and controls), styles
// or fetches through CSS, or changes how URLs resolve (<base>). The HTML is parsed as the preview
// parses it (the body of a document), every template's contents included; then it is serialised and
// parsed again, because mutation XSS hides in markup that turns active only on that second parse.
// Used by the sanitizer unit test (jsdom's DOMParser) and the browser tests (the same, in Node).

/** What `DOMParser` offers and the check needs. */
export interface HtmlParserLike {
  parseFromString(source: string, type: 'text/html'): Document;
}

const FORBIDDEN_ELEMENTS = new Set([
  'script', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'portal', 'fencedframe',
  'form', 'input', 'button', 'select', 'textarea', 'keygen', 'isindex',
  'style', 'link', 'meta', 'base',
  // SVG that runs, animates attributes into URLs, or embeds HTML.
  'foreignobject', 'handler', 'listener', 'set', 'animate', 'animatemotion', 'animatetransform', 'discard',
]);
const URL_ATTRIBUTES = new Set([
  'href', 'xlink:href', 'src', 'srcset', 'poster', 'background', 'action', 'formaction', 'data', 'codebase',
  'cite', 'lowsrc', 'dynsrc', 'longdesc', 'manifest', 'icon', 'xml:base', 'archive', 'classid', 'usemap',
]);
/** Always active whatever their value. */
const FORBIDDEN_ATTRIBUTES = new Set(['srcdoc', 'style', 'ping', 'formaction', 'action', 'http-equiv']);
// Whitespace and control characters that browsers skip or strip before reading a URL's scheme.
// eslint-disable-next-line no-control-regex -- control characters are exactly what is matched
const IGNORED_IN_SCHEME = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u2029\u205f\u3000\ufeff]/g;
const IMAGE_ELEMENTS = new Set(['img', 'source', 'image', 'picture']);

function unsafeUrl(element: string, attribute: string, value: string): boolean {
  const candidates = attribute === 'srcset' ? value.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '') : [value];
  return candidates.some((candidate) => {
    const url = candidate.replace(IGNORED_IN_SCHEME, '').toLowerCase();
    if (/^(?:javascript|vbscript|livescript|mocha):/.test(url)) return true;
    // Images may be inline data (scripts never run in an image); nothing else may be a data: document.
    if (url.startsWith('data:')) return !(IMAGE_ELEMENTS.has(element) && /^data:image\//.test(url));
    return false;
  });
}

function check(root: ParentNode, found: Set<string>): void {
  // A <body> tag inside the HTML lends its attributes to the document's body: check that too.
  const elements = [...(root.nodeType === 1 ? [root as Element] : []), ...Array.from(root.querySelectorAll('*'))];
  for (const el of elements) {
    const name = el.localName.toLowerCase();
    if (name === 'body' && el === root) {
      for (const attr of Array.from(el.attributes)) found.add(`${attr.name.toLowerCase()} on the body`);
      continue;
    }
    if (FORBIDDEN_ELEMENTS.has(name)) found.add(`<${name}>`);
    if (name === 'use') {
      const href = el.getAttribute('href') ?? el.getAttribute('xlink:href') ?? '';
      if (href && !href.startsWith('#')) found.add('<use> of another document');
    }
    for (const attr of Array.from(el.attributes)) {
      const attribute = attr.name.toLowerCase();
      if (attribute.startsWith('on')) found.add(`${attribute} handler`);
      else if (FORBIDDEN_ATTRIBUTES.has(attribute)) found.add(`${attribute} attribute`);
      else if (URL_ATTRIBUTES.has(attribute) && unsafeUrl(name, attribute, attr.value)) found.add(`script or document URL in ${name} ${attribute}`);
    }
    if (name === 'template') check((el as HTMLTemplateElement).content, found);
  }
}

/** The kinds of active content in `html` (empty when there is none). */
export function findActiveContent(html: string, parser: HtmlParserLike): string[] {
  const found = new Set<string>();
  const first = parser.parseFromString(`<!doctype html><html><head></head><body>${html}</body></html>`, 'text/html');
  check(first.body, found);
  // The same HTML after one more serialise-and-parse round (what storing, previewing and exporting do).
  const again = parser.parseFromString(`<!doctype html><html><head></head><body>${first.body.innerHTML}</body></html>`, 'text/html');
  const before = found.size;
  check(again.body, found);
  if (found.size > before) found.add('active only after parsing again (mutation XSS)');
  return [...found].sort();
}
