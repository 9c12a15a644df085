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
 * One DOMPurify per window, set up with the hook below on first use: setting one up costs about
 * as much as sanitizing a short article. It keeps no state between calls that matters (the
 * configuration is read anew at each call; `removed` is reset).
 */
const purifiers = new WeakMap<Window, ReturnType<typeof DOMPurify>>();

/**
 * The DOMPurify bound to `win`. DOMPurify's module makes its default instance, bound to the
 * global window, as it loads (in the content script: at each injection); for that window it is
 * the one used rather than a second one set up. This module is DOMPurify's only user in the
 * extension, so the hook reaches no other code; other windows (tests) get an instance of their own.
 */
function purifier(win: Window) {
  const known = purifiers.get(win);
  if (known) return known;
  const purify = (win as unknown) === globalThis ? DOMPurify : DOMPurify(win as unknown as WindowLike);
  // DOMPurify hands back its input untouched when it cannot run; storing that would be unsafe.
  if (!purify.isSupported) throw new Error('DOMPurify cannot run in this window');
  // Page classes mean nothing outside the page's CSS; only code language classes carry meaning.
  purify.addHook('uponSanitizeAttribute', (node, data) => {
    if (data.attrName !== 'class') return;
    const tag = node.nodeName.toLowerCase();
    const kept = tag === 'pre' || tag === 'code' ? data.attrValue.split(/\s+/).filter((c) => CODE_LANGUAGE_CLASS.test(c)) : [];
    if (kept.length === 0) data.keepAttr = false;
    else data.attrValue = kept.join(' ');
  });
  purifiers.set(win, purify);
  return purify;
}

/** Sanitizes `html` into a string. */
export function sanitizeHtml(html: string, win: Window): string {
  return purifier(win).sanitize(html, SANITIZE_CONFIG);
}

/**
 * Sanitizes `html` into the `<body>` of an inert document of DOMPurify's own, for work that goes
 * on in the DOM (normalising) without serialising and parsing the result again.
 *
 * A string rather than an element: for an element, DOMPurify (3.4) imports it and then walks the
 * whole copy in script looking for shadow roots before its own walk, which costs more than the
 * browser's serialising and parsing (`npx tsx bench/profile-extract.ts`).
 */
export function sanitizeToBody(html: string, win: Window): HTMLElement {
  return purifier(win).sanitize(html, { ...SANITIZE_CONFIG, RETURN_DOM: true }) as HTMLElement;
}
