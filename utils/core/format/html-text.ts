// Text in HTML: escaping it, and reading character references back. Stored bodies are serialised
// by a DOM, which writes only the references below, so no table of HTML's named references is needed.

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Text as HTML, safe as element content and as a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/** The source of a character reference pattern (`&#x4e2d;`, `&#25991;`, `&amp;`), for composing patterns. */
export const CHARACTER_REFERENCE = '&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]*);';

/** The character of one reference; an unknown or invalid one is kept as written. */
export function decodeReference(reference: string): string {
  const name = reference.slice(1, -1);
  if (name.startsWith('#')) {
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : reference;
  }
  return NAMED[name] ?? reference;
}

const REFERENCES = new RegExp(CHARACTER_REFERENCE, 'g');

/** `text` with its character references decoded. */
export function decodeReferences(text: string): string {
  return text.replace(REFERENCES, decodeReference);
}
