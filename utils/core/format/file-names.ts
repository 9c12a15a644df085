// File and folder names that every file system and the browser's download API accept, and a
// registry that keeps the names of one export apart (FORMAT.md "File name": ` (2)`, ` (3)` …).

const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:\..*)?$/i;
const encoder = new TextEncoder();

/** Characters that Windows, some other file systems or `downloads.download` refuse in a name. */
export function isRefusedChar(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return '\\:*?"<>|'.includes(ch) || code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
const words = new Intl.Segmenter('und', { granularity: 'word' });
// Scripts written without spaces between words: any character boundary is a place to cut. (The
// word segmenter would keep Chinese and Japanese dictionary words whole, but its dictionaries
// differ between browsers' ICU versions, and a file name must be the same everywhere.)
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u3000-\u303f\uff00-\uffef]/u;
// What a cut between words leaves dangling at the end: spaces, dashes, commas, colons.
const DANGLING = /[\s\p{Pd},;:\u3001\uff0c\uff1b\uff1a]+$/u;

/**
 * The longest start of `text` that `fits` and ends at a word boundary: never inside a word of a
 * spaced script (Latin, Cyrillic, Greek, Korean…), never inside a character of one written without
 * spaces (Chinese, Japanese), nor inside a surrogate pair, an emoji sequence or a letter with its
 * combining marks. A single word longer than the room is cut at its last character that fits.
 */
export function cutAtBoundary(text: string, fits: (start: string) => boolean): string {
  if (fits(text)) return text;
  let characterCut = 0;
  for (const { index } of graphemes.segment(text)) {
    if (index > 0 && !fits(text.slice(0, index))) break;
    characterCut = index;
  }
  if (characterCut === 0) return '';
  const before = text.slice(0, characterCut);
  const lastChar = Array.from(before).at(-1) ?? '';
  const nextChar = Array.from(text.slice(characterCut))[0] ?? '';
  if (UNSPACED.test(lastChar) || UNSPACED.test(nextChar)) return before;
  // The last word boundary at or before the cut (segments start at boundaries).
  let wordCut = 0;
  for (const { index } of words.segment(text)) {
    if (index > characterCut) break;
    wordCut = index;
  }
  const atWord = text.slice(0, wordCut).replace(DANGLING, '');
  return atWord === '' ? before : atWord;
}

/** `text` cut to at most `maxBytes` of UTF-8, never inside a character. */
export function cutToBytes(text: string, maxBytes: number): string {
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const size = encoder.encode(ch).length;
    if (bytes + size > maxBytes) break;
    out += ch;
    bytes += size;
  }
  return out;
}

/**
 * One path segment made from free text: `/` becomes `--` (as in FORMAT.md), refused characters
 * `_`, leading and trailing dots and spaces go, and the result fits `maxBytes` of UTF-8 (most file
 * systems allow 255 per name; the margin leaves room for ` (2)` and an extension), cut between
 * words (cutAtBoundary).
 */
export function safeSegment(text: string, maxBytes = 200): string {
  const replaced = Array.from(text.replace(/\//g, '--'))
    .map((ch) => (isRefusedChar(ch) ? '_' : ch))
    .join('');
  const cut = cutAtBoundary(replaced.replace(/^[. ]+/, ''), (start) => encoder.encode(start).length <= maxBytes).replace(/[. ]+$/, '');
  return WINDOWS_RESERVED.test(cut) ? `${cut}_` : cut;
}

/**
 * A relative path whose every segment is safe; `..`, `.` and empty segments are dropped. Only `/`
 * separates folders (a backslash is a refused character like any other).
 */
export function safePath(path: string): string {
  return path
    .split('/')
    .map((segment) => safeSegment(segment))
    .filter((segment) => segment !== '')
    .join('/');
}

function withNumber(path: string, n: number): string {
  if (n === 1) return path;
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  const hasExtension = dot > slash + 1;
  return hasExtension ? `${path.slice(0, dot)} (${n})${path.slice(dot)}` : `${path} (${n})`;
}

/** Names differing only in case or Unicode normalisation are one file on macOS and Windows. */
export const nameKey = (path: string) => path.normalize('NFC').toLowerCase();

export type Claim = { path: string; duplicate: false } | { path: string; duplicate: true };

/**
 * The names given out in one export. A name already given to another article gets ` (2)`,
 * ` (3)` …; the same article (same URL) asking again gets its earlier name back, marked as a
 * duplicate, so it is written once.
 */
export class NameRegistry {
  private readonly owners = new Map<string, string>();

  claim(path: string, url: string): Claim {
    for (let n = 1; ; n += 1) {
      const candidate = withNumber(path, n);
      const key = nameKey(candidate);
      const owner = this.owners.get(key);
      if (owner === undefined) {
        this.owners.set(key, url);
        return { path: candidate, duplicate: false };
      }
      if (owner === url) return { path: candidate, duplicate: true };
    }
  }

  /** Reserves a name that is not an article's (e.g. `manifest.json`). */
  reserve(path: string): void {
    this.owners.set(nameKey(path), '\u0000');
  }
}
