// The one sanitizer policy for page HTML (FORMAT.md "Body"): DOMPurify's defaults, minus anything
// that runs, styles, submits or tracks. Stored clips and previews both go through it.

import DOMPurify, { type Config, type WindowLike } from 'dompurify';

export const SANITIZE_CONFIG = {
  FORBID_TAGS: ['script', 'style', 'iframe', 'frame', 'object', 'embed', 'form', 'input', 'button', 'select', 'textarea'],
  FORBID_ATTR: ['style', 'ping'],
  // A removed control's label or option text would otherwise be left behind as stray words.
  ADD_FORBID_CONTENTS: ['button', 'select', 'textarea'],
  ALLOW_DATA_ATTR: false,
} satisfies Config;

/** `language-js` / `lang-js`: the classes code highlighters (and Markdown converters) read. */
export const CODE_LANGUAGE_CLASS = /^(?:language|lang)-[\w+#.-]+$/i;

/**
 * What is left of a `class` attribute of the element named `tagName`: page classes mean nothing
 * outside the page's CSS (and in the extension's pages they could take on its own styles); only
 * code language classes on `<pre>` and `<code>` carry meaning. '' when nothing is left.
 */
export function meaningfulClasses(tagName: string, value: string): string {
  const tag = tagName.toLowerCase();
  return tag === 'pre' || tag === 'code' ? value.split(/\s+/).filter((c) => CODE_LANGUAGE_CLASS.test(c)).join(' ') : '';
}

type Purify = ReturnType<typeof DOMPurify>;

/**
 * DOMPurify instances per window, set up on first use: setting one up costs about as much as
 * sanitizing a short article. They keep no state between calls that matters (the configuration is
 * set once, with `setConfig`; `removed` is reset at each call). `filtering` has the hook that filters classes;
 * `plain` has none, for HTML whose classes the caller filters (`normalizeElement` does): a hook
 * makes DOMPurify call into it for every attribute, about a fifth of its time on an article.
 */
const purifiers = new WeakMap<Window, { plain?: Purify; filtering?: Purify }>();

/**
 * The DOMPurify bound to `win`, with or without the class hook. DOMPurify's module makes its
 * default instance, bound to the global window, as it loads (in the content script: at each
 * injection); for that window it is the plain one rather than a second one set up. This module
 * is DOMPurify's only user in the extension, so the hook reaches no other code.
 */
function purifier(win: Window, kind: 'plain' | 'filtering'): Purify {
  let known = purifiers.get(win);
  if (!known) purifiers.set(win, (known = {}));
  const cached = known[kind];
  if (cached) return cached;
  const purify = kind === 'plain' && (win as unknown) === globalThis ? DOMPurify : DOMPurify(win as unknown as WindowLike);
  // DOMPurify hands back its input untouched when it cannot run; storing that would be unsafe.
  if (!purify.isSupported) throw new Error('DOMPurify cannot run in this window');
  // Set once: given with each call instead, DOMPurify builds its allow-lists again every time
  // (about 6 % of sanitizing a median post, measured in Chromium).
  purify.setConfig(kind === 'plain' ? { ...SANITIZE_CONFIG, RETURN_DOM: true } : SANITIZE_CONFIG);
  if (kind === 'filtering') {
    purify.addHook('uponSanitizeAttribute', (node, data) => {
      if (data.attrName !== 'class') return;
      const kept = meaningfulClasses(node.nodeName, data.attrValue);
      if (kept) data.attrValue = kept;
      else data.keepAttr = false;
    });
  }
  known[kind] = purify;
  return purify;
}

/** Sanitizes `html` into a string, classes filtered: for showing HTML in the extension's pages. */
export function sanitizeHtml(html: string, win: Window): string {
  return purifier(win, 'filtering').sanitize(html);
}

/**
 * Sanitizes `html` into the `<body>` of an inert document of DOMPurify's own, for work that goes
 * on in the DOM without serialising and parsing the result again. Only for the stored form
 * (`storedBody`): classes are left for `normalizeElement` to filter.
 *
 * A string rather than an element: for an element, DOMPurify (3.4) imports it and then walks the
 * whole copy in script looking for shadow roots before its own walk, which costs more than the
 * browser's serialising and parsing (`npx tsx bench/profile-extract.ts`).
 */
export function sanitizeToBody(html: string, win: Window): HTMLElement {
  return purifier(win, 'plain').sanitize(html) as unknown as HTMLElement;
}
