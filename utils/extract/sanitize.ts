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
const CODE_LANGUAGE_CLASS = /^(?:language|lang)-[\w+#.-]+$/i;

/**
 * A fresh DOMPurify bound to `win` (a fresh instance per call, so the hook below never leaks into
 * other users of DOMPurify and nothing is kept between clips).
 */
function purifier(win: Window) {
  const purify = DOMPurify(win as unknown as WindowLike);
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
  return purify;
}

/** Sanitizes `html` into a string. */
export function sanitizeHtml(html: string, win: Window): string {
  return purifier(win).sanitize(html, SANITIZE_CONFIG);
}

/**
 * Sanitizes `content` (HTML, or an element of an inert document, which DOMPurify copies rather
 * than parsing its serialisation) into the `<body>` of an inert document of DOMPurify's own, for
 * work that goes on in the DOM (normalising) without serialising and parsing the result again.
 */
export function sanitizeToBody(content: string | Element, win: Window): HTMLElement {
  return purifier(win).sanitize(content, { ...SANITIZE_CONFIG, RETURN_DOM: true }) as HTMLElement;
}
