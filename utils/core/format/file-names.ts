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
// Scripts written without spaces between words: any character boundary is a place to cut.
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Bopomofo}\u3000-\u303f\uff00-\uffef]/u;
// What a cut between words leaves dangling at the end: spaces, dashes, commas, colons.
const DANGLING = /[\s\p{Pd},;:\u3001\uff0c\uff1b\uff1a]+$/u;
// Characters that may join the one before or after into one grapheme (marks, joiners, emoji
// modifiers and flags, Hangul jamo, prepended letters): next to one, only the segmenter can tell.
const JOINS = /[\p{M}\p{Cf}\p{Cc}\u{1F1E6}-\u{1F1FF}\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff\u0d4e\u{111c2}\u{111c3}\u{1193f}\u{11941}\u{11a3a}\u{11a84}-\u{11a89}\u{11d46}]/u;
/** JOINS, or an emoji skin-tone modifier (kept out of the class: a linter reads it as a modified emoji). */
const joins = (ch: string): boolean => {
  const code = ch.codePointAt(0) ?? 0;
  return JOINS.test(ch) || (code >= 0x1f3fb && code <= 0x1f3ff);
};
const WORD_CHAR = /[\p{L}\p{N}\p{M}\p{Pc}]/u;
// Inside a word between letters or digits: "don't", "U.S.", "3.5".
const MID_WORD = /['\u2019.]/;

const codePointBefore = (text: string, at: number): string => {
  const low = text.charCodeAt(at - 1);
  return at >= 2 && low >= 0xdc00 && low <= 0xdfff ? text.slice(at - 2, at) : text.slice(at - 1, at);
};
const codePointAt = (text: string, at: number): string => String.fromCodePoint(text.codePointAt(at) ?? 0).slice(0, text.length - at);

/** True when `at` is surely between graphemes without asking the segmenter (slow: microseconds a character). */
function plainBoundary(text: string, at: number): boolean {
  const before = codePointBefore(text, at);
  const after = codePointAt(text, at);
  return before !== '' && after !== '' && !joins(before) && !joins(after);
}

/** Whether `at` falls inside a word of a spaced script (letters or digits on both sides, or around an apostrophe or dot). */
function insideWord(text: string, at: number): boolean {
  const before = codePointBefore(text, at);
  const after = codePointAt(text, at);
  if (UNSPACED.test(before) || UNSPACED.test(after)) return false;
  if (WORD_CHAR.test(before) && WORD_CHAR.test(after)) return true;
  if (MID_WORD.test(before) && WORD_CHAR.test(after)) return WORD_CHAR.test(codePointBefore(text, at - before.length));
  if (MID_WORD.test(after) && WORD_CHAR.test(before)) return WORD_CHAR.test(codePointAt(text, at + after.length));
  return false;
}

/** The last grapheme boundary at or before `at`. */
function graphemeBoundary(text: string, at: number): number {
  if (at === 0 || at >= text.length || plainBoundary(text, at)) return at;
  // A grapheme is rarely longer than a few dozen code units: that much text after `at` decides.
  let boundary = 0;
  for (const { index } of graphemes.segment(text.slice(0, at + 64))) {
    if (index > at) break;
    boundary = index;
  }
  return boundary;
}

/**
 * The longest start of `text` that `fits` and ends at a word boundary: never inside a word of a
 * spaced script (Latin, Cyrillic, Greek, Korean…), never inside a character of one written without
 * spaces (Chinese, Japanese), nor inside a surrogate pair, an emoji sequence or a letter with its
 * combining marks. A single word longer than the room is cut at its last character that fits.
 * The same everywhere: no browser's word dictionary is asked.
 */
export function cutAtBoundary(text: string, fits: (start: string) => boolean): string {
  if (fits(text)) return text;
  let longest = 0;
  for (let at = 0; at < text.length; ) {
    const next = at + codePointAt(text, at).length;
    if (!fits(text.slice(0, next))) break;
    longest = next;
    at = next;
  }
  const characterCut = graphemeBoundary(text, longest);
  if (characterCut === 0) return '';
  const before = text.slice(0, characterCut);
  if (UNSPACED.test(codePointBefore(text, characterCut)) || UNSPACED.test(codePointAt(text, characterCut))) return before;
  for (let at = characterCut; at > 0; at -= codePointBefore(text, at).length) {
    if (at !== characterCut && !plainBoundary(text, at)) continue;
    if (insideWord(text, at)) continue;
    const atWord = text.slice(0, at).replace(DANGLING, '');
    return atWord === '' ? before : atWord;
  }
  return before;
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
